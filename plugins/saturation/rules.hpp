#pragma once
/// The two stopping rules of `framer saturation`, on a sequence of "new codes per unit" (units in interview
/// order). Pure arithmetic, no project: the tests feed them the published vectors. See docs/saturation.md.

#include <cstddef>
#include <optional>
#include <vector>

namespace framer::saturation {

/// One run of Guest, Namey & Chen (2020): `length` consecutive units starting at `first` (0-based).
struct Run {
    std::size_t first = 0;
    std::size_t length = 0;
    std::size_t new_codes = 0;  ///< codes first seen in the run's units
    double ratio = 0;           ///< new_codes / base_codes
    bool at_or_under = false;   ///< ratio <= threshold
};

/// Guest, Namey & Chen 2020 (PLoS ONE 15(5): e0232076): base = the codes found in the first `base` units;
/// runs of `run` consecutive units start right after the base and slide by one unit; each run's new codes are
/// divided by the base's codes (the denominator stays the base). Saturation is reached at the first run at or
/// under the threshold, "B'+R" with B' the units before that run (qdaR's convention).
struct Guest {
    std::size_t base = 4, run = 2;
    double threshold = 0.05;
    bool too_few_units = false;       ///< fewer than base + run units: no run can be formed
    bool empty_base = false;          ///< no codes in the base: every ratio would divide by zero
    std::size_t base_codes = 0;
    std::vector<Run> runs;            ///< every run (all of them, also after the confirming one)
    std::optional<std::size_t> confirming;       ///< index into runs of the first run at or under the threshold
    std::optional<std::size_t> saturated_after;  ///< B': units before the confirming run
};

/// Applies Guest et al.'s rule. `base` and `run` must be at least 1; `threshold` in [0, 1].
Guest guest_rule(const std::vector<std::size_t>& new_per_unit, std::size_t base, std::size_t run, double threshold);

/// The paper's rule: "the last K units introduced nothing new".
struct Window {
    std::size_t k = 5;
    bool holds = false;               ///< the last k units (at least k of them) added no new code
    /// The first point where k consecutive units had added nothing new: the number of units seen by then
    /// (the position of the window's last unit, 1-based); empty when no k consecutive units did.
    std::optional<std::size_t> first_held_after;
    std::optional<std::size_t> last_new;  ///< 1-based position of the last unit that added a code
};

/// Applies the window rule; `k` must be at least 1.
Window window_rule(const std::vector<std::size_t>& new_per_unit, std::size_t k);

}  // namespace framer::saturation

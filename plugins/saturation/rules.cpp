// The stopping rules as plain arithmetic on "new codes per unit", so they can be checked against the published
// vectors (qdaR's tests) without building a project.
#include "saturation/rules.hpp"

namespace framer::saturation {

Guest guest_rule(const std::vector<std::size_t>& new_per_unit, std::size_t base, std::size_t run, double threshold) {
    Guest g;
    g.base = base;
    g.run = run;
    g.threshold = threshold;
    const std::size_t n = new_per_unit.size();
    for (std::size_t u = 0; u < base && u < n; ++u) g.base_codes += new_per_unit[u];
    if (n < base + run) {
        g.too_few_units = true;
        return g;
    }
    if (g.base_codes == 0) {
        g.empty_base = true;
        return g;
    }
    for (std::size_t first = base; first + run <= n; ++first) {
        Run r;
        r.first = first;
        r.length = run;
        for (std::size_t u = first; u < first + run; ++u) r.new_codes += new_per_unit[u];
        r.ratio = static_cast<double>(r.new_codes) / static_cast<double>(g.base_codes);
        // Compared as new <= threshold x base (with a hair of slack), not as a quotient: 1/20 against "5%"
        // must count as at the threshold whatever the rounding of either side.
        r.at_or_under = static_cast<double>(r.new_codes) <= threshold * static_cast<double>(g.base_codes) + 1e-9;
        if (r.at_or_under && !g.confirming) {
            g.confirming = g.runs.size();
            g.saturated_after = first;
        }
        g.runs.push_back(r);
    }
    return g;
}

Window window_rule(const std::vector<std::size_t>& new_per_unit, std::size_t k) {
    Window w;
    w.k = k;
    std::size_t quiet = 0;  // consecutive units without a new code, up to the current one
    for (std::size_t u = 0; u < new_per_unit.size(); ++u) {
        if (new_per_unit[u] > 0) {
            quiet = 0;
            w.last_new = u + 1;
        } else if (++quiet >= k && !w.first_held_after) {
            w.first_held_after = u + 1;
        }
    }
    w.holds = quiet >= k;
    return w;
}

}  // namespace framer::saturation

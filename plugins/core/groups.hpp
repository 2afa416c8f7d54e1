#pragma once
/// The columns of tabulate and describe: units grouped by the values of one variable.

#include <cstdint>
#include <string>
#include <vector>

#include "core/units.hpp"

namespace framer {

/// The column of units without a value for the --by variable (never dropped silently).
inline constexpr const char* no_value_group = "(no value)";

struct Grouping {
    std::string by;                    ///< the variable's name; empty: no grouping
    std::vector<std::string> groups;   ///< values in natural order, then "(no value)" if some unit lacks one
    std::vector<int> group_of;         ///< per unit: index into groups (-1 without grouping)
    std::vector<std::int64_t> sizes;   ///< [0] all units, then per group
};

/// Groups `units` by the variable named `by` (resolved with resolve_variable: throws UsageError when unknown);
/// an empty `by` gives the total only.
Grouping group_units(const refi::Project& project, const std::vector<Unit>& units, const std::string& by);

}  // namespace framer

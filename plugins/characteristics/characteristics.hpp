#pragma once
/// The "describe" analysis: participant characteristics by group (the seed paper's Table 1).

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// Options: "by" (variable; optional), "vars" (repeatable; default every variable but --by, in project
/// order), "unit" (case|source), "decimals" (0-6, for percentages). Categorical (Text) and Boolean variables
/// give N (%) per value with the units that have a value as the base, "N/A" where no unit of a group has
/// one; numeric (Integer, Float) give mean (range); dates give the range. Throws UsageError for unknown names.
std::unique_ptr<Analysis> make_characteristics_analysis();

}  // namespace framer

#pragma once
/// Percentages as papers print them: n / base × 100, rounded half up (6 of 15 is 40, 5 of 8 is 63).

#include <cstdint>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"

namespace framer {

/// n / base × 100 rounded half up to `decimals` places, exactly (integer arithmetic, no binary-float
/// surprises such as 62.49999). Returns the value scaled by 10^decimals; base must be > 0.
std::int64_t percent_scaled(std::int64_t n, std::int64_t base, int decimals);
/// The rounded percent as text ("40", "40.0"); "–" when base is 0.
std::string percent_text(std::int64_t n, std::int64_t base, int decimals);
/// {"n", "base", "percent"}: percent an integer for 0 decimals, a number otherwise, null when base is 0.
Json count_json(std::int64_t n, std::int64_t base, int decimals);
/// "N (%)" as in the paper's tables: "26 (62)".
std::string count_text(std::int64_t n, std::int64_t base, int decimals);
/// A right-aligned cell showing count_text, carrying the count and the rounded percent (has_count) when
/// base > 0.
Cell count_cell(std::int64_t n, std::int64_t base, int decimals);
/// Throws UsageError unless 0 <= decimals <= 6 (the value of --decimals).
int parse_decimals(const std::string& text);

}  // namespace framer

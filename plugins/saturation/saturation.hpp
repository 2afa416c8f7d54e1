#pragma once
/// The "saturation" analysis: units in interview order, the codes (or themes) each one adds, and two stopping
/// rules: "the last K units introduced nothing new" and Guest, Namey & Chen 2020's base/run/threshold. Options:
/// order, base, run, threshold, window, level, by, coder, unit. See docs/saturation.md.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// A new saturation analysis (registered as "saturation").
std::unique_ptr<Analysis> make_saturation_analysis();

}  // namespace framer

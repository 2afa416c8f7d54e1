#pragma once
/// The "chart" analysis: framework matrices (units × subthemes, excerpts and summaries in the cells) and the
/// per-unit thematic chart. Options: unit (case|source), theme (repeatable; name, path or GUID), flat,
/// show (repeatable variable names), per-unit. See docs/chart.md.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// A new chart analysis (registered as "chart").
std::unique_ptr<Analysis> make_chart_analysis();

}  // namespace framer

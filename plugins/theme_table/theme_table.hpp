#pragma once
/// The "tabulate" analysis: participants per code, overall and by group (the seed paper's Table 2).

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// Options: "by" (variable; optional), "unit" (case|source), "coder" (user name, id or GUID), "applies"
/// (repeatable "CODE=VARIABLE:VALUE"), "decimals" (0-6). Throws UsageError for unknown names.
/// Result: one document table ("N (%)" cells, indentation by depth, footnotes for --applies), one csv table
/// (n, base, percent per column, code path and GUID), and the json of issue 3.
std::unique_ptr<Analysis> make_theme_table_analysis();

}  // namespace framer

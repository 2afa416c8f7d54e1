#pragma once
/// The layout options tabulate and describe share (--title, --label, --no-total): they change how the
/// document table reads, never the numbers; csv and json keep every column and the raw group values.

#include <string>
#include <vector>

#include "core/groups.hpp"
#include "core/plugin.hpp"

namespace framer {

struct TableLayout {
    std::string title;                ///< --title; empty: the analysis' own title
    std::vector<std::string> labels;  ///< per group: its header label (--label VALUE=LABEL, else the value)
    bool total = true;                ///< false under --no-total
};

/// Reads the options "title", "label" (repeatable, VALUE=LABEL) and "no-total". Throws UsageError for a label
/// without '=' or one naming a value that is not a group (listing the groups and near matches), and for
/// --no-total without --by (a table with no column left).
TableLayout parse_layout(const Options& options, const Grouping& grouping);

/// "Service users (N=48)": a group's header.
std::string group_header(const TableLayout& layout, const Grouping& grouping, std::size_t group);

/// Removes column `column` from the header and every row (cells after it move left; footnotes stay).
void drop_column(Table& table, std::size_t column);

}  // namespace framer

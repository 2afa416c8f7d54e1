// Shared layout options: a paper's table has its own words ("Service users", no Total column, its own
// title); typing them into the exported file by hand would be lost on the next run.
#include "core/layout.hpp"

#include <algorithm>

#include "core/units.hpp"

namespace framer {

TableLayout parse_layout(const Options& options, const Grouping& grouping) {
    TableLayout layout;
    layout.title = options.get("title");
    layout.total = !options.has("no-total");
    layout.labels = grouping.groups;
    if (!layout.total && grouping.groups.empty())
        throw UsageError("--no-total needs --by: without groups the Total is the only column");
    for (const auto& spec : options.get_all("label")) {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--label '" + spec + "': expected VALUE=LABEL (e.g. \"Service user=Service users\")");
        std::string value = spec.substr(0, eq), label = spec.substr(eq + 1);
        auto it = std::find(grouping.groups.begin(), grouping.groups.end(), value);
        if (it == grouping.groups.end()) {
            std::string known;
            for (const auto& g : grouping.groups) known += (known.empty() ? "'" : ", '") + g + "'";
            throw UsageError("--label '" + spec + "': no group '" + value + "'" + did_you_mean(value, grouping.groups) +
                             (known.empty() ? std::string("; give --by first") : "; groups: " + known));
        }
        layout.labels[static_cast<std::size_t>(it - grouping.groups.begin())] = label;
    }
    return layout;
}

std::string group_header(const TableLayout& layout, const Grouping& grouping, std::size_t group) {
    return layout.labels[group] + " (N=" + std::to_string(grouping.sizes[group + 1]) + ")";
}

void drop_column(Table& table, std::size_t column) {
    auto drop = [&](std::vector<Cell>& row) {
        if (column < row.size()) row.erase(row.begin() + static_cast<std::ptrdiff_t>(column));
    };
    for (auto& row : table.header) drop(row);
    for (auto& row : table.rows) drop(row);
    if (table.row_stream) {  // streamed rows lose the column as they pass
        table.row_stream = [inner = std::move(table.row_stream), column](const RowSink& take) {
            std::vector<Cell> row;
            inner([&](const std::vector<Cell>& streamed) {
                row = streamed;
                if (column < row.size()) row.erase(row.begin() + static_cast<std::ptrdiff_t>(column));
                return take(row);
            });
        };
    }
    auto& hidden = table.hidden_columns;
    hidden.erase(std::remove(hidden.begin(), hidden.end(), static_cast<int>(column)), hidden.end());
    for (int& h : hidden)
        if (h > static_cast<int>(column)) --h;
    if (column < table.column_widths.size())
        table.column_widths.erase(table.column_widths.begin() + static_cast<std::ptrdiff_t>(column));
}

}  // namespace framer

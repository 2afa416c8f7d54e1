// Shared table queries for the exporters, so every format agrees on what is shown and how footnotes are lettered.
#include "core/table_util.hpp"

#include <algorithm>

namespace framer {

std::vector<const Table*> document_tables(const Result& result) {
    std::vector<const Table*> out;
    for (const auto& t : result.tables)
        if (!t.csv_only) out.push_back(&t);
    return out;
}

std::vector<const Table*> prose_document_tables(const Result& result) {
    std::vector<const Table*> out;
    for (const Table* t : document_tables(result))
        if (!(t->prose_alternative && !result.blocks.empty())) out.push_back(t);
    return out;
}

std::vector<const Table*> csv_tables(const Result& result) {
    std::vector<const Table*> out;
    for (const auto& t : result.tables)
        if (t.csv) out.push_back(&t);
    if (out.empty() && !result.tables.empty()) out.push_back(&result.tables.front());
    return out;
}

void for_each_row(const Table& table, const std::function<void(const std::vector<Cell>&)>& f) {
    for_each_row_while(table, [&](const std::vector<Cell>& row) {
        f(row);
        return true;
    });
}

bool for_each_row_while(const Table& table, const RowSink& f) {
    for (const auto& row : table.rows)
        if (!f(row)) return false;
    if (!table.row_stream) return true;
    // A stream that goes on after being told to stop is not passed its further rows.
    bool stopped = false;
    table.row_stream([&](const std::vector<Cell>& row) {
        if (stopped) return false;
        stopped = !f(row);
        return !stopped;
    });
    return !stopped;
}

void for_each_visible_row(const Table& table, const std::function<void(std::size_t, const std::vector<Cell>&)>& f) {
    for_each_visible_row_while(table, [&](std::size_t index, const std::vector<Cell>& row) {
        f(index, row);
        return true;
    });
}

bool for_each_visible_row_while(const Table& table,
                                const std::function<bool(std::size_t, const std::vector<Cell>&)>& f) {
    std::size_t index = 0;
    return for_each_row_while(table, [&](const std::vector<Cell>& row) {
        const std::size_t r = index++;
        return row_hidden(table, r) || f(r, row);
    });
}

bool has_rows(const Table& table) {
    if (!table.rows.empty()) return true;
    return !for_each_row_while(table, [](const std::vector<Cell>&) { return false; });
}

std::vector<bool> numeric_columns(const Table& table, const std::vector<std::size_t>& columns) {
    std::vector<bool> numeric(columns.size(), true);
    bool any = false;
    std::size_t left = columns.size();  // columns still numeric
    for_each_row_while(table, [&](const std::vector<Cell>& row) {
        any = true;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (!numeric[k]) continue;
            const Cell& cell = cell_at(row, columns[k]);
            if (!cell.numeric && !cell.text.empty()) {
                numeric[k] = false;
                --left;
            }
        }
        return left > 0;
    });
    if (!any) numeric.assign(columns.size(), false);
    return numeric;
}

std::size_t column_count(const Table& table) {
    std::size_t n = 0;
    for (const auto& r : table.header) n = std::max(n, r.size());
    for (const auto& r : table.rows) n = std::max(n, r.size());
    return n;
}

std::vector<std::size_t> visible_columns(const Table& table) {
    std::vector<std::size_t> out;
    for (std::size_t c = 0; c < column_count(table); ++c)
        if (std::find(table.hidden_columns.begin(), table.hidden_columns.end(), static_cast<int>(c)) ==
            table.hidden_columns.end())
            out.push_back(c);
    return out;
}

bool row_hidden(const Table& table, std::size_t row) {
    return std::find(table.hidden_rows.begin(), table.hidden_rows.end(), static_cast<int>(row)) !=
           table.hidden_rows.end();
}

const Cell& cell_at(const std::vector<Cell>& row, std::size_t column) {
    static const Cell empty;
    return column < row.size() ? row[column] : empty;
}

std::string footnote_marker(int index) {
    // Spreadsheet-style letters: a..z, aa..az, ... (a paper rarely has more than a few).
    std::string out;
    int n = index + 1;
    while (n > 0) {
        --n;
        out.insert(out.begin(), static_cast<char>('a' + n % 26));
        n /= 26;
    }
    return out;
}

bool footnote_referenced(const Table& table, int index) {
    auto refers = [&](const std::vector<Cell>& row) {
        for (const auto& c : row)
            if (std::find(c.footnotes.begin(), c.footnotes.end(), index) != c.footnotes.end()) return true;
        return false;
    };
    for (const auto& r : table.header)
        if (refers(r)) return true;
    return !for_each_row_while(table, [&](const std::vector<Cell>& row) { return !refers(row); });
}

}  // namespace framer

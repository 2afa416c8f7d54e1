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
    for (const auto& row : table.rows) f(row);
    if (table.row_stream) table.row_stream(f);
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
    auto refers = [&](const std::vector<std::vector<Cell>>& rows) {
        for (const auto& r : rows)
            for (const auto& c : r)
                if (std::find(c.footnotes.begin(), c.footnotes.end(), index) != c.footnotes.end()) return true;
        return false;
    };
    return refers(table.header) || refers(table.rows);
}

}  // namespace framer

#pragma once
/// What every exporter needs to know about a Result's tables: which tables it shows, which columns are
/// visible, and the letter of each footnote.

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace framer {

/// Tables for document formats (md, html, latex, xlsx): all but those marked csv_only.
std::vector<const Table*> document_tables(const Result& result);
/// Tables for formats that render Result::blocks (md, html): the document tables, less those that only repeat
/// the blocks (Table::prose_alternative) when there are blocks.
std::vector<const Table*> prose_document_tables(const Result& result);
/// Tables for csv: those marked csv, else the first table.
std::vector<const Table*> csv_tables(const Result& result);
/// Calls `f` with each body row: Table::rows, then the rows of Table::row_stream. Exporters read body rows only
/// through these functions, so a streamed table shows every row in every format.
void for_each_row(const Table& table, const std::function<void(const std::vector<Cell>&)>& f);
/// As for_each_row, stopping at the first row for which `f` returns false; false when it stopped early.
bool for_each_row_while(const Table& table, const RowSink& f);
/// Calls `f` with the index (into the body rows) and the cells of each body row not in Table::hidden_rows.
void for_each_visible_row(const Table& table, const std::function<void(std::size_t, const std::vector<Cell>&)>& f);
/// As for_each_visible_row, stopping at the first row for which `f` returns false; false when it stopped early.
bool for_each_visible_row_while(const Table& table,
                                const std::function<bool(std::size_t, const std::vector<Cell>&)>& f);
/// True when the table has a body row (held or streamed; hidden ones count).
bool has_rows(const Table& table);
/// For each of `columns`: true when the table has body rows and every non-empty body cell of the column (hidden
/// rows included) is numeric (md and txt right-align such columns). One pass, stopped once no column can be.
std::vector<bool> numeric_columns(const Table& table, const std::vector<std::size_t>& columns);
/// The number of columns: the longest header or held body row (streamed rows are no wider than the header).
std::size_t column_count(const Table& table);
/// Column indices that document formats show (all but Table::hidden_columns), in order.
std::vector<std::size_t> visible_columns(const Table& table);
/// True when `row` (an index into the body rows, as for_each_row counts them) is in Table::hidden_rows.
bool row_hidden(const Table& table, std::size_t row);
/// The cell at (row, column), or an empty cell when the row is short.
const Cell& cell_at(const std::vector<Cell>& row, std::size_t column);
/// The marker of footnote `index`: "a", "b", ..., "z", "aa", ...
std::string footnote_marker(int index);
/// True when some cell of the table refers to footnote `index` (such footnotes are shown with their marker;
/// others are plain notes under the table).
bool footnote_referenced(const Table& table, int index);

}  // namespace framer

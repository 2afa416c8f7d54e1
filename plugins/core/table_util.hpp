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
/// Calls `f` with each body row: Table::rows, then the rows of Table::row_stream.
void for_each_row(const Table& table, const std::function<void(const std::vector<Cell>&)>& f);
/// The number of columns: the longest header or body row (the header's for Table::row_stream rows).
std::size_t column_count(const Table& table);
/// Column indices that document formats show (all but Table::hidden_columns), in order.
std::vector<std::size_t> visible_columns(const Table& table);
/// True when `row` (an index into Table::rows) is in Table::hidden_rows.
bool row_hidden(const Table& table, std::size_t row);
/// The cell at (row, column), or an empty cell when the row is short.
const Cell& cell_at(const std::vector<Cell>& row, std::size_t column);
/// The marker of footnote `index`: "a", "b", ..., "z", "aa", ...
std::string footnote_marker(int index);
/// True when some cell of the table refers to footnote `index` (such footnotes are shown with their marker;
/// others are plain notes under the table).
bool footnote_referenced(const Table& table, int index);

}  // namespace framer

#pragma once
/// Excel exporter ("xlsx", binary): a formatted workbook (SpreadsheetML, written by xlsx_sheet/xlsx_package).

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The xlsx exporter: one sheet per document table (names made valid and unique: at most 31 characters,
/// none of []:*?/\), header rows bold, cells bold/indented/wrapped/right-aligned per the Cell hints, editable
/// cells unlocked and highlighted, panes frozen below the header rows and right of Table::frozen_columns,
/// hidden columns and rows hidden, footnotes (and the result's notes, on the first sheet) under the table.
/// Throws refi::Error when the workbook cannot be written, std::runtime_error when the temporary file fails.
std::unique_ptr<Exporter> make_xlsx_exporter();

/// The sheet names the exporter gives `names`, in order (exposed for tests and for readers of edited sheets).
std::vector<std::string> xlsx_sheet_names(const std::vector<std::string>& names);

}  // namespace framer

#pragma once
/// Plain-text exporter ("txt"): aligned tables for a terminal, the default when stdout is one.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The txt exporter: title underlined with '=', notes and footnotes wrapped, one section per document table.
/// A table that fits the width is an aligned grid (numbers right-aligned, long text wrapped, indentation
/// as two spaces per level); a table too wide for it (a chart) is written as one block per row, each
/// non-empty cell under its column's name. No line is longer than the width: COLUMNS when set, else the
/// terminal's width when stdout is a terminal, else 80. Widths count code points (wide CJK characters
/// count as one).
std::unique_ptr<Exporter> make_txt_exporter();

/// The exporter writing at a fixed width (tests; values below 20 are taken as 20).
std::unique_ptr<Exporter> make_txt_exporter(int width);

/// The width make_txt_exporter() uses now: COLUMNS, else the terminal's width, else 80.
int txt_output_width();

}  // namespace framer

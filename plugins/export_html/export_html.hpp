#pragma once
/// HTML exporter ("html"): one self-contained page.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The html exporter: one page with inline CSS (no external files), a nav listing the tables, a section per
/// table with a sticky header row and first column, footnotes under each table. All text is escaped.
std::unique_ptr<Exporter> make_html_exporter();

}  // namespace framer

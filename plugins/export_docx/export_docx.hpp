#pragma once
/// Word exporter ("docx", binary): every document table as a real Word table, in a WordprocessingML package
/// written with libzip.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The docx exporter: the result's title and notes, then per document table a heading, a Word table (header
/// rows bold, shaded and repeated on every printed page; cells bold/indented/right-aligned per the Cell hints;
/// editable cells shaded; hidden columns and rows left out, as in the other document formats) and its footnotes
/// as table notes under it, marked a, b, ... Tables with wrapped text (charts) or more than five columns get
/// a landscape A4 section, the others portrait A4. Text that XML cannot hold (C0 controls, broken UTF-8) is
/// replaced by U+FFFD. Throws std::runtime_error when libzip fails.
std::unique_ptr<Exporter> make_docx_exporter();

}  // namespace framer

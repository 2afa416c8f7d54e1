#pragma once
/// Markdown exporter ("md"): GitHub/pandoc pipe tables.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The md exporter: title as "#", notes as paragraphs, one "##" section and pipe table per document table,
/// indentation as non-breaking space characters (U+00A0, not &nbsp;), header rows joined by spaces, bold as **, footnote markers as Markdown footnotes ([^a]).
std::unique_ptr<Exporter> make_markdown_exporter();

}  // namespace framer

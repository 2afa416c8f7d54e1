#pragma once
/// How a table is laid out in LaTeX so that it fits the text block: orientation, font size, column widths.

#include <string>
#include <vector>

#include "core/result.hpp"

namespace framer::latex {

struct Layout {
    bool landscape = false;   ///< charts and tables of many columns: a pdflscape page
    bool long_table = false;  ///< longtable (breaks across pages, header repeated) rather than a table float
    std::string size;         ///< a font size command ("\\small", ...) or empty for the document's size
    int tabcolsep_pt = 0;     ///< 0: the document's \tabcolsep; else narrower padding for a wide table
    std::vector<std::size_t> columns;  ///< the visible columns, less the empty summary columns
    std::size_t empty_summaries = 0;   ///< chart summary columns left out because no row has a summary
    std::vector<bool> numeric;         ///< per visible column: right-aligned
    /// Per visible column, the column's width as a TeX dimension: a fixed width in em for numbers and short
    /// text, or, for the long text columns, their shortest safe width plus a share of what \linewidth leaves.
    std::vector<std::string> widths;
};

/// Chooses the layout for `table`. Widths are estimated from Latin Modern glyph widths (bold wider) against an
/// A4 article text block (345 pt, 598 pt in landscape); the widths written are relative to \linewidth, so a
/// wider or narrower block keeps the table inside it and only the long text columns change width.
Layout layout(const Table& table);

/// Estimated width in em of the widest line of `text` (`bold`: in bold face).
double line_em(const std::u32string& text, bool bold);
/// Estimated width in em of the widest word of `text` (the narrowest a column can be without an overfull line).
double word_em(const std::u32string& text, bool bold);

}  // namespace framer::latex

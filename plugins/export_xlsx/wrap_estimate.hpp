#pragma once
/// How many lines a cell's text takes when wrapped in a column: Excel and LibreOffice do not grow a row for
/// wrapped text a library writes, so the xlsx exporter sets each row's height from this estimate (and widens a
/// column whose text would need a row taller than Excel allows). It runs for every wrapping cell of a chart, in
/// the exporter's measuring pass and again in its writing pass, so it is one pass over the text with no
/// allocation, and a cheaper bound (max_wrapped_lines) spares it where the answer cannot matter.

#include <cstddef>
#include <limits>
#include <string_view>

namespace framer::xlsx {

/// Characters on a line of a column `width` characters wide at indentation level `indent`, allowing for wide
/// fonts (0.85 characters per unit of width), never fewer than 4.
std::size_t chars_per_line(double width, int indent);

/// Lines `text` takes when wrapped greedily at spaces into lines of `per_line` code points: each line feed starts
/// a paragraph (an empty one takes a line), runs of spaces separate words, and a word longer than a line is
/// broken. Counting stops once `limit` lines are reached (the result is then at least `limit`, not exact).
std::size_t wrapped_lines(std::string_view text, std::size_t per_line,
                          std::size_t limit = std::numeric_limits<std::size_t>::max());

/// What bounds wrapped_lines at any width: the paragraphs (line feeds + 1) and the code points that are not
/// line feeds.
struct TextExtent {
    std::size_t paragraphs = 1;
    std::size_t code_points = 0;
};
TextExtent text_extent(std::string_view text);

/// wrapped_lines(text, per_line) is never more than this: of two consecutive lines of a paragraph, the second
/// begins with a word that did not fit on the first (or continues a broken word on a full line), so together
/// they hold at least `per_line` code points; a paragraph of n code points takes at most 2 * (n / per_line) + 1.
inline std::size_t max_wrapped_lines(const TextExtent& extent, std::size_t per_line) {
    return extent.paragraphs + 2 * (extent.code_points / per_line);
}

}  // namespace framer::xlsx

// Line counts of wrapped text: one pass over the bytes, words measured as they are read.
#include "export_xlsx/wrap_estimate.hpp"

#include <algorithm>

namespace framer::xlsx {

std::size_t chars_per_line(double width, int indent) {
    constexpr double chars_per_width = 0.85;  // characters per unit of column width, allowing for wide fonts
    return static_cast<std::size_t>(std::max(4.0, (width - 1.0 - 1.5 * indent) * chars_per_width));
}

std::size_t wrapped_lines(std::string_view text, std::size_t per_line, std::size_t limit) {
    std::size_t lines = 0;  // of the paragraphs before this one
    std::size_t count = 1;  // lines of this paragraph so far
    std::size_t used = 0;   // code points on its last line
    std::size_t word = 0;   // code points of the word being read
    auto place_word = [&] {
        if (word == 0) return;  // (a run of spaces)
        const std::size_t need = used ? used + 1 + word : word;
        if (need <= per_line) {
            used = need;
        } else {
            if (used) ++count;
            count += (word - 1) / per_line;
            used = (word - 1) % per_line + 1;
        }
        word = 0;
    };
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == ' ') {
            place_word();
        } else if (c == '\n') {
            place_word();
            lines += count;
            if (lines >= limit) return lines;
            count = 1;
            used = 0;
        } else if ((c & 0xC0) != 0x80) {  // (UTF-8 continuation bytes are not code points)
            ++word;
        }
    }
    place_word();
    return lines + count;
}

TextExtent text_extent(std::string_view text) {
    std::size_t line_feeds = 0, starts = 0;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        line_feeds += c == '\n';
        starts += (c & 0xC0) != 0x80;
    }
    return {line_feeds + 1, starts - line_feeds};
}

}  // namespace framer::xlsx

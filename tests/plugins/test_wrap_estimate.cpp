// The xlsx exporter's line estimate (export_xlsx/wrap_estimate.cpp) is one pass over the bytes with an early stop
// and a cheap bound in front of it. Checked against the estimate as it was written before (paragraphs split at
// line feeds, words found at spaces, each measured on its own) over many generated texts and widths, and on
// spelled-out cases; and the bound is checked never to be below the count (row heights rely on that).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "export_xlsx/wrap_estimate.hpp"

using framer::xlsx::chars_per_line;
using framer::xlsx::max_wrapped_lines;
using framer::xlsx::text_extent;
using framer::xlsx::wrapped_lines;

namespace {

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// The estimate as export_xlsx.cpp computed it before it was made one pass.
std::size_t reference_lines(std::string_view text, std::size_t per_line) {
    std::size_t lines = 0, start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        std::string_view paragraph = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::size_t used = 0, count = 1, pos = 0;
        while (pos < paragraph.size()) {
            std::size_t next = paragraph.find(' ', pos);
            if (next == std::string::npos) next = paragraph.size();
            std::size_t word = code_points(paragraph.substr(pos, next - pos));
            pos = next + 1;
            if (word == 0) continue;
            std::size_t need = used ? used + 1 + word : word;
            if (need <= per_line) { used = need; continue; }
            if (used) ++count;
            count += (word - 1) / per_line;
            used = (word - 1) % per_line + 1;
        }
        lines += count;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

// Deterministic texts of words of 1 to 30 letters (some two- and three-byte), single and double spaces, line
// feeds and blank lines.
std::string generated_text(std::uint32_t seed, std::size_t pieces) {
    std::uint32_t state = seed * 2654435761u + 1;
    auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    std::string text;
    for (std::size_t i = 0; i < pieces; ++i) {
        switch (next() % 10) {
            case 0: text += '\n'; break;
            case 1: text += "\n\n"; break;
            case 2: text += "  "; break;
            default: {
                std::size_t letters = 1 + next() % 30;
                for (std::size_t k = 0; k < letters; ++k) {
                    switch (next() % 8) {
                        case 0: text += "\xC3\xA9"; break;       // é
                        case 1: text += "\xE2\x80\x93"; break;   // –
                        default: text += static_cast<char>('a' + next() % 26);
                    }
                }
                text += ' ';
            }
        }
    }
    return text;
}

}  // namespace

TEST_CASE("Wrapped line counts are those of the word-by-word estimate, for many texts and widths") {
    for (std::uint32_t seed = 0; seed < 300; ++seed) {
        const std::string text = generated_text(seed, seed % 60);
        for (std::size_t per_line : {4u, 5u, 7u, 12u, 33u, 50u, 101u}) {
            INFO("seed " << seed << ", " << per_line << " per line: " << text);
            const std::size_t expected = reference_lines(text, per_line);
            CHECK(wrapped_lines(text, per_line) == expected);
            CHECK(max_wrapped_lines(text_extent(text), per_line) >= expected);
            for (std::size_t limit : {1u, 2u, 5u, 28u}) {
                const std::size_t stopped = wrapped_lines(text, per_line, limit);
                if (expected < limit) CHECK(stopped == expected);
                else CHECK(stopped >= limit);
            }
        }
    }
}

TEST_CASE("Wrapped line counts of spelled-out texts: paragraphs, long words, spaces, UTF-8") {
    CHECK(wrapped_lines("", 10) == 1);
    CHECK(wrapped_lines("\n", 10) == 2);
    CHECK(wrapped_lines("a\n\nb", 10) == 3);
    CHECK(wrapped_lines("ab cd", 5) == 1);
    CHECK(wrapped_lines("ab cd", 4) == 2);
    CHECK(wrapped_lines("abcdefghij", 4) == 3);        // a word longer than a line is broken
    CHECK(wrapped_lines("ab abcdefghij", 4) == 4);     // ... on lines of its own
    CHECK(wrapped_lines("ab    cd", 5) == 1);          // runs of spaces separate words once
    CHECK(wrapped_lines("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 4) == 1);  // code points, not bytes
    CHECK(wrapped_lines("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 4) == 2);
}

TEST_CASE("The text extent counts paragraphs and the code points that are not line feeds") {
    auto e = text_extent("a\xC3\xA9\n\nb c");
    CHECK(e.paragraphs == 3);
    CHECK(e.code_points == 5);
    CHECK(text_extent("").paragraphs == 1);
    CHECK(text_extent("").code_points == 0);
}

TEST_CASE("Characters per line follow the column width and indentation, never fewer than four") {
    CHECK(chars_per_line(60, 0) == 50);   // (60 - 1) * 0.85 = 50.15
    CHECK(chars_per_line(40, 0) == 33);   // 39 * 0.85 = 33.15
    CHECK(chars_per_line(60, 2) == 47);   // (60 - 1 - 3) * 0.85 = 47.6
    CHECK(chars_per_line(3, 0) == 4);
    CHECK(chars_per_line(10, 15) == 4);
}

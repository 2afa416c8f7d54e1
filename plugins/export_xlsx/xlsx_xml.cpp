#include "export_xlsx/xlsx_xml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace framer::xlsx {
namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

/// Where the next byte the escaper must look at lies ('&', '<', '>', '"' or '_'), from `i`; text.size() if none.
/// Sixteen bytes at a time: excerpts are long and nearly all of their bytes need nothing.
std::size_t next_special(std::string_view text, std::size_t i) {
#if defined(__SSE2__)
    const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
                  quote = _mm_set1_epi8('"'), under = _mm_set1_epi8('_');
    for (; i + 16 <= text.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quote)),
                                                      _mm_cmpeq_epi8(v, under)));
        const int mask = _mm_movemask_epi8(hit);
        if (mask) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '&' || c == '<' || c == '>' || c == '"' || c == '_') return i;
    }
    return text.size();
}

/// The one escaper: &, < and > always; `quotes`: '"' too (attribute values); `xstring`: Excel's own escape.
template <class Out>
void escape(Out& out, std::string_view text, bool xstring, bool quotes) {
    std::size_t done = 0;
    for (std::size_t i = next_special(text, 0); i < text.size(); i = next_special(text, i + 1)) {
        const char* replacement = nullptr;
        switch (text[i]) {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '"':
            if (quotes) replacement = "&quot;";
            break;
        default:
            if (xstring && excel_escape_at(text, i)) replacement = "_x005F_";
            break;
        }
        if (!replacement) continue;
        out.append(text.data() + done, i - done);
        out.append(replacement, std::strlen(replacement));
        done = i + 1;
    }
    out.append(text.data() + done, text.size() - done);
}

}  // namespace

bool excel_escape_at(std::string_view text, std::size_t i) {
    return i + 7 <= text.size() && text[i] == '_' && text[i + 1] == 'x' && is_hex(text[i + 2]) && is_hex(text[i + 3]) &&
           is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_';
}

void append_text(std::string& out, std::string_view text) { escape(out, text, true, false); }
void append_text(ByteSink& out, std::string_view text) { escape(out, text, true, false); }
void append_plain_text(std::string& out, std::string_view text) { escape(out, text, false, false); }

std::string attribute(std::string_view text) {
    std::string out;
    escape(out, text, false, true);
    return out;
}

std::string xstring_attribute(std::string_view text) {
    std::string out;
    escape(out, text, true, true);
    return out;
}

ByteSink::Piece ByteSink::Piece::of(std::string_view text) {
    Piece p;
    if (text.size() > sizeof p.bytes) throw std::logic_error("xlsx: a piece longer than 16 bytes");
    std::memcpy(p.bytes, text.data(), text.size());
    p.size = static_cast<std::uint8_t>(text.size());
    return p;
}

void ByteSink::grow(std::size_t n) {
    const std::size_t capacity = std::max(m_capacity * 2, std::max<std::size_t>(m_size + n, 1 << 16));
    char* data = static_cast<char*>(std::realloc(m_data, capacity));
    if (!data) throw std::bad_alloc();
    m_data = data;
    m_capacity = capacity;
}

void ByteSink::release() {
    std::free(m_data);
    m_data = nullptr;
    m_size = m_capacity = 0;
}

bool needs_preserve(std::string_view text) {
    return !text.empty() && (std::isspace(static_cast<unsigned char>(text.front())) ||
                             std::isspace(static_cast<unsigned char>(text.back())));
}

std::string column_name(std::uint32_t column) {
    char buffer[8];
    std::size_t n = 0;
    std::uint32_t c = column + 1;
    while (c > 0 && n < sizeof buffer) {
        buffer[n++] = static_cast<char>('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    return std::string(std::make_reverse_iterator(buffer + n), std::make_reverse_iterator(buffer));
}

std::string cell_name(std::uint32_t row, std::uint32_t column) { return column_name(column) + std::to_string(row + 1); }

std::string range_name(std::uint32_t first_row, std::uint32_t first_column, std::uint32_t last_row,
                       std::uint32_t last_column) {
    if (first_row == last_row && first_column == last_column) return cell_name(first_row, first_column);
    return cell_name(first_row, first_column) + ":" + cell_name(last_row, last_column);
}

std::string number_text(double value) { return fmt::format("{:.16G}", value); }

}  // namespace framer::xlsx

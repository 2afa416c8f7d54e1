// The XML emitter behind both writers: escaping and element bookkeeping (indentation, unknown content).
#include "xml_out.hpp"

#include <array>
#include <charconv>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "refi/text.hpp"
#include "refi/utf8.hpp"

namespace refi::detail {

namespace {

// 0: copy; 1: needs escaping in both contexts; 2: escaped only in attributes (\n, \t, ").
constexpr std::array<std::uint8_t, 256> make_table() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 1;  // C0 controls: not representable, replaced
    t['\n'] = 2;
    t['\t'] = 2;
    t['"'] = 2;
    t['\r'] = 1;
    t['&'] = 1;
    t['<'] = 1;
    t['>'] = 1;
    return t;
}
constexpr auto k_table = make_table();

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

/// The first byte in [p, end) that `append_escaped<Attribute>` must escape, else `end`: sixteen bytes at a time
/// with SSE2 (every value and text of a project passes through here; GUIDs and dates need nothing escaped), the
/// rest through the table.
template <bool Attribute>
const char* find_escape(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i controls = _mm_set1_epi8(0x1F), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                  gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'),
                  tab = _mm_set1_epi8('\t');
    for (; end - p >= 16; p += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(w, controls), w);  // bytes 0x00-0x1F
        // Text keeps line feeds and tabs as they are; attributes write them as references.
        if (!Attribute) stop = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(w, lf), _mm_cmpeq_epi8(w, tab)), stop);
        stop = _mm_or_si128(stop, _mm_or_si128(_mm_cmpeq_epi8(w, amp), _mm_or_si128(_mm_cmpeq_epi8(w, lt),
                                                                                    _mm_cmpeq_epi8(w, gt))));
        if (Attribute) stop = _mm_or_si128(stop, _mm_cmpeq_epi8(w, quot));
        if (const int hit = _mm_movemask_epi8(stop)) return p + __builtin_ctz(static_cast<unsigned>(hit));
    }
#endif
    // Attribute: stop on 1 or 2; text: stop on 1 only.
    while (p < end && (Attribute ? k_table[static_cast<unsigned char>(*p)] == 0
                                 : k_table[static_cast<unsigned char>(*p)] != 1))
        ++p;
    return p;
}

template <bool Attribute>
std::size_t append_escaped(std::string& out, std::string_view s) {
    std::size_t replaced = 0;
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        const char* run = p;
        p = find_escape<Attribute>(p, end);
        out.append(run, p);
        if (p == end) break;
        switch (*p) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += "&#10;"; break;
            case '\t': out += "&#9;"; break;
            case '\r': out += "&#13;"; break;
            default:
                out += k_replacement;
                ++replaced;
        }
        ++p;
    }
    return replaced;
}

}  // namespace

// Bytes that are not UTF-8 (the reader replaces them, but a model can be built in code) are replaced too and
// counted with the control characters: the output is always well-formed.
std::size_t append_attribute_escaped(std::string& out, std::string_view value) {
    if (is_valid_utf8(value)) return append_escaped<true>(out, value);
    std::size_t replaced = 0;
    std::string fixed = to_valid_utf8(value, &replaced);
    return replaced + append_escaped<true>(out, fixed);
}

std::size_t append_text_escaped(std::string& out, std::string_view text) {
    if (is_valid_utf8(text)) return append_escaped<false>(out, text);
    std::size_t replaced = 0;
    std::string fixed = to_valid_utf8(text, &replaced);
    return replaced + append_escaped<false>(out, fixed);
}

void XmlOut::declaration() { m_out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"; }

void XmlOut::newline_indent(std::size_t depth) {
    m_out += '\n';
    m_out.append(depth * 2, ' ');
}

void XmlOut::finish_start_tag(Frame& f) {
    if (!f.tag_open) return;
    if (f.ext)
        for (const auto& a : f.ext->attributes) attr(a.name, a.value);
    m_out += '>';
    f.tag_open = false;
}

void XmlOut::flush_unknown(Frame& f, bool all) {
    if (!f.ext) return;
    const auto& elements = f.ext->elements;
    while (f.next_unknown < elements.size() && (all || elements[f.next_unknown].position <= f.children)) {
        finish_start_tag(f);
        newline_indent(m_stack.size());
        m_out += elements[f.next_unknown].xml;
        ++f.next_unknown;
        ++f.children;
    }
}

void XmlOut::begin_child() {
    if (m_stack.empty()) return;
    Frame& f = m_stack.back();
    finish_start_tag(f);
    flush_unknown(f, false);
    newline_indent(m_stack.size());
    ++f.children;
}

void XmlOut::open(std::string_view name, const Extensions* ext) {
    begin_child();
    m_out += '<';
    m_out += name;
    m_stack.push_back({name, ext && !ext->empty() ? ext : nullptr, 0, 0, true});
}

void XmlOut::attr(std::string_view name, std::string_view value) {
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    m_replaced += append_attribute_escaped(m_out, value);
    m_out += '"';
}

void XmlOut::attr(std::string_view name, std::int64_t value) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)ec;  // 24 characters always hold an int64
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    m_out.append(buffer, end);
    m_out += '"';
}

void XmlOut::text_element(std::string_view name, std::string_view text) {
    begin_child();
    m_out += '<';
    m_out += name;
    if (text.empty()) {
        m_out += "/>";
        return;
    }
    m_out += '>';
    m_replaced += append_text_escaped(m_out, text);
    m_out += "</";
    m_out += name;
    m_out += '>';
}

void XmlOut::ref(std::string_view name, const Ref& r, std::string_view attribute) {
    open(name, &r.ext);
    attr(attribute, r.target);
    close();
}

void XmlOut::close() {
    Frame& f = m_stack.back();
    flush_unknown(f, true);
    if (f.tag_open) {
        finish_start_tag(f);
        // finish_start_tag wrote '>'; an element without children is written self-closed instead.
        m_out.back() = '/';
        m_out += '>';
    } else {
        newline_indent(m_stack.size() - 1);
        m_out += "</";
        m_out += f.name;
        m_out += '>';
    }
    m_stack.pop_back();
}

}  // namespace refi::detail

// The project.qde tokenizer (xml_pull.hpp): start tags, end tags, text and CDATA, one forward pass, in place.
#include "xml_pull.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include <malloc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace refi::detail {

namespace {

// Real projects nest a dozen levels (codes a few more; <Code> itself is capped at 256 by the reader); raw() and
// the reader recurse, so a hostile file gets an error, not a stack overflow.
constexpr std::uint32_t k_max_depth = 1000;
// Memory bounded by the data (docs/safety.md): what reading holds beyond the file itself, checked as it grows.
// Real projects' models take under 1.5 times their XML (the bench project, samples/, the ATLAS.ti corpus file:
// tests/refi/test_xml_pull.cpp); millions of `<a/>` kept verbatim would take ten times.
constexpr double k_max_heap_ratio = 2.5;
constexpr std::size_t k_heap_floor_bytes = 16u << 20;
constexpr std::uint64_t k_memory_check_every = 4096;  // elements

/// The bytes glibc's malloc has handed out and not had back (main arena and mmapped blocks).
std::size_t heap_in_use() {
    const struct mallinfo2 m = ::mallinfo2();
    return m.uordblks + m.hblkhd;
}

// Attribute names of one start tag are compared with each other directly up to this many, then through a set:
// a hostile tag with 100,000 attributes must not take 10^10 comparisons.
constexpr std::size_t k_linear_duplicate_check = 16;

enum : unsigned char { k_space = 1, k_name_start = 2, k_name = 4 };
constexpr std::array<unsigned char, 256> k_class = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r'}) t[c] = k_space;
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
        if (alpha) t[static_cast<std::size_t>(c)] = k_name_start | k_name;
        if ((c >= '0' && c <= '9') || c == '-' || c == '.') t[static_cast<std::size_t>(c)] = k_name;
    }
    return t;
}();
bool is_space(char c) { return (k_class[static_cast<unsigned char>(c)] & k_space) != 0; }
bool is_name_start(char c) { return (k_class[static_cast<unsigned char>(c)] & k_name_start) != 0; }
bool is_name_char(char c) { return (k_class[static_cast<unsigned char>(c)] & k_name) != 0; }

/// The first byte at or after `i` that is `a`, `b` or `c`, else `n`: sixteen bytes at a time with SSE2 (every
/// x86-64 has it). Text and values are most of the bytes of project.qde.
std::size_t find_any(const char* p, std::size_t n, std::size_t i, char a, char b, char c) {
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
    for (; i + 16 <= n; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const int hit = _mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)), _mm_cmpeq_epi8(w, vc)));
        if (hit) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hit)));
    }
#endif
    for (; i < n; ++i)
        if (p[i] == a || p[i] == b || p[i] == c) return i;
    return n;
}

/// The first byte at or after `i` that ends a plain attribute value in quotes `quote`: the quote, '&', '<' or
/// an ASCII control below 14 (tab, line feed and carriage return become spaces), else `n`.
std::size_t find_value_end(const char* p, std::size_t n, std::size_t i, char quote) {
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi8(quote), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                  fourteen = _mm_set1_epi8(14), minus_one = _mm_set1_epi8(-1);
    for (; i + 16 <= n; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i control = _mm_and_si128(_mm_cmplt_epi8(w, fourteen), _mm_cmpgt_epi8(w, minus_one));
        const int hit = _mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(w, q), _mm_cmpeq_epi8(w, amp)), _mm_or_si128(_mm_cmpeq_epi8(w, lt), control)));
        if (hit) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hit)));
    }
#endif
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c == static_cast<unsigned char>(quote) || c == '&' || c == '<' || c < 14) return i;
    }
    return n;
}

/// The first byte at or after `i` that is not XML white space, else `n`: the indentation between tags, which is
/// most of what lies outside markup in an exported project.
std::size_t skip_space(const char* p, std::size_t n, std::size_t i) {
#if defined(__SSE2__)
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'),
                  cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, sp), _mm_cmpeq_epi8(w, tab)),
                                           _mm_or_si128(_mm_cmpeq_epi8(w, lf), _mm_cmpeq_epi8(w, cr)));
        const int other = ~_mm_movemask_epi8(space) & 0xFFFF;
        if (other) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(other)));
    }
#endif
    while (i < n && is_space(p[i])) ++i;
    return i;
}

void append_utf8(char*& out, char32_t cp) {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// pugixml's format_raw escaping: in text & < > and the C0 controls other than tab, LF and CR (as &#NN;); in
/// attribute values (always in double quotes) & < " and tab, LF, CR too; '>' and '\'' are written as they are.
template <bool Attribute>
void append_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const char* rep = nullptr;
        char digits[6];
        if (c == '&') rep = "&amp;";
        else if (c == '<') rep = "&lt;";
        else if (!Attribute && c == '>') rep = "&gt;";
        else if (Attribute && c == '"') rep = "&quot;";
        else if (c < 32 && (Attribute || (c != '\t' && c != '\n' && c != '\r'))) {
            digits[0] = '&';
            digits[1] = '#';
            digits[2] = static_cast<char>('0' + c / 10);
            digits[3] = static_cast<char>('0' + c % 10);
            digits[4] = ';';
            digits[5] = '\0';
            rep = digits;
        }
        if (!rep) continue;
        out.append(s.data() + run, i - run);
        out += rep;
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

}  // namespace

XmlPull::XmlPull(char* data, std::size_t size, const std::string& file, const LineMap& lines, XmlFindings& findings)
    : m_x(data), m_n(size), m_file(file), m_lines(lines), m_findings(findings) {
    m_open.reserve(32);
    m_attributes.reserve(16);
    m_heap_at_start = heap_in_use();
}

void XmlPull::check_memory(std::size_t at) const {
    const std::size_t now = heap_in_use();
    const std::size_t grown = now > m_heap_at_start ? now - m_heap_at_start : 0;
    const auto allowed = static_cast<std::size_t>(static_cast<double>(m_n) * k_max_heap_ratio) + k_heap_floor_bytes;
    if (grown <= allowed) return;
    throw Error(m_file, location(at),
                fmt::format("after {} elements reading the file holds {} MiB, more than {} times its {} bytes plus "
                            "{} MiB (real projects need under 1.5 times); refusing the file so that memory stays "
                            "bounded by the data", m_elements, grown >> 20, k_max_heap_ratio, m_n,
                            k_heap_floor_bytes >> 20));
}

void XmlPull::malformed(std::size_t offset, const std::string& what) const {
    throw Error(m_file, location(std::min(offset, m_n)), "malformed XML: " + what);
}

XmlElement XmlPull::root() {
    for (;;) {
        switch (next()) {
            case Token::Start: return m_element;
            case Token::Eof: throw Error(m_file, {}, "malformed XML: no root element");
            default: break;  // text before the root is passed over, as pugixml did
        }
    }
}

void XmlPull::finish() {
    while (next() != Token::Eof) {}
}

bool XmlPull::next_child(const XmlElement& parent) {
    for (;;) {
        switch (next()) {
            case Token::Start: return true;
            case Token::End:
                if (m_depth < parent.depth) return false;
                break;  // the end of a child the caller skipped itself
            case Token::Eof: return false;
            default: break;
        }
    }
}

std::string XmlPull::text(const XmlElement& e) {
    std::string out;
    for (;;) {
        switch (next()) {
            case Token::Text:
            case Token::CData: out.append(m_text); break;
            case Token::Start: skip(m_element); break;
            case Token::End:
                if (m_depth < e.depth) return out;
                break;
            case Token::Eof: return out;
        }
    }
}

void XmlPull::skip(const XmlElement& e) {
    while (is_open(e))
        if (next() == Token::Eof) return;
}

std::string XmlPull::raw(const XmlElement& e) {
    std::string out;
    auto start = [&](const XmlElement& el) {
        out += '<';
        out.append(el.name);
        for (const auto& a : m_attributes) {
            out += ' ';
            out.append(a.name);
            out += "=\"";
            append_escaped<true>(out, a.value);
            out += '"';
        }
    };
    // Whether each open element of the subtree has had a child yet (its start tag is closed with '>' then).
    std::vector<bool> has_child{false};
    auto open_content = [&] {
        if (!has_child.back()) {
            out += '>';
            has_child.back() = true;
        }
    };
    start(e);
    for (;;) {
        switch (next()) {
            case Token::Start:
                open_content();
                start(m_element);
                has_child.push_back(false);
                break;
            case Token::Text:
                open_content();
                append_escaped<false>(out, m_text);
                break;
            case Token::CData:
                open_content();
                out += "<![CDATA[";
                out.append(m_text);
                out += "]]>";
                break;
            case Token::End: {
                // m_open no longer holds the element just closed; its name is in the output stack's place.
                const bool had = has_child.back();
                has_child.pop_back();
                if (!had) {
                    out += "/>";
                } else {
                    out += "</";
                    out.append(m_closed_name);
                    out += '>';
                }
                if (has_child.empty()) return out;
                break;
            }
            case Token::Eof: return out;
        }
    }
}

XmlPull::Token XmlPull::next() {
    if (m_pending_end) {
        m_pending_end = false;
        m_closed_name = m_open.back().name;
        m_open.pop_back();
        --m_depth;
        m_has_child = true;
        if (m_depth == 0) m_root_closed = true;
        return Token::End;
    }
    const char* x = m_x;
    const std::size_t n = m_n;
    for (;;) {
        std::size_t i = m_i;
        if (i >= n) {
            if (m_depth > 0)
                malformed(n, fmt::format("the file ends inside <{}> (line {}), which is never closed",
                                         m_open.back().name, location(m_open.back()).line));
            return Token::Eof;
        }
        if (x[i] != '<') {
            // Text. White space only (the indentation between tags) is a node only as an element's one child.
            const std::size_t j = skip_space(x, n, i);
            if (j >= n || x[j] == '<') {
                const bool single = m_depth > 0 && !m_has_child && j + 1 < n && x[j + 1] == '/';
                if (!single) {
                    m_i = j;
                    continue;
                }
            }
            if (m_depth == 0) {  // outside the root: passed over, as pugixml did
                m_i = find_any(x, n, i, '<', '<', '<');
                continue;
            }
            text_run(i);
            m_has_child = true;
            return Token::Text;
        }
        const char second = i + 1 < n ? x[i + 1] : '\0';
        if (second == '/') return end_tag(i);
        if (second == '?') {
            m_i = skip_past(i + 2, "?>", "processing instruction", i);
            continue;
        }
        if (second == '!') {
            if (n - i >= 4 && std::memcmp(x + i, "<!--", 4) == 0) {
                m_i = skip_past(i + 4, "-->", "comment", i);
                continue;
            }
            if (n - i >= 9 && std::memcmp(x + i, "<![CDATA[", 9) == 0) {
                const std::size_t end = skip_past(i + 9, "]]>", "CDATA section", i);
                if (m_depth == 0) malformed(i, "a CDATA section outside the root element");
                // Line ends are normalised in CDATA too.
                char* out = m_x + i + 9;
                const char* begin = out;
                for (std::size_t k = i + 9; k < end - 3; ++k) {
                    if (x[k] == '\r') {
                        *out++ = '\n';
                        if (k + 1 < end - 3 && x[k + 1] == '\n') ++k;
                    } else {
                        *out++ = x[k];
                    }
                }
                m_text = std::string_view(begin, static_cast<std::size_t>(out - begin));
                m_i = end;
                m_has_child = true;
                return Token::CData;
            }
            m_i = doctype(i);
            continue;
        }
        return start_tag(i);
    }
}

XmlPull::Token XmlPull::start_tag(std::size_t at) {
    const char* x = m_x;
    const std::size_t n = m_n;
    std::size_t k = at + 1;
    if (k >= n || !is_name_start(x[k])) malformed(at, "'<' not followed by an element name");
    while (k < n && is_name_char(x[k])) ++k;
    const std::string_view name(x + at + 1, k - at - 1);
    if (m_depth == 0 && m_root_closed && !m_second_root_reported) {
        m_second_root_reported = true;
        report("second-root-element", at, [] {
            return std::string("a second root element after </...> of the first: XML allows one; it is ignored");
        });
    }
    m_attributes.clear();
    m_names_built = false;
    bool empty = false;
    for (;;) {
        const std::size_t before = k;
        while (k < n && is_space(x[k])) ++k;
        if (k >= n) malformed(at, fmt::format("the start tag <{}> is not closed", name));
        if (x[k] == '>') {
            ++k;
            break;
        }
        if (x[k] == '/') {
            if (k + 1 < n && x[k + 1] == '>') {
                k += 2;
                empty = true;
                break;
            }
            malformed(k, fmt::format("'/' in the start tag <{}> not followed by '>'", name));
        }
        if (k == before || !is_name_start(x[k]))
            malformed(k, fmt::format("the start tag <{}> has '{}' where an attribute name or '>' belongs", name,
                                     std::string(1, x[k])));
        const std::size_t name_start = k;
        while (k < n && is_name_char(x[k])) ++k;
        const std::string_view attribute(x + name_start, k - name_start);
        while (k < n && is_space(x[k])) ++k;
        if (k >= n || x[k] != '=')
            malformed(k, fmt::format("the attribute {} of <{}> has no '=' and value", attribute, name));
        ++k;
        while (k < n && is_space(x[k])) ++k;
        if (k >= n || (x[k] != '"' && x[k] != '\''))
            malformed(k, fmt::format("the value of {}= on <{}> is not in quotes", attribute, name));
        std::string_view value;
        k = attribute_value(k, x[k], attribute, name, value);
        check_duplicate(attribute, name_start, name);
        m_attributes.push_back({attribute, value});
    }
    m_i = k;
    if (++m_depth > k_max_depth)
        throw Error(m_file, location(at),
                    fmt::format("elements nested more than {} levels deep (a REFI-QDA project nests about a dozen); "
                                "refusing the file", k_max_depth));
    if (++m_elements % k_memory_check_every == 0) check_memory(at);
    m_element = XmlElement{name, at, m_depth};
    m_open.push_back(m_element);
    m_has_child = false;
    m_pending_end = empty;
    return Token::Start;
}

void XmlPull::check_duplicate(std::string_view name, std::size_t at, std::string_view element) {
    bool seen = false;
    if (m_attributes.size() < k_linear_duplicate_check) {
        for (const auto& a : m_attributes) seen |= a.name == name;
    } else {
        if (!m_names_built) {
            m_names.clear();
            for (const auto& a : m_attributes) m_names.insert(a.name);
            m_names_built = true;
        }
        seen = !m_names.insert(name).second;
    }
    // Both are kept, as pugixml kept them: the reader takes them in order (the last one wins).
    if (seen)
        report("duplicate-attribute", at, [&] {
            return fmt::format("<{}> has the attribute {}= twice: XML allows it once; only one value is kept",
                               element, name);
        });
}

std::size_t XmlPull::attribute_value(std::size_t at, char quote, std::string_view attribute, std::string_view element,
                                     std::string_view& value) {
    const char* x = m_x;
    const std::size_t n = m_n;
    const std::size_t begin = at + 1;
    std::size_t k = find_value_end(x, n, begin, quote);
    if (k < n && x[k] == quote) {  // nearly every value: nothing to decode
        value = std::string_view(x + begin, k - begin);
        return k + 1;
    }
    char* out = m_x + k;
    for (;;) {
        if (k >= n) malformed(at, fmt::format("the value of {}= on <{}> is not closed", attribute, element));
        const char c = x[k];
        if (c == quote) break;
        if (c == '&') {
            k = reference(k, out, "an attribute value");
        } else if (c == '\r') {
            *out++ = ' ';
            ++k;
            if (k < n && x[k] == '\n') ++k;
        } else if (c == '\n' || c == '\t') {
            *out++ = ' ';
            ++k;
        } else {
            if (c == '<')
                report("lt-in-attribute", k, [&] {
                    return fmt::format("'<' in the value of {}= on <{}>: XML forbids it; it must be written &lt;",
                                       attribute, element);
                });
            *out++ = c;
            ++k;
        }
        const std::size_t plain = find_value_end(x, n, k, quote);
        std::memmove(out, x + k, plain - k);
        out += plain - k;
        k = plain;
    }
    value = std::string_view(x + begin, static_cast<std::size_t>(out - (x + begin)));
    return k + 1;
}

void XmlPull::text_run(std::size_t at) {
    const char* x = m_x;
    const std::size_t n = m_n;
    std::size_t k = find_any(x, n, at, '<', '&', '\r');
    if (k >= n || x[k] == '<') {
        m_text = std::string_view(x + at, k - at);
        m_i = k;
        return;
    }
    char* out = m_x + k;
    while (k < n && x[k] != '<') {
        if (x[k] == '&') {
            k = reference(k, out, "text");
        } else {  // '\r'
            *out++ = '\n';
            ++k;
            if (k < n && x[k] == '\n') ++k;
        }
        const std::size_t plain = find_any(x, n, k, '<', '&', '\r');
        std::memmove(out, x + k, plain - k);
        out += plain - k;
        k = plain;
    }
    m_text = std::string_view(x + at, static_cast<std::size_t>(out - (x + at)));
    m_i = k;
}

std::size_t XmlPull::reference(std::size_t at, char*& out, const char* where) {
    const char* x = m_x;
    const std::size_t n = m_n;
    std::size_t k = at + 1;
    if (k < n && x[k] == '#') {
        ++k;
        const bool hex = k < n && x[k] == 'x';
        if (hex) ++k;
        const std::size_t digits = k;
        char32_t cp = 0;
        bool overflow = false;
        for (; k < n; ++k) {
            const char c = x[k];
            unsigned d;
            if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
            else if (hex && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
            else break;
            cp = cp * (hex ? 16 : 10) + d;
            if (cp > 0x10FFFF) {
                overflow = true;
                cp = 0x110000;
            }
        }
        if (k > digits && k < n && x[k] == ';') {
            if (overflow || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                report("bad-character-reference", at, [&] {
                    return fmt::format("{} in {} refers to no character (replaced by U+FFFD)",
                                       std::string_view(x + at, k + 1 - at), where);
                });
                cp = 0xFFFD;
            }
            append_utf8(out, cp);
            return k + 1;
        }
    } else {
        const std::size_t start = k;
        while (k < n && is_name_char(x[k])) ++k;
        const std::string_view name(x + start, k - start);
        if (k < n && x[k] == ';') {
            char c = 0;
            if (name == "lt") c = '<';
            else if (name == "gt") c = '>';
            else if (name == "amp") c = '&';
            else if (name == "quot") c = '"';
            else if (name == "apos") c = '\'';
            if (c) {
                *out++ = c;
                return k + 1;
            }
            if (!name.empty()) {
                report("bare-ampersand", at, [&] {
                    return fmt::format("&{}; in {} is not one of XML's five predefined entities (there is no DTD); "
                                       "write &amp;{};", name, where, name);
                });
                *out++ = '&';
                return at + 1;
            }
        }
    }
    report("bare-ampersand", at,
           [&] { return fmt::format("'&' in {} starts no entity reference; it must be written &amp;", where); });
    *out++ = '&';
    return at + 1;
}

XmlPull::Token XmlPull::end_tag(std::size_t at) {
    const char* x = m_x;
    const std::size_t n = m_n;
    std::size_t k = at + 2;
    while (k < n && is_name_char(x[k])) ++k;
    const std::string_view name(x + at + 2, k - at - 2);
    if (m_open.empty()) malformed(at, fmt::format("</{}> closes no element", name));
    const XmlElement& open = m_open.back();
    if (name != open.name)
        malformed(at, fmt::format("</{}> where </{}> belongs (<{}> opened at line {})", name, open.name, open.name,
                                  location(open).line));
    while (k < n && is_space(x[k])) ++k;
    if (k >= n || x[k] != '>') malformed(at, fmt::format("the end tag </{}> is not closed with '>'", name));
    m_i = k + 1;
    m_closed_name = open.name;
    m_open.pop_back();
    --m_depth;
    m_has_child = true;
    if (m_depth == 0) m_root_closed = true;
    return Token::End;
}

std::size_t XmlPull::skip_past(std::size_t from, std::string_view end, const char* what, std::size_t at) {
    const std::string_view x(m_x, m_n);
    const auto j = x.find(end, from);
    if (j == std::string_view::npos) malformed(at, fmt::format("the {} is not closed with '{}'", what, end));
    return j + end.size();
}

std::size_t XmlPull::doctype(std::size_t at) {
    const std::string_view x(m_x, m_n);
    if (x.compare(at, 9, "<!DOCTYPE") != 0) malformed(at, "'<!' starts neither a comment, CDATA nor a DOCTYPE");
    report("doctype", at, [] {
        return std::string("a DOCTYPE declaration: REFI-QDA files have none; it is ignored (no entity is expanded) "
                           "and not written back");
    });
    // Skipped, internal subset and quoted strings included.
    std::size_t k = at + 2;
    int brackets = 0;
    while (k < m_n) {
        const char c = x[k];
        if (c == '"' || c == '\'') {
            const auto q = x.find(c, k + 1);
            if (q == std::string_view::npos) break;
            k = q + 1;
            continue;
        }
        if (c == '[') ++brackets;
        else if (c == ']') --brackets;
        else if (c == '>' && brackets <= 0) return k + 1;
        ++k;
    }
    malformed(at, "the DOCTYPE is not closed");
}

}  // namespace refi::detail

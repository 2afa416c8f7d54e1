// The project.qde tokenizer (xml_pull.hpp): start tags, end tags, text and CDATA, one forward pass.
#include "xml_pull.hpp"

#include "refi/text.hpp"

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

// Real projects nest a dozen levels (codes a few more; <Code> itself is capped at 256 by the reader); the reader
// recurses, so a hostile file gets an error, not a stack overflow.
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

/// The end of the name starting at `i` (the first byte at or after it that cannot be in an XML name), and in
/// `colon` the offset of its first ':' (or the end when there is none). Sixteen bytes at a time with SSE2: the
/// element and attribute names are a fifth of project.qde's bytes.
std::size_t scan_name(const char* p, std::size_t n, std::size_t i, std::size_t& colon) {
    colon = std::string_view::npos;
#if defined(__SSE2__)
    const __m128i a1 = _mm_set1_epi8('a' - 1), z1 = _mm_set1_epi8('z' + 1), d1 = _mm_set1_epi8('0' - 1),
                  d2 = _mm_set1_epi8('9' + 1), case_bit = _mm_set1_epi8(0x20), under = _mm_set1_epi8('_'),
                  col = _mm_set1_epi8(':'), minus = _mm_set1_epi8('-'), dot = _mm_set1_epi8('.'),
                  zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i lower = _mm_or_si128(w, case_bit);
        const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, a1), _mm_cmplt_epi8(lower, z1));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(w, d1), _mm_cmplt_epi8(w, d2));
        const __m128i colons = _mm_cmpeq_epi8(w, col);
        const __m128i other = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, under), colons),
                                           _mm_or_si128(_mm_cmpeq_epi8(w, minus), _mm_cmpeq_epi8(w, dot)));
        const __m128i name = _mm_or_si128(_mm_or_si128(alpha, digit), _mm_or_si128(other, _mm_cmplt_epi8(w, zero)));
        const unsigned ends = ~static_cast<unsigned>(_mm_movemask_epi8(name)) & 0xFFFFu;
        const unsigned in_name = ends ? (1u << __builtin_ctz(ends)) - 1 : 0xFFFFu;
        if (const unsigned c = static_cast<unsigned>(_mm_movemask_epi8(colons)) & in_name;
            c && colon == std::string_view::npos)
            colon = i + static_cast<std::size_t>(__builtin_ctz(c));
        if (ends) return i + static_cast<std::size_t>(__builtin_ctz(ends));
    }
#endif
    for (; i < n && is_name_char(p[i]); ++i)
        if (p[i] == ':' && colon == std::string_view::npos) colon = i;
    return i;
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

XmlPull::XmlPull(const char* data, std::size_t size, const std::string& file, XmlFindings& findings)
    : m_x(data), m_n(size), m_file(file), m_findings(findings) {
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

XmlPull::LinePoint XmlPull::count_lines(const char* x, LinePoint from, std::size_t to) {
    std::size_t i = from.offset;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    for (; i + 16 <= to; i += 16) {
        const auto hits = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + i)), lf)));
        if (!hits) continue;
        from.line_start = i + static_cast<std::size_t>(31 - __builtin_clz(hits)) + 1;
        for (unsigned h = hits; h; h &= h - 1) ++from.line_feeds;  // one or two: cheaper than a popcount call
    }
#endif
    for (; i < to; ++i)
        if (x[i] == '\n') {
            ++from.line_feeds;
            from.line_start = i + 1;
        }
    from.offset = to;
    return from;
}

Location XmlPull::location(std::size_t offset) const {
    // A location asked behind the count costs at most this much counting (it is rare: a finding in a tag).
    constexpr std::size_t k_checkpoint_bytes = 64u << 10;
    offset = std::min(offset, m_n);
    LinePoint at;
    if (offset >= m_counted.offset) {
        // Forward, leaving a checkpoint at each multiple of k_checkpoint_bytes passed.
        for (std::size_t next = (m_counted.offset / k_checkpoint_bytes + 1) * k_checkpoint_bytes; next <= offset;
             next += k_checkpoint_bytes) {
            m_counted = count_lines(m_x, m_counted, next);
            m_checkpoints.push_back(m_counted);
        }
        m_counted = count_lines(m_x, m_counted, offset);
        at = m_counted;
    } else {
        auto it = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), offset,
                                   [](std::size_t o, const LinePoint& p) { return o < p.offset; });
        at = count_lines(m_x, *(it - 1), offset);
    }
    return {static_cast<std::uint32_t>(at.line_feeds + 1), static_cast<std::uint32_t>(offset - at.line_start + 1)};
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
                if (depth() < parent.depth) return false;
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
                if (depth() < e.depth) return out;
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
                // The element just closed is no longer in m_open: its name is m_closed_name.
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
        return close_element();
    }
    const char* x = m_x;
    const std::size_t n = m_n;
    for (;;) {
        std::size_t i = m_i;
        if (i >= n) {
            if (depth() > 0)
                malformed(n, fmt::format("the file ends inside <{}> (line {}), which is never closed",
                                         m_open.back().name, location(m_open.back()).line));
            return Token::Eof;
        }
        if (x[i] != '<') {
            // Text. White space only (the indentation between tags) is a node only as an element's one child.
            const std::size_t j = skip_space(x, n, i);
            if (j >= n || x[j] == '<') {
                const bool single = depth() > 0 && !m_has_child && j + 1 < n && x[j + 1] == '/';
                if (!single) {
                    m_i = j;
                    continue;
                }
            }
            if (depth() == 0) {  // outside the root: passed over, as pugixml did
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
                if (depth() == 0) malformed(i, "a CDATA section outside the root element");
                // Line ends are normalised in CDATA too.
                const std::string_view content(x + i + 9, end - 3 - (i + 9));
                if (content.find('\r') == std::string_view::npos) {
                    m_text = content;
                } else {
                    m_decoded_text.clear();
                    for (std::size_t k = 0; k < content.size(); ++k) {
                        if (content[k] != '\r') {
                            m_decoded_text += content[k];
                        } else {
                            m_decoded_text += '\n';
                            if (k + 1 < content.size() && content[k + 1] == '\n') ++k;
                        }
                    }
                    m_text = m_decoded_text;
                }
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
    std::size_t colon;
    k = scan_name(x, n, k, colon);
    const std::string_view name(x + at + 1, k - at - 1);
    const std::string_view local = colon == std::string_view::npos ? name : std::string_view(x + colon + 1, k - colon - 1);
    if (depth() == 0 && m_root_closed && !m_second_root_reported) {
        m_second_root_reported = true;
        report("second-root-element", at, [] {
            return std::string("a second root element after </...> of the first: XML allows one; it is ignored");
        });
    }
    m_attributes.clear();
    m_decoded.clear();
    m_decoded_values.clear();
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
        std::size_t attribute_colon;
        k = scan_name(x, n, k, attribute_colon);
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
        m_attributes.push_back({attribute, value, attribute_colon != std::string_view::npos});
    }
    for (const auto& d : m_decoded)  // m_decoded_values no longer grows: its views stay valid
        m_attributes[d.attribute].value = std::string_view(m_decoded_values).substr(d.offset, d.size);
    m_i = k;
    if (depth() + 1 > k_max_depth)
        throw Error(m_file, location(at),
                    fmt::format("elements nested more than {} levels deep (a REFI-QDA project nests about a dozen); "
                                "refusing the file", k_max_depth));
    if (++m_elements % k_memory_check_every == 0) check_memory(at);
    m_element = XmlElement{name, local, at, depth() + 1};
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
    // Decoded into m_decoded_values (the buffer stays as written); the view is made once the tag is read.
    const std::size_t from = m_decoded_values.size();
    m_decoded_values.append(x + begin, k - begin);
    for (;;) {
        if (k >= n) malformed(at, fmt::format("the value of {}= on <{}> is not closed", attribute, element));
        const char c = x[k];
        if (c == quote) break;
        if (c == '&') {
            k = reference(k, m_decoded_values, "an attribute value");
        } else if (c == '\r') {
            m_decoded_values += ' ';
            ++k;
            if (k < n && x[k] == '\n') ++k;
        } else if (c == '\n' || c == '\t') {
            m_decoded_values += ' ';
            ++k;
        } else {
            if (c == '<')
                report("lt-in-attribute", k, [&] {
                    return fmt::format("'<' in the value of {}= on <{}>: XML forbids it; it must be written &lt;",
                                       attribute, element);
                });
            m_decoded_values += c;
            ++k;
        }
        const std::size_t plain = find_value_end(x, n, k, quote);
        m_decoded_values.append(x + k, plain - k);
        k = plain;
    }
    m_decoded.push_back({m_attributes.size(), from, m_decoded_values.size() - from});
    value = {};
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
    m_decoded_text.assign(x + at, k - at);
    while (k < n && x[k] != '<') {
        if (x[k] == '&') {
            k = reference(k, m_decoded_text, "text");
        } else {  // '\r'
            m_decoded_text += '\n';
            ++k;
            if (k < n && x[k] == '\n') ++k;
        }
        const std::size_t plain = find_any(x, n, k, '<', '&', '\r');
        m_decoded_text.append(x + k, plain - k);
        k = plain;
    }
    m_text = m_decoded_text;
    m_i = k;
}

std::size_t XmlPull::reference(std::size_t at, std::string& out, const char* where) {
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
                out += c;
                return k + 1;
            }
            if (!name.empty()) {
                report("bare-ampersand", at, [&] {
                    return fmt::format("&{}; in {} is not one of XML's five predefined entities (there is no DTD); "
                                       "write &amp;{};", name, where, name);
                });
                out += '&';
                return at + 1;
            }
        }
    }
    report("bare-ampersand", at,
           [&] { return fmt::format("'&' in {} starts no entity reference; it must be written &amp;", where); });
    out += '&';
    return at + 1;
}

XmlPull::Token XmlPull::end_tag(std::size_t at) {
    const char* x = m_x;
    const std::size_t n = m_n;
    std::size_t colon;
    std::size_t k = scan_name(x, n, at + 2, colon);
    const std::string_view name(x + at + 2, k - at - 2);
    if (m_open.empty()) malformed(at, fmt::format("</{}> closes no element", name));
    const XmlElement& open = m_open.back();
    if (name != open.name)
        malformed(at, fmt::format("</{}> where </{}> belongs (<{}> opened at line {})", name, open.name, open.name,
                                  location(open).line));
    while (k < n && is_space(x[k])) ++k;
    if (k >= n || x[k] != '>') malformed(at, fmt::format("the end tag </{}> is not closed with '>'", name));
    m_i = k + 1;
    return close_element();
}

XmlPull::Token XmlPull::close_element() {
    m_closed_name = m_open.back().name;
    m_open.pop_back();
    m_has_child = true;  // the parent has this element as a child
    if (m_open.empty()) m_root_closed = true;
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

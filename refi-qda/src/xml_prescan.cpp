// The pre-scan of project.qde (xml_prescan.hpp): one pass over the bytes with a tiny tokenizer that knows tags,
// attribute values, comments, CDATA, processing instructions and the DOCTYPE, and nothing else; anything it
// cannot follow it leaves to pugixml, which reports malformed XML with its own position.
#include "xml_prescan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <cstring>
#include <map>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "refi/text.hpp"
#include "xml_location.hpp"

namespace refi::detail {

namespace {

constexpr std::size_t k_reports_per_id = 10;  // then one line with the count: a broken file must not flood

// Memory bounded by the data (docs/safety.md). pugixml spends 64 bytes on each element and text node and 40 on
// each attribute: real projects (samples/, the ATLAS.ti corpus file, the bench project) need 1.2-1.5 times
// their size, but `<a/>` repeated needs 16 times and `<a>` nested 9 times. Files whose tree would need more
// than k_max_tree_ratio times their size (plus a floor for small files) are refused before parsing.
constexpr std::size_t k_node_bytes = 64, k_attribute_bytes = 40;
constexpr double k_max_tree_ratio = 2.5;
constexpr std::uint64_t k_tree_floor_bytes = 32ull << 20;
// Real projects nest a dozen levels (codes a few more; <Code> itself is capped at 256 by the reader).
constexpr int k_max_depth = 1000;

class Reporter {
public:
    Reporter(const std::string& file, Diagnostics& d) : m_file(file), m_diag(d) {}
    void at(std::string_view text, std::size_t offset, const char* id, std::string message) {
        std::size_t& n = m_counts[id];
        if (++n > k_reports_per_id) return;
        if (!m_lines || m_text.data() != text.data()) {
            m_lines = std::make_unique<LineMap>(text);
            m_text = text;
        }
        m_diag.error(id, m_file, m_lines->at(static_cast<std::ptrdiff_t>(offset)), std::move(message));
    }
    Location where(std::string_view text, std::size_t offset) {
        if (!m_lines || m_text.data() != text.data()) {
            m_lines = std::make_unique<LineMap>(text);
            m_text = text;
        }
        return m_lines->at(static_cast<std::ptrdiff_t>(offset));
    }
    const std::string& file() const { return m_file; }
    std::size_t finish() {
        std::size_t total = 0;
        for (const auto& [id, n] : m_counts) {
            total += n;
            if (n > k_reports_per_id)
                m_diag.error(id, m_file, {}, fmt::format("{} more of the same ({} in all)", n - k_reports_per_id, n));
        }
        return total;
    }
private:
    const std::string& m_file;
    Diagnostics& m_diag;
    std::map<std::string, std::size_t> m_counts;
    std::unique_ptr<LineMap> m_lines;
    std::string_view m_text;
};

// Byte classes by table: one load per byte instead of up to six comparisons in the loops over names and white
// space, which were most of the scan once values and text were skipped eight bytes at a time.
enum : unsigned char { k_space = 1, k_ends_element_name = 2, k_ends_attribute_name = 4 };
constexpr std::array<unsigned char, 256> k_class = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r'}) t[c] = k_space | k_ends_element_name | k_ends_attribute_name;
    for (unsigned char c : {'/', '>'}) t[c] = k_ends_element_name | k_ends_attribute_name;
    t['='] = k_ends_attribute_name;
    return t;
}();
bool has_class(char c, unsigned char cls) { return (k_class[static_cast<unsigned char>(c)] & cls) != 0; }
bool is_space(char c) { return has_class(c, k_space); }
bool is_name_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
           c == '.' || c == '-' || c >= 0x80;
}

/// Replaces every byte that does not start or continue a valid UTF-8 sequence by U+FFFD, reporting each.
void repair_utf8(std::string& xml, Reporter& report) {
    std::size_t bad = 0;
    if (is_valid_utf8(xml, &bad)) return;
    std::string fixed;
    fixed.reserve(xml.size() + 16);
    std::string_view rest(xml);
    std::size_t base = 0;
    while (!is_valid_utf8(rest, &bad)) {
        report.at(xml, base + bad, "invalid-utf8",
                  fmt::format("byte 0x{:02X} is not UTF-8 (replaced by U+FFFD; the file must be UTF-8)",
                              static_cast<unsigned char>(rest[bad])));
        fixed.append(rest.substr(0, bad));
        fixed += "\xEF\xBF\xBD";
        rest.remove_prefix(bad + 1);
        base += bad + 1;
    }
    fixed.append(rest);
    xml = std::move(fixed);
}

/// The first byte at or after `from` that is `a`, `b` or `c`, else `x.size()`. Sixteen bytes at a time with SSE2
/// (every x86-64 has it), else eight by the borrow trick: the scan visits every byte of project.qde, and a byte
/// loop was most of its cost (bench/README.md, "read: analyses' fast path").
std::size_t find_any(std::string_view x, std::size_t from, char a, char b, char c) {
    const char* p = x.data();
    const std::size_t n = x.size();
    std::size_t i = from;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
    for (; i + 16 <= n; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const int hit = _mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)), _mm_cmpeq_epi8(w, vc)));
        if (hit) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hit)));
    }
#else
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const std::uint64_t ma = ones * static_cast<unsigned char>(a), mb = ones * static_cast<unsigned char>(b),
                        mc = ones * static_cast<unsigned char>(c);
    for (; i + 8 <= n; i += 8) {  // the borrow trick flags the first matching byte of a word exactly
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        const std::uint64_t xa = w ^ ma, xb = w ^ mb, xc = w ^ mc;
        const std::uint64_t hit = ((xa - ones) & ~xa) | ((xb - ones) & ~xb) | ((xc - ones) & ~xc);
        if (hit & highs) return i + static_cast<std::size_t>(__builtin_ctzll(hit & highs) / 8);
    }
#endif
    for (; i < n; ++i)
        if (p[i] == a || p[i] == b || p[i] == c) return i;
    return n;
}

/// The first byte at or after `from` that has class `cls` (k_class), else `x.size()`: how element and attribute
/// names end. Names are short (PlainTextSelection, startPosition), so one SSE2 load usually settles it.
std::size_t find_class(std::string_view x, std::size_t from, unsigned char cls) {
    const char* p = x.data();
    const std::size_t n = x.size();
    std::size_t i = from;
#if defined(__SSE2__)
    const bool eq = (cls & k_ends_attribute_name) != 0 && (cls & k_ends_element_name) == 0;
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'),
                  cr = _mm_set1_epi8('\r'), slash = _mm_set1_epi8('/'), gt = _mm_set1_epi8('>'),
                  equals = _mm_set1_epi8('=');
    for (; i + 16 <= n; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, sp), _mm_cmpeq_epi8(w, tab)),
                                 _mm_or_si128(_mm_cmpeq_epi8(w, lf), _mm_cmpeq_epi8(w, cr)));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(w, slash), _mm_cmpeq_epi8(w, gt)));
        if (eq) m = _mm_or_si128(m, _mm_cmpeq_epi8(w, equals));
        const int hit = _mm_movemask_epi8(m);
        if (hit) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hit)));
    }
#endif
    while (i < n && !has_class(p[i], cls)) ++i;
    return i;
}

/// The first byte at or after `from` that is not XML white space, else `x.size()`: the indentation between tags,
/// which is most of what lies outside markup in an exported project.
std::size_t skip_space(std::string_view x, std::size_t from) {
    const char* p = x.data();
    const std::size_t n = x.size();
    std::size_t i = from;
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

class Scanner {
public:
    Scanner(std::string_view xml, Reporter& report) : m_x(xml), m_report(report) {}

    void run() {
        const std::size_t n = m_x.size();
        std::size_t i = 0;
        while (i < n) {
            // Text: jump to the next '<' or '&', noting whether it holds more than white space (a text node).
            // Most of it is indentation: skip white space first, and look further only past other text.
            i = skip_space(m_x, i);
            if (i < n && m_x[i] != '<' && m_x[i] != '&') {
                if (m_depth > 0 && !m_in_text) { ++m_text_nodes; m_in_text = true; }
                i = find_any(m_x, i, '<', '&', '<');
            }
            if (i >= n) break;
            if (m_x[i] == '<') m_in_text = false;  // markup ends the text node; a reference does not
            if (m_x[i] == '&') {
                check_reference(i, "text");
                ++i;
                continue;
            }
            const char next = i + 1 < n ? m_x[i + 1] : '\0';
            if (next != '!' && next != '?' && next != '/') {  // most markup is a start tag: no string compares
                i = start_tag(i);
                continue;
            }
            // Dispatch on the second byte: an end tag (half of all markup) costs no string compare.
            if (next == '/') {
                if (m_depth > 0 && --m_depth == 0) m_root_closed = true;
                i = skip_past(i + 2, '>');
            } else if (next == '?') {
                i = skip_past(i + 2, "?>");
            } else if (starts(i, "<!--")) {
                i = skip_past(i + 4, "-->");
            } else if (starts(i, "<![CDATA[")) {
                i = skip_past(i + 9, "]]>");
            } else {
                i = doctype(i);  // any other <!...: a DOCTYPE (or malformed, which pugixml reports)
            }
        }
        check_tree_size();
    }

private:
    bool starts(std::size_t i, std::string_view s) const { return m_x.compare(i, s.size(), s) == 0; }

    void enter_element(std::size_t at) {
        if (++m_depth > k_max_depth)
            throw Error(m_report.file(), m_report.where(m_x, at),
                        fmt::format("elements nested more than {} levels deep (a REFI-QDA project nests about a "
                                    "dozen); refusing the file", k_max_depth));
    }

    void check_tree_size() const {
        std::uint64_t tree = (m_elements + m_text_nodes) * k_node_bytes + m_attributes * k_attribute_bytes;
        auto allowed = static_cast<std::uint64_t>(static_cast<double>(m_x.size()) * k_max_tree_ratio) +
                       k_tree_floor_bytes;
        if (tree <= allowed) return;
        throw Error(m_report.file(), {},
                    fmt::format("{} elements, {} attributes and {} text nodes in {} bytes: reading them would take "
                                "about {} MiB, {:.1f} times the file (real projects need under 2 times; the limit is "
                                "{} times plus {} MiB); refusing the file so that memory stays bounded by the data",
                                m_elements, m_attributes, m_text_nodes, m_x.size(), tree >> 20,
                                static_cast<double>(tree) / static_cast<double>(std::max<std::size_t>(m_x.size(), 1)),
                                k_max_tree_ratio, k_tree_floor_bytes >> 20));
    }

    std::size_t skip_past(std::size_t from, std::string_view end) const {
        auto j = m_x.find(end, from);
        return j == std::string_view::npos ? m_x.size() : j + end.size();
    }
    std::size_t skip_past(std::size_t from, char end) const {
        std::size_t j = find_any(m_x, from, end, end, end);
        return j >= m_x.size() ? m_x.size() : j + 1;
    }

    void check_reference(std::size_t amp, const char* where) {
        std::size_t k = amp + 1, n = m_x.size();
        bool ok = false;
        std::string_view name;
        if (k < n && m_x[k] == '#') {
            ++k;
            bool hex = k < n && m_x[k] == 'x';
            if (hex) ++k;
            std::size_t digits = k;
            while (k < n && (std::isdigit(static_cast<unsigned char>(m_x[k])) ||
                             (hex && std::isxdigit(static_cast<unsigned char>(m_x[k])))))
                ++k;
            ok = k > digits && k < n && m_x[k] == ';';
        } else {
            std::size_t start = k;
            while (k < n && is_name_char(static_cast<unsigned char>(m_x[k]))) ++k;
            name = m_x.substr(start, k - start);
            ok = k < n && m_x[k] == ';' &&
                 (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos");
            if (k < n && m_x[k] == ';' && !name.empty() && !ok) {
                m_report.at(m_x, amp, "bare-ampersand",
                            fmt::format("&{}; in {} is not one of XML's five predefined entities (there is no DTD); "
                                        "write &amp;{};", name, where, name));
                return;
            }
        }
        if (!ok)
            m_report.at(m_x, amp, "bare-ampersand",
                        fmt::format("'&' in {} starts no entity reference; it must be written &amp;", where));
    }

    std::size_t doctype(std::size_t i) {
        if (starts(i, "<!DOCTYPE"))
            m_report.at(m_x, i, "doctype",
                        "a DOCTYPE declaration: REFI-QDA files have none; it is ignored (no entity is expanded) "
                        "and not written back");
        // Skip it, internal subset and quoted strings included.
        std::size_t k = i + 2, n = m_x.size();
        int brackets = 0;
        while (k < n) {
            char c = m_x[k];
            if (c == '"' || c == '\'') {
                auto q = m_x.find(c, k + 1);
                k = q == std::string_view::npos ? n : q + 1;
                continue;
            }
            if (c == '[') ++brackets;
            else if (c == ']') --brackets;
            else if (c == '>' && brackets <= 0) return k + 1;
            ++k;
        }
        return n;
    }

    std::size_t start_tag(std::size_t i) {
        const std::size_t n = m_x.size();
        if (m_depth == 0 && m_root_closed && !m_second_root_reported) {
            m_second_root_reported = true;
            m_report.at(m_x, i, "second-root-element",
                        "a second root element after </...> of the first: XML allows one; it is ignored");
        }
        std::size_t k = i + 1;
        k = find_class(m_x, k, k_ends_element_name);
        std::string_view element = m_x.substr(i + 1, k - i - 1);
        ++m_elements;
        m_names.clear();
        while (k < n) {
            while (k < n && is_space(m_x[k])) ++k;
            if (k >= n) return n;
            if (m_x[k] == '/' ) {
                if (k + 1 < n && m_x[k + 1] == '>') {
                    if (m_depth == 0) m_root_closed = true;
                    return k + 2;
                }
                return k + 1;  // malformed: pugixml reports it
            }
            if (m_x[k] == '>') {
                enter_element(i);
                return k + 1;
            }
            std::size_t name_start = k;
            k = find_class(m_x, k, k_ends_attribute_name);
            std::string_view name = m_x.substr(name_start, k - name_start);
            while (k < n && is_space(m_x[k])) ++k;
            if (name.empty() || k >= n || m_x[k] != '=') return k;  // malformed: pugixml reports it
            ++k;
            while (k < n && is_space(m_x[k])) ++k;
            if (k >= n || (m_x[k] != '"' && m_x[k] != '\'')) return k;
            char quote = m_x[k++];
            for (; (k = find_any(m_x, k, quote, '<', '&')) < n && m_x[k] != quote; ++k) {
                if (m_x[k] == '<')
                    m_report.at(m_x, k, "lt-in-attribute",
                                fmt::format("'<' in the value of {}= on <{}>: XML forbids it; it must be written &lt;",
                                            name, element));
                else if (m_x[k] == '&')
                    check_reference(k, "an attribute value");
            }
            ++k;  // past the closing quote
            ++m_attributes;
            bool seen = false;
            for (auto earlier : m_names) seen |= earlier == name;
            if (seen)
                m_report.at(m_x, name_start, "duplicate-attribute",
                            fmt::format("<{}> has the attribute {}= twice: XML allows it once; only one value is kept",
                                        element, name));
            else
                m_names.push_back(name);
        }
        return n;
    }

    std::string_view m_x;
    Reporter& m_report;
    int m_depth = 0;
    std::uint64_t m_elements = 0, m_attributes = 0, m_text_nodes = 0;
    bool m_in_text = false;
    bool m_root_closed = false;
    bool m_second_root_reported = false;
    std::vector<std::string_view> m_names;
};

/// UTF-16 and UTF-32 give NUL bytes among the first ones (or their byte-order marks).
const char* wide_encoding(std::string_view x) {
    auto b = [&](std::size_t i) { return i < x.size() ? static_cast<unsigned char>(x[i]) : 0x100u; };
    if (b(0) == 0xFF && b(1) == 0xFE) return b(2) == 0 && b(3) == 0 ? "UTF-32LE" : "UTF-16LE";
    if (b(0) == 0xFE && b(1) == 0xFF) return "UTF-16BE";
    if (b(0) == 0 && b(1) == 0 && b(2) == 0xFE && b(3) == 0xFF) return "UTF-32BE";
    if (b(0) == '<' && b(1) == 0) return b(2) == 0 ? "UTF-32LE" : "UTF-16LE";
    if (b(0) == 0 && b(1) == '<') return "UTF-16BE";
    if (b(0) == 0 && b(1) == 0 && b(2) == 0 && b(3) == '<') return "UTF-32BE";
    return nullptr;
}

}  // namespace

std::size_t prescan_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    if (const char* encoding = wide_encoding(xml))
        throw Error(file, {}, fmt::format("the file is {}; REFI-QDA requires UTF-8 (convert it, e.g. "
                                          "iconv -f {} -t UTF-8)", encoding, encoding));
    Reporter report(file, diagnostics);
    repair_utf8(xml, report);
    Scanner(xml, report).run();
    return report.finish();
}

}  // namespace refi::detail

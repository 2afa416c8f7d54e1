// JsonWriter: Json::dump's text, produced call by call. The layout rules are dump's: an empty container is "[]" or
// "{}"; otherwise every element starts on its own line at (depth x indent) spaces and the closing bracket on a
// line of its own one level out; keys are followed by ": " (":" when compact). Since '[' is written before it is
// known whether the array is empty, the writer remembers per level whether anything was written in it.
#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <stdexcept>

#include "refi/text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif


namespace framer {

namespace json_text {

namespace {
// Bytes written as they are: printable ASCII other than '"' and '\\' (DEL is legal in JSON but invisible in a
// terminal, so it is escaped along with the C0 controls).
inline bool plain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

// Eight plain bytes at once (excerpt texts are mostly plain ASCII; a byte loop was 18% of a chart's JSON). The
// word tests are exact once no byte has its high bit set: "some byte < 0x20" and "some byte equals c".
inline bool eight_plain(const unsigned char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    if (x & high) return false;
    auto has_zero = [](std::uint64_t v) { return ((v - ones) & ~v & high) != 0; };
    if (((x - ones * 0x20) & ~x & high) != 0) return false;
    return !has_zero(x ^ (ones * 0x7f)) && !has_zero(x ^ (ones * '"')) && !has_zero(x ^ (ones * '\\'));
}

// Past the plain bytes from p, sixteen at a time (stops at the first block holding another byte, or fewer than
// sixteen before `end`): as signed bytes, a C0 control and every byte from 0x80 are below 0x20.
inline const unsigned char* skip_plain16(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f), quote = _mm_set1_epi8('"'),
                  backslash = _mm_set1_epi8('\\');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                                             _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        const int mask = _mm_movemask_epi8(special);
        if (mask) return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#else
    (void)end;
#endif
    return p;
}

}  // namespace

// One pass: runs of plain bytes copied whole, escapes, and each byte that starts no valid UTF-8 sequence (a
// summary file in Latin-1...) replaced by U+FFFD, as refi::to_valid_utf8 replaces them, so the JSON is UTF-8.
void append_string(std::string_view text, std::string& out) {
    static const char* hex = "0123456789abcdef";
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    out += '"';
    while (p < end) {
        const auto* run = p;
        p = skip_plain16(p, end);
        while (end - p >= 8 && eight_plain(p)) p += 8;
        while (p < end && plain(*p)) ++p;
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
        if (p == end) break;
        const unsigned char c = *p;
        if (c >= 0x80) {
            const auto at = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(text.data()));
            if (std::size_t len = refi::utf8_sequence_length(text, at)) {
                out.append(reinterpret_cast<const char*>(p), len);
                p += len;
            } else {
                out += "\xEF\xBF\xBD";
                ++p;
            }
            continue;
        }
        ++p;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                out.append(u, 6);
            }
        }
    }
    out += '"';
}

void append_double(double d, std::string& out) {
    if (!std::isfinite(d)) {  // JSON has no NaN/Infinity
        out += "null";
        return;
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that reads back to the same double
    std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
    out += text;
    // Keep doubles recognisable as such when parsed back ("40" would come back as an integer).
    if (text.find_first_of(".eEn") == std::string_view::npos) out += ".0";
}

void append_int(std::int64_t v, std::string& out) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

}  // namespace json_text

namespace {
constexpr std::size_t spill_at = 1u << 16;
}

JsonWriter::JsonWriter(std::ostream& out, int indent) : m_out(&out), m_buf(m_own), m_indent(indent) {
    m_own.reserve(spill_at + 4096);
}

JsonWriter::JsonWriter(std::string& out, int indent) : m_buf(out), m_indent(indent) {}

JsonWriter::~JsonWriter() {
    try {
        if (m_out && !m_buf.empty()) m_out->write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
    } catch (...) {
        // A stream set to throw: the caller's finish() (or the stream's state) reports it.
    }
}

void JsonWriter::spill() {
    if (m_out && m_buf.size() >= spill_at) {
        m_out->write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        m_buf.clear();
    }
}

void JsonWriter::newline(std::size_t level) {
    if (m_indent < 0) return;
    m_buf += '\n';
    m_buf.append(level * static_cast<std::size_t>(m_indent), ' ');
}

void JsonWriter::before_value() {
    if (m_stack.empty()) {
        if (m_done) throw std::logic_error("json writer: a second top-level value");
        return;
    }
    Level& top = m_stack.back();
    if (top.object) {
        if (!top.key_pending) throw std::logic_error("json writer: a value in an object without a key");
        top.key_pending = false;
        return;
    }
    if (top.has_items) m_buf += ',';
    top.has_items = true;
    newline(m_stack.size());
}

void JsonWriter::before_key() {
    if (m_stack.empty() || !m_stack.back().object) throw std::logic_error("json writer: a key outside an object");
    Level& top = m_stack.back();
    if (top.key_pending) throw std::logic_error("json writer: two keys without a value");
    if (top.has_items) m_buf += ',';
    top.has_items = true;
    top.key_pending = true;
    newline(m_stack.size());
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_key();
    json_text::append_string(name, m_buf);
    m_buf += m_indent < 0 ? ":" : ": ";
    return *this;
}

JsonWriter& JsonWriter::key(const JsonString& name) {
    before_key();
    m_buf += name.encoded();
    m_buf += m_indent < 0 ? ":" : ": ";
    return *this;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_buf += '{';
    m_stack.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_buf += '[';
    m_stack.push_back({false});
    return *this;
}

void JsonWriter::close(bool object) {
    if (m_stack.empty() || m_stack.back().object != object)
        throw std::logic_error(object ? "json writer: end_object without its begin_object"
                                      : "json writer: end_array without its begin_array");
    Level top = m_stack.back();
    if (top.key_pending) throw std::logic_error("json writer: a key without a value");
    m_stack.pop_back();
    if (top.has_items) newline(m_stack.size());
    m_buf += object ? '}' : ']';
    if (m_stack.empty()) m_done = true;
    spill();
}

JsonWriter& JsonWriter::end_object() {
    close(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    close(false);
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    json_text::append_string(text, m_buf);
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::value(const JsonString& text) {
    before_value();
    m_buf += text.encoded();
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    json_text::append_int(number, m_buf);
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    json_text::append_double(number, m_buf);
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    m_buf += flag ? "true" : "false";
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_buf += "null";
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::value(const Json& j) {
    if (j.is_null()) return null();
    if (j.is_bool()) return value(j.as_bool());
    if (j.is_integer()) return value(j.as_int());
    if (j.is_number()) return value(j.as_double());
    if (j.is_string()) return value(std::string_view(j.as_string()));
    if (j.is_array()) {
        begin_array();
        for (const auto& element : j.as_array()) value(element);
        return end_array();
    }
    begin_object();
    for (const auto& [name, member] : j.as_object()) {
        key(name);
        value(member);
    }
    return end_object();
}

void JsonWriter::finish() {
    if (!m_stack.empty()) throw std::logic_error("json writer: finished with an object or array still open");
    if (!m_done) throw std::logic_error("json writer: finished without a value");
    if (m_out && !m_buf.empty()) {
        m_out->write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        m_buf.clear();
    }
}

// --- JsonTreeBuilder ---------------------------------------------------------------------------------------

JsonTreeBuilder& JsonTreeBuilder::add(Json v) {
    if (m_stack.empty()) {
        if (m_done) throw std::logic_error("json tree builder: a second top-level value");
        m_root = std::move(v);
        m_done = true;
        return *this;
    }
    Frame& top = m_stack.back();
    if (top.object) {
        if (!top.key_pending) throw std::logic_error("json tree builder: a value in an object without a key");
        top.members.emplace_back(std::move(top.key), std::move(v));
        top.key_pending = false;
    } else {
        top.array.push_back(std::move(v));
    }
    return *this;
}

JsonTreeBuilder& JsonTreeBuilder::key(std::string_view name) {
    if (m_stack.empty() || !m_stack.back().object) throw std::logic_error("json tree builder: a key outside an object");
    Frame& top = m_stack.back();
    if (top.key_pending) throw std::logic_error("json tree builder: two keys without a value");
    top.key = std::string(name);
    top.key_pending = true;
    return *this;
}

JsonTreeBuilder& JsonTreeBuilder::begin_object() {
    if (m_stack.empty() && m_done) throw std::logic_error("json tree builder: a second top-level value");
    m_stack.push_back({true, {}, {}, {}});
    return *this;
}

JsonTreeBuilder& JsonTreeBuilder::begin_array() {
    if (m_stack.empty() && m_done) throw std::logic_error("json tree builder: a second top-level value");
    m_stack.push_back({false, {}, {}, {}});
    return *this;
}

JsonTreeBuilder& JsonTreeBuilder::end_object() {
    if (m_stack.empty() || !m_stack.back().object) throw std::logic_error("json tree builder: end_object without its begin_object");
    if (m_stack.back().key_pending) throw std::logic_error("json tree builder: a key without a value");
    Json done(std::move(m_stack.back().members));
    m_stack.pop_back();
    return add(std::move(done));
}

JsonTreeBuilder& JsonTreeBuilder::end_array() {
    if (m_stack.empty() || m_stack.back().object) throw std::logic_error("json tree builder: end_array without its begin_array");
    Json done(std::move(m_stack.back().array));
    m_stack.pop_back();
    return add(std::move(done));
}

Json JsonTreeBuilder::take() {
    if (!m_stack.empty()) throw std::logic_error("json tree builder: an object or array still open");
    if (!m_done) throw std::logic_error("json tree builder: nothing written");
    m_done = false;
    return std::move(m_root);
}

}  // namespace framer

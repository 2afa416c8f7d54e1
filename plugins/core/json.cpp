// framer::Json: a small ordered JSON value. Dump escapes what RFC 8259 requires (quotes, backslash, every
// control character) and passes UTF-8 through unchanged, so names with accents or emoji stay readable.
#include "core/json.hpp"

#include "core/json_writer.hpp"
#include "refi/text.hpp"

#include <ostream>

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace framer {

Json& Json::operator[](const std::string& key) {
    if (is_null()) m_value = Object{};
    auto& object = std::get<Object>(m_value);
    for (auto& [k, v] : object)
        if (k == key) return v;
    object.emplace_back(key, Json());
    return object.back().second;
}

const Json& Json::at(const std::string& key) const {
    if (!is_object()) throw std::out_of_range("json: not an object (looking up '" + key + "')");
    for (const auto& [k, v] : as_object())
        if (k == key) return v;
    throw std::out_of_range("json: no key '" + key + "'");
}

bool Json::contains(const std::string& key) const {
    if (!is_object()) return false;
    for (const auto& [k, v] : as_object())
        if (k == key) return true;
    return false;
}

void Json::push_back(Json v) {
    if (is_null()) m_value = Array{};
    std::get<Array>(m_value).push_back(std::move(v));
}

std::int64_t Json::as_int() const {
    if (auto* i = std::get_if<std::int64_t>(&m_value)) return *i;
    return static_cast<std::int64_t>(std::llround(std::get<double>(m_value)));
}

double Json::as_double() const {
    if (auto* d = std::get_if<double>(&m_value)) return *d;
    return static_cast<double>(std::get<std::int64_t>(m_value));
}

std::size_t Json::size() const {
    if (is_array()) return as_array().size();
    if (is_object()) return as_object().size();
    return 0;
}

namespace {

// One implementation of strings and numbers for the tree and the streaming writer (core/json_writer.hpp), so the
// two give the same bytes.
void dump_string(const std::string& text, std::string& out) { json_text::append_string(text, out); }
void dump_double(double d, std::string& out) { json_text::append_double(d, out); }

void newline(std::string& out, int indent, int level) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
}

/// With a sink, the text is handed on in pieces of about 1 MB: a chart's JSON can be 50 MB, and building it whole
/// first costs that much memory again (bench/README.md).
void spill(std::string& out, std::ostream* sink) {
    if (sink && out.size() > (1u << 20)) {
        sink->write(out.data(), static_cast<std::streamsize>(out.size()));
        out.clear();
    }
}

void dump_value(const Json& j, std::string& out, int indent, int level, std::ostream* sink = nullptr) {
    if (j.is_null()) {
        out += "null";
    } else if (j.is_bool()) {
        out += j.as_bool() ? "true" : "false";
    } else if (j.is_integer()) {
        json_text::append_int(j.as_int(), out);
    } else if (j.is_number()) {
        dump_double(j.as_double(), out);
    } else if (j.is_string()) {
        dump_string(j.as_string(), out);
    } else if (j.is_array()) {
        const auto& a = j.as_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (std::size_t k = 0; k < a.size(); ++k) {
            if (k) out += ',';
            newline(out, indent, level + 1);
            dump_value(a[k], out, indent, level + 1, sink);
            spill(out, sink);
        }
        newline(out, indent, level);
        out += ']';
    } else {
        const auto& o = j.as_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        for (std::size_t k = 0; k < o.size(); ++k) {
            if (k) out += ',';
            newline(out, indent, level + 1);
            dump_string(o[k].first, out);
            out += indent < 0 ? ":" : ": ";
            dump_value(o[k].second, out, indent, level + 1, sink);
            spill(out, sink);
        }
        newline(out, indent, level);
        out += '}';
    }
}

}  // namespace

std::string Json::dump(int indent) const {
    std::string out;
    dump_value(*this, out, indent, 0);
    return out;
}

void Json::dump(std::ostream& sink, int indent) const {
    std::string out;
    dump_value(*this, out, indent, 0, &sink);
    sink.write(out.data(), static_cast<std::streamsize>(out.size()));
}

namespace {

class Parser {
public:
    explicit Parser(const std::string& text) : m_text(text) {}

    Json parse_document() {
        Json value = parse_value(0);
        skip_space();
        if (m_pos != m_text.size()) fail("unexpected text after the JSON value");
        return value;
    }

private:
    const std::string& m_text;
    std::size_t m_pos = 0;

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("json: offset " + std::to_string(m_pos) + ": " + what);
    }

    void skip_space() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool consume(std::string_view word) {
        if (m_text.compare(m_pos, word.size(), word) == 0) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    Json parse_value(int depth) {
        // Bound recursion so hostile input cannot overflow the stack.
        if (depth > 512) fail("nesting too deep");
        skip_space();
        if (m_pos >= m_text.size()) fail("unexpected end of input");
        char c = m_text[m_pos];
        if (c == '{') return parse_object(depth);
        if (c == '[') return parse_array(depth);
        if (c == '"') return Json(parse_string());
        if (consume("true")) return Json(true);
        if (consume("false")) return Json(false);
        if (consume("null")) return Json(nullptr);
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
        fail(std::string("unexpected character '") + c + "'");
    }

    Json parse_object(int depth) {
        ++m_pos;
        Json object = Json::object();
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return object;
        }
        while (true) {
            skip_space();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') fail("expected a string key");
            std::string key = parse_string();
            skip_space();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') fail("expected ':'");
            ++m_pos;
            object[key] = parse_value(depth + 1);
            skip_space();
            if (m_pos >= m_text.size()) fail("unterminated object");
            if (m_text[m_pos] == ',') { ++m_pos; continue; }
            if (m_text[m_pos] == '}') { ++m_pos; return object; }
            fail("expected ',' or '}'");
        }
    }

    Json parse_array(int depth) {
        ++m_pos;
        Json array = Json::array();
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return array;
        }
        while (true) {
            array.push_back(parse_value(depth + 1));
            skip_space();
            if (m_pos >= m_text.size()) fail("unterminated array");
            if (m_text[m_pos] == ',') { ++m_pos; continue; }
            if (m_text[m_pos] == ']') { ++m_pos; return array; }
            fail("expected ',' or ']'");
        }
    }

    unsigned parse_hex4() {
        if (m_pos + 4 > m_text.size()) fail("truncated \\u escape");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = m_text[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("bad hex digit in \\u escape");
        }
        return v;
    }

    std::string parse_string() {
        ++m_pos;  // opening quote
        std::string out;
        while (true) {
            if (m_pos >= m_text.size()) fail("unterminated string");
            unsigned char c = static_cast<unsigned char>(m_text[m_pos++]);
            if (c == '"') return out;
            if (c < 0x20) fail("control character in string");
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (m_pos >= m_text.size()) fail("unterminated escape");
            char e = m_text[m_pos++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = parse_hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (!consume("\\u")) fail("lone high surrogate");
                        unsigned low = parse_hex4();
                        if (low < 0xDC00 || low > 0xDFFF) fail("bad low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail("lone low surrogate");
                    }
                    refi::append_utf8(out, static_cast<char32_t>(cp));
                    break;
                }
                default: fail(std::string("bad escape '\\") + e + "'");
            }
        }
    }

    Json parse_number() {
        std::size_t start = m_pos;
        if (m_text[m_pos] == '-') ++m_pos;
        auto digits = [&] {
            std::size_t s = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
            return m_pos - s;
        };
        if (digits() == 0) fail("expected digits");
        bool is_double = false;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            is_double = true;
            if (digits() == 0) fail("expected digits after '.'");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            is_double = true;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
            if (digits() == 0) fail("expected exponent digits");
        }
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        if (!is_double) {
            std::int64_t v = 0;
            auto r = std::from_chars(first, last, v);
            if (r.ec == std::errc() && r.ptr == last) return Json(v);
            // too large for int64: fall through to double
        }
        double d = 0;
        auto r = std::from_chars(first, last, d);
        if (r.ec != std::errc() || r.ptr != last) fail("bad number");
        return Json(d);
    }
};

}  // namespace

Json Json::parse(const std::string& text) { return Parser(text).parse_document(); }

}  // namespace framer

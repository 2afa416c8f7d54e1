#pragma once
/// Writing JSON as it is produced, without building a framer::Json tree first: a chart of 100,000 excerpts is a
/// tree of ~2 KB per excerpt, but its text can go straight to the file. The text is the same as Json::dump's
/// (same indentation, escapes, number forms, U+FFFD for bytes that are not UTF-8), so an analysis can switch
/// from a tree to a writer without changing a byte of its output.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace framer {

namespace json_text {
/// `text` as a JSON string literal (quotes included) appended to `out`, invalid UTF-8 replaced by U+FFFD.
void append_string(std::string_view text, std::string& out);
/// A double as Json::dump writes it ("null" for NaN/infinity, ".0" kept on integral values).
void append_double(double value, std::string& out);
void append_int(std::int64_t value, std::string& out);
}  // namespace json_text

/// A string encoded once (escaped, quoted) and written many times: a chart writes each column's name and GUID
/// into every one of its cells, a million times for a wide codebook.
class JsonString {
public:
    explicit JsonString(std::string_view text) : m_text(text) { json_text::append_string(text, m_encoded); }
    const std::string& text() const { return m_text; }
    const std::string& encoded() const { return m_encoded; }  ///< the JSON literal, quotes included
private:
    std::string m_text, m_encoded;
};

/// Streams one JSON value. Calls must nest properly (every begin_* closed, a key before each value inside an
/// object, one top-level value); a misuse throws std::logic_error instead of writing malformed JSON.
class JsonWriter {
public:
    /// Writes to `out`, in pieces of about 64 KB (and at finish()). indent < 0: compact (no whitespace).
    JsonWriter(std::ostream& out, int indent);
    /// Appends to `out` (tests; small values).
    JsonWriter(std::string& out, int indent);
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;
    /// Hands on what is still buffered (finish() is the checked way; the destructor does not throw).
    ~JsonWriter();

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    /// The next member's key (inside an object only).
    JsonWriter& key(std::string_view name);
    JsonWriter& key(const JsonString& name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const JsonString& text);
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    /// A whole tree, written as Json::dump would write it at this depth.
    JsonWriter& value(const Json& tree);

    /// Checks that exactly one complete value was written and hands the rest of the text to the stream.
    void finish();
    bool compact() const { return m_indent < 0; }

private:
    struct Level {
        bool object;
        bool has_items = false;
        bool key_pending = false;
    };
    std::ostream* m_out = nullptr;
    std::string m_own;        ///< the buffer when writing to a stream
    std::string& m_buf;       ///< m_own, or the caller's string
    int m_indent;
    std::vector<Level> m_stack;
    bool m_done = false;      ///< the top-level value is complete

    void before_value();      ///< comma, newline and indentation before an array element; checks the state
    void before_key();        ///< comma, newline and indentation before an object member; checks the state
    void newline(std::size_t level);
    void close(bool object);
    void spill();
};

/// Builds a framer::Json tree from the same calls as JsonWriter, so code written once against either can give
/// the tree (tests, results held in memory) or the streamed text (the json exporter).
class JsonTreeBuilder {
public:
    JsonTreeBuilder& begin_object();
    JsonTreeBuilder& end_object();
    JsonTreeBuilder& begin_array();
    JsonTreeBuilder& end_array();
    JsonTreeBuilder& key(std::string_view name);
    JsonTreeBuilder& key(const JsonString& name) { return key(std::string_view(name.text())); }
    JsonTreeBuilder& value(const JsonString& text) { return value(text.text()); }
    JsonTreeBuilder& value(std::string_view text) { return add(Json(std::string(text))); }
    JsonTreeBuilder& value(const std::string& text) { return add(Json(text)); }
    JsonTreeBuilder& value(const char* text) { return add(Json(text)); }
    JsonTreeBuilder& value(std::int64_t number) { return add(Json(number)); }
    JsonTreeBuilder& value(int number) { return add(Json(number)); }
    JsonTreeBuilder& value(std::size_t number) { return add(Json(number)); }
    JsonTreeBuilder& value(double number) { return add(Json(number)); }
    JsonTreeBuilder& value(bool flag) { return add(Json(flag)); }
    JsonTreeBuilder& null() { return add(Json()); }
    JsonTreeBuilder& value(const Json& tree) { return add(tree); }
    /// The finished tree; throws std::logic_error if a container is still open or nothing was written.
    Json take();

private:
    struct Frame {
        bool object;
        Json::Array array;
        Json::Object members;
        std::string key;
        bool key_pending = false;
    };
    std::vector<Frame> m_stack;
    Json m_root;
    bool m_done = false;
    JsonTreeBuilder& add(Json value);
};

}  // namespace framer

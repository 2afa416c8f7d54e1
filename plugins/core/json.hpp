#pragma once
/// A small JSON value for analysis results (the json exporter prints it; tests parse it back).

#include <cstdint>
#include <map>
#include <iosfwd>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace framer {

class Json {
public:
    using Array = std::vector<Json>;
    /// Objects keep insertion order (keys appear as the analysis adds them).
    using Object = std::vector<std::pair<std::string, Json>>;

    Json() : m_value(nullptr) {}
    Json(std::nullptr_t) : m_value(nullptr) {}
    Json(bool b) : m_value(b) {}
    Json(int v) : m_value(static_cast<std::int64_t>(v)) {}
    Json(std::int64_t v) : m_value(v) {}
    Json(std::size_t v) : m_value(static_cast<std::int64_t>(v)) {}
    Json(double v) : m_value(v) {}
    Json(const char* s) : m_value(std::string(s)) {}
    Json(std::string s) : m_value(std::move(s)) {}
    Json(Array a) : m_value(std::move(a)) {}
    Json(Object o) : m_value(std::move(o)) {}
    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    bool is_null() const { return std::holds_alternative<std::nullptr_t>(m_value); }
    bool is_object() const { return std::holds_alternative<Object>(m_value); }
    bool is_array() const { return std::holds_alternative<Array>(m_value); }
    bool is_string() const { return std::holds_alternative<std::string>(m_value); }
    bool is_number() const { return std::holds_alternative<std::int64_t>(m_value) || std::holds_alternative<double>(m_value); }
    bool is_bool() const { return std::holds_alternative<bool>(m_value); }
    /// True for a number held as an integer (parse gives integers for numbers without '.'/exponent).
    bool is_integer() const { return std::holds_alternative<std::int64_t>(m_value); }

    /// Object access: adds the key if absent (on a null value, makes it an object).
    Json& operator[](const std::string& key);
    /// Object lookup; throws std::out_of_range if absent.
    const Json& at(const std::string& key) const;
    bool contains(const std::string& key) const;
    /// Array append (on a null value, makes it an array).
    void push_back(Json v);
    const Array& as_array() const { return std::get<Array>(m_value); }
    const Object& as_object() const { return std::get<Object>(m_value); }
    const std::string& as_string() const { return std::get<std::string>(m_value); }
    std::int64_t as_int() const;
    double as_double() const;
    bool as_bool() const { return std::get<bool>(m_value); }
    std::size_t size() const;

    /// Serialises with two-space indentation (indent < 0: compact). Non-ASCII is written as UTF-8.
    std::string dump(int indent = 2) const;
    /// The same text written to `out` as it is produced (bounded memory for large results).
    void dump(std::ostream& out, int indent) const;
    /// Parses JSON text; throws std::runtime_error with the offset on malformed input.
    static Json parse(const std::string& text);

private:
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> m_value;
};

}  // namespace framer

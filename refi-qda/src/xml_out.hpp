#pragma once
// Private: a small, fast XML emitter shared by the project (.qde) and codebook (.qdc) writers.
// It builds one std::string directly (no DOM): the benchmark writes 35 MB of XML.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refi/model.hpp"

namespace refi::detail {

/// Appends `value` escaped for a double-quoted attribute: & < > " and the whitespace characters \n \r \t as
/// character references, so an attribute value survives attribute-value normalisation unchanged.
/// Characters XML 1.0 cannot carry at all (C0 controls) become U+FFFD; returns how many were replaced.
std::size_t append_attribute_escaped(std::string& out, std::string_view value);
/// Appends `text` escaped for character content: & < > and CR (as &#13;, which a parser would otherwise turn
/// into LF). Same rule as above for C0 controls.
std::size_t append_text_escaped(std::string& out, std::string_view text);

/// Writes elements with indentation between element-only children and none inside text-bearing elements.
/// Each open element may carry Extensions: its unknown attributes are written after the known ones and its
/// unknown child elements are re-inserted at their recorded index among the element children written.
class XmlOut {
public:
    explicit XmlOut(std::string& out) : m_out(out) {}

    /// `<?xml version="1.0" encoding="utf-8"?>` and a line break.
    void declaration();
    /// Starts `<name`; attributes may follow until the first child or close(). `ext` must outlive the element.
    void open(std::string_view name, const Extensions* ext = nullptr);
    void attr(std::string_view name, std::string_view value);
    void attr(std::string_view name, const std::string& value) { attr(name, std::string_view(value)); }
    void attr(std::string_view name, const char* value) { attr(name, std::string_view(value)); }
    void attr(std::string_view name, const OptString& value) {
        if (value) attr(name, *value);
    }
    void attr(std::string_view name, const std::optional<std::string>& value) {
        if (value) attr(name, *value);
    }
    void attr(std::string_view name, std::int64_t value);
    /// A child element holding only text: `<name>text</name>` (`<name/>` when empty), written exactly.
    void text_element(std::string_view name, std::string_view text);
    void text_element(std::string_view name, const std::string& text) { text_element(name, std::string_view(text)); }
    void text_element(std::string_view name, const OptString& text) {
        if (text) text_element(name, *text);
    }
    void text_element(std::string_view name, const std::optional<std::string>& text) {
        if (text) text_element(name, *text);
    }
    /// An element with only @targetGUID (NoteRef, CodeRef, ...), plus the ref's own extensions.
    void ref(std::string_view name, const Ref& ref, std::string_view attribute = "targetGUID");
    /// Ends the innermost open element (`/>` when it got no children).
    void close();

    /// Number of characters that could not be represented in XML 1.0 and were replaced.
    std::size_t replaced_characters() const { return m_replaced; }

private:
    struct Frame {
        std::string_view name;
        const Extensions* ext;
        std::size_t next_unknown;  ///< index into ext->elements
        std::size_t children;      ///< element children written so far (known and unknown)
        bool tag_open;             ///< the start tag still lacks its '>'
    };
    void finish_start_tag(Frame& f);
    void flush_unknown(Frame& f, bool all);
    void begin_child();
    void newline_indent(std::size_t depth);

    std::string& m_out;
    std::vector<Frame> m_stack;
    std::size_t m_replaced = 0;
};

}  // namespace refi::detail

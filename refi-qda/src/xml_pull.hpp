#pragma once
// Private: the project.qde tokenizer. One forward pass over the document with no tree in between: the reader
// pulls an element's attributes and children while it builds the model, and whatever it does not know is
// serialised verbatim (raw()) as it streams past. The buffer is only read: names are views into it (valid while
// it lives); a value or text with something to decode (references, line ends, attribute white space) is decoded
// into the parser's own buffers, valid until the parser moves on, and any other is a view into the buffer too.
//
// It reads XML as pugixml read it with the options the reader used before (parse_default |
// parse_ws_pcdata_single): the five predefined entities and character references decoded, white space in
// attribute values turned into spaces, CR LF and CR made LF, comments, processing instructions and the DOCTYPE
// skipped, white-space-only text kept only as an element's one child. raw() writes what pugixml's format_raw
// wrote (tests/refi/test_xml_pull.cpp checks both against each other). It reports, as errors with a stable id,
// what XML forbids but a lenient parser would accept: a second root element, an attribute given twice, '<' in an
// attribute value, '&' that starts no reference, a character reference to no character and a DOCTYPE; malformed
// XML is a refi::Error naming the line and column and what is wrong.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "refi/error.hpp"
#include "xml_findings.hpp"
#include "xml_location.hpp"

namespace refi::detail {

struct XmlAttribute {
    std::string_view name;   ///< as written, with any prefix
    std::string_view value;  ///< decoded
    bool prefixed = false;   ///< whether the name has a namespace prefix (xmlns:x, xsi:schemaLocation, ...)
};

/// A start tag the parser has met.
struct XmlElement {
    std::string_view name;   ///< as written, with any prefix
    std::string_view local;  ///< without the prefix (REFI-QDA files use any namespace prefix, or none)
    std::size_t offset = 0;  ///< of its '<' in the buffer
    std::uint32_t depth = 0; ///< the root element is 1
};

class XmlPull {
public:
    /// `data` is read, never written (what needs decoding is decoded into the parser's own buffers), and must
    /// outlive the parser and every name it gives.
    XmlPull(const char* data, std::size_t size, const std::string& file, XmlFindings& findings);

    /// Skips the prolog and returns the root element's start tag; throws refi::Error on malformed XML or no root.
    XmlElement root();
    /// The attributes of the start tag met last, in document order: the list and the decoded values are valid
    /// until the parser moves on.
    const std::vector<XmlAttribute>& attributes() const { return m_attributes; }

    /// Calls f(child) at the start tag of each child element of `parent`, which is the element met last or an
    /// element whose children are being walked; a child that f leaves unread is skipped. Returns past parent's
    /// end tag. Text between the children is passed over (the model has no mixed content).
    template <class F>
    void children(const XmlElement& parent, F&& f) {
        while (next_child(parent)) {
            const XmlElement child = m_element;
            f(child);
            if (is_open(child)) skip(child);
        }
    }
    /// The text and CDATA children of `e` (the element met last), concatenated, as pugixml's pcdata and cdata
    /// nodes were; child elements are skipped. Returns past e's end tag.
    std::string text(const XmlElement& e);
    /// `e` (the element met last) and all it contains, serialised as pugixml's format_raw printed it. Returns
    /// past e's end tag.
    std::string raw(const XmlElement& e);
    /// Passes over the rest of `e`, checking it as everything is checked.
    void skip(const XmlElement& e);
    /// Reads what follows the root element (white space, comments, or a second root, which is reported).
    void finish();

    /// Line and column of an offset of the document as it was before parsing.
    Location location(std::size_t offset) const;
    Location location(const XmlElement& e) const { return location(e.offset); }

private:
    enum class Token { Start, End, Text, CData, Eof };
    Token next();
    bool next_child(const XmlElement& parent);
    /// Elements open, the innermost last in m_open.
    std::uint32_t depth() const { return static_cast<std::uint32_t>(m_open.size()); }
    bool is_open(const XmlElement& e) const { return depth() >= e.depth; }
    /// The innermost open element ends (its end tag, or the end an empty element's start tag implies).
    Token close_element();

    Token start_tag(std::size_t at);
    Token end_tag(std::size_t at);
    /// Text from `at` up to the next '<' (decoded; m_text).
    void text_run(std::size_t at);
    std::size_t attribute_value(std::size_t at, char quote, std::string_view attribute, std::string_view element,
                                std::string_view& value);
    /// Appends the reference at x[at] == '&', decoded, to `out`; returns the offset after it. A bad reference is
    /// reported and copied as it stands.
    std::size_t reference(std::size_t at, std::string& out, const char* where);
    std::size_t skip_past(std::size_t from, std::string_view end, const char* what, std::size_t at);
    std::size_t doctype(std::size_t at);
    void check_duplicate(std::string_view name, std::size_t at, std::string_view element);
    [[noreturn]] void malformed(std::size_t offset, const std::string& what) const;
    /// Refuses the file once the heap has grown by more than k_max_heap_ratio times its size plus
    /// k_heap_floor_bytes since reading began (checked every few thousand elements).
    void check_memory(std::size_t at) const;
    /// A finding of `id` at `at` (XmlFindings::report: the location and message are made only when listed).
    template <class F>
    void report(const char* id, std::size_t at, F&& message) {
        m_findings.report(id, [&] { return location(at); }, message);
    }

    const char* m_x;
    std::size_t m_n;
    std::size_t m_i = 0;
    const std::string m_file;
    /// Line numbers: the line feeds before m_counted are counted (in document order, as locations are asked),
    /// with the start of the line m_counted is on, and a checkpoint every 64 KiB for the rare
    /// location asked behind it (a finding inside a start tag already read).
    struct LinePoint {
        std::size_t offset = 0, line_feeds = 0, line_start = 0;
    };
    static LinePoint count_lines(const char* x, LinePoint from, std::size_t to);
    mutable LinePoint m_counted;
    mutable std::vector<LinePoint> m_checkpoints{LinePoint{}};
    XmlFindings& m_findings;

    std::size_t m_heap_at_start = 0;
    std::uint64_t m_elements = 0;
    bool m_has_child = false;       ///< whether the innermost open element has a child node yet
    bool m_pending_end = false;     ///< an empty element's start was returned; its end comes next
    bool m_root_closed = false;
    bool m_second_root_reported = false;
    std::vector<XmlElement> m_open; ///< the open elements, innermost last
    XmlElement m_element;           ///< the start tag met last
    std::vector<XmlAttribute> m_attributes;
    std::string_view m_text;        ///< the text or CDATA met last
    std::string m_decoded_text;     ///< m_text when it had references or CR to decode
    std::string m_decoded_values;   ///< the start tag's values that had references or white space to decode
    struct Decoded {
        std::size_t attribute, offset, size;
    };
    std::vector<Decoded> m_decoded;
    std::string_view m_closed_name; ///< the element whose end was met last
    std::unordered_set<std::string_view> m_names;  ///< a long start tag's attribute names (check_duplicate)
    bool m_names_built = false;
};

}  // namespace refi::detail

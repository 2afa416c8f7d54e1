#pragma once
/// The buffer the html exporter writes through (escaping is core/markup_text.hpp's): a chart page has hundreds of
/// thousands of cells, and writing each tag, attribute and escaped character to the ostream on its own cost more
/// than making the chart (each insert is a sentry, a locale check and a call into the filebuf).

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "core/markup_text.hpp"

namespace framer::html {

using markup::append_escaped;  // HTML text (core/markup_text.hpp)
using markup::escaped;

/// Pieces of the page gathered in one string and handed to the ostream in large writes (about 64 KiB).
/// flush() must be called at the end (and before anything else writes to the ostream directly).
class Buffer {
public:
    explicit Buffer(std::ostream& out) : m_out(out) { m_text.reserve(2 * flush_at); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    Buffer& operator<<(std::string_view piece) {
        m_text.append(piece);
        return spill();
    }
    Buffer& operator<<(char c) {
        m_text.push_back(c);
        return spill();
    }
    /// Escaped text (append_escaped).
    Buffer& text(std::string_view raw, bool line_breaks = false) {
        append_escaped(m_text, raw, line_breaks);
        return spill();
    }
    /// Writes out what is gathered.
    void flush() {
        if (!m_text.empty()) m_out.write(m_text.data(), static_cast<std::streamsize>(m_text.size()));
        m_text.clear();
    }
    std::ostream& stream() { return m_out; }

private:
    static constexpr std::size_t flush_at = std::size_t{1} << 16;
    Buffer& spill() {
        if (m_text.size() >= flush_at) flush();
        return *this;
    }
    std::ostream& m_out;
    std::string m_text;
};

}  // namespace framer::html

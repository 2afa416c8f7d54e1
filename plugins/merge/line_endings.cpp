// Line-ending-insensitive text identity and the position map it needs (the model counts code points of the text
// as stored, so CRLF is two code points in one copy and LF one in the other).
#include "merge/line_endings.hpp"

namespace framer::merge {

std::string normalise_line_endings(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

namespace {

/// For each code-point boundary of `text` (size = code points + 1): the index in the normalised text.
std::vector<std::int64_t> normalised_boundaries(std::string_view text) {
    std::vector<std::int64_t> out;
    std::int64_t norm = 0;
    bool after_cr = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte: not a boundary
        // the boundary before this code point; an LF right after a CR is the same normalised character
        if (c == '\n' && after_cr) {
            out.push_back(norm - 1);
            after_cr = false;
            continue;
        }
        out.push_back(norm);
        ++norm;
        after_cr = c == '\r';
    }
    out.push_back(norm);
    return out;
}

}  // namespace

LineEndingMap::LineEndingMap(std::string_view from, std::string_view to) {
    m_identity = from == to;
    if (m_identity) return;
    m_norm_of_from = normalised_boundaries(from);
    auto to_norm = normalised_boundaries(to);
    std::int64_t norm_count = to_norm.empty() ? 0 : to_norm.back();
    m_to_of_norm.assign(static_cast<std::size_t>(norm_count) + 1, -1);
    for (std::size_t b = 0; b < to_norm.size(); ++b) {
        auto& slot = m_to_of_norm[static_cast<std::size_t>(to_norm[b])];
        if (slot < 0) slot = static_cast<std::int64_t>(b);
    }
}

std::int64_t LineEndingMap::map(std::int64_t position) const {
    if (m_identity || position < 0) return position;
    auto p = static_cast<std::size_t>(position);
    if (p >= m_norm_of_from.size()) {
        // past the end: keep the distance beyond the end (validation reports it as it did in the input)
        std::int64_t beyond = position - static_cast<std::int64_t>(m_norm_of_from.size() - 1);
        return m_to_of_norm.back() + beyond;
    }
    return m_to_of_norm[static_cast<std::size_t>(m_norm_of_from[p])];
}

}  // namespace framer::merge

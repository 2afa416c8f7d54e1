#pragma once
// Private: what the readers need to name an element in a message: its line:column (pugixml reports byte offsets;
// people read lines) and its local name (REFI-QDA files use any namespace prefix, or none).

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "refi/model.hpp"

namespace refi::detail {

class LineMap {
public:
    explicit LineMap(std::string_view text) {
        // Room for a line every 32 bytes up front: growing the table by doubling copied it about twice over
        // (40 MB for a 388 MB project.qde), while reserved pages that no line reaches are never touched.
        m_starts.reserve(text.size() / 32 + 1);
        m_starts.push_back(0);
        const char* base = text.data();
        const char* p = base;
        const char* end = base + text.size();
        while (p < end) {
            const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
            if (!nl) break;
            p = static_cast<const char*>(nl) + 1;
            m_starts.push_back(static_cast<std::size_t>(p - base));
        }
    }
    Location at(std::ptrdiff_t offset) const {
        std::size_t hint = 0;
        return at(offset, hint);
    }
    /// The same, starting from `hint` (the index of the line found last, updated): a reader asks in document
    /// order, so the answer is nearly always that line or one of the next few, not a binary search away.
    Location at(std::ptrdiff_t offset, std::size_t& hint) const {
        if (offset < 0) return {};
        const auto o = static_cast<std::size_t>(offset);
        std::size_t line = 0;  // the index of the last line start <= o
        if (hint < m_starts.size() && m_starts[hint] <= o) {
            std::size_t h = hint;
            for (int step = 0; step < 8 && h + 1 < m_starts.size() && m_starts[h + 1] <= o; ++step) ++h;
            if (h + 1 == m_starts.size() || m_starts[h + 1] > o) line = h + 1;
        }
        if (line == 0)
            line = static_cast<std::size_t>(std::upper_bound(m_starts.begin(), m_starts.end(), o) - m_starts.begin());
        hint = line - 1;
        std::size_t col = o - m_starts[line - 1] + 1;
        return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
    }
private:
    std::vector<std::size_t> m_starts;
};

/// The local name of an element or attribute: any namespace prefix (urn:QDA-XML:* or none) is ignored.
inline std::string_view local_name(std::string_view n) {
    auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

}  // namespace refi::detail

#pragma once
// Private: byte offset -> line:column for messages (pugixml reports offsets; people read lines).

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "refi/model.hpp"

namespace refi::detail {

class LineMap {
public:
    explicit LineMap(std::string_view text) {
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
        if (offset < 0) return {};
        auto it = std::upper_bound(m_starts.begin(), m_starts.end(), static_cast<std::size_t>(offset));
        std::size_t line = static_cast<std::size_t>(it - m_starts.begin());
        std::size_t col = static_cast<std::size_t>(offset) - m_starts[line - 1] + 1;
        return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
    }
private:
    std::vector<std::size_t> m_starts;
};

}  // namespace refi::detail

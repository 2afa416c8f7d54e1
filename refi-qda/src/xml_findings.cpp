#include "xml_findings.hpp"

#include <fmt/format.h>

namespace refi::detail {

std::size_t XmlFindings::count(const char* id) {
    auto it = m_counts.find(std::string_view(id));
    if (it == m_counts.end()) it = m_counts.emplace(id, 0).first;
    return ++it->second;
}

std::size_t XmlFindings::finish() {
    std::size_t total = 0;
    for (const auto& [id, n] : m_counts) {
        total += n;
        if (n > k_reports_per_id)
            m_diag.error(id, m_file, {}, fmt::format("{} more of the same ({} in all)", n - k_reports_per_id, n));
    }
    m_counts.clear();
    return total;
}

}  // namespace refi::detail

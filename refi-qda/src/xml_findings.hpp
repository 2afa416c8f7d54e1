#pragma once
// Private: the findings of reading project.qde's bytes (bad UTF-8, what XML forbids), as errors with a stable
// id, at most k_reports_per_id of each and then one line with the count: a broken file must not flood.

#include <map>
#include <string>

#include "refi/error.hpp"

namespace refi::detail {

class XmlFindings {
public:
    static constexpr std::size_t k_reports_per_id = 10;

    XmlFindings(const std::string& file, Diagnostics& diagnostics) : m_file(file), m_diag(diagnostics) {}
    /// Whether a finding of `id` would still be listed (callers skip building the message otherwise).
    bool wanted(const char* id) const;
    void error(const char* id, Location where, std::string message);
    const std::string& file() const { return m_file; }
    /// Adds the "N more of the same" lines; returns the number of findings.
    std::size_t finish();

private:
    const std::string m_file;
    Diagnostics& m_diag;
    std::map<std::string, std::size_t, std::less<>> m_counts;
};

}  // namespace refi::detail

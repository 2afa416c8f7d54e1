#pragma once
// Private: the findings of reading project.qde's bytes (bad UTF-8, NUL, what XML forbids), as errors with a stable
// id, at most k_reports_per_id of each and then one line with the count: a broken file must not flood.

#include <map>
#include <string>

#include "refi/error.hpp"

namespace refi::detail {

class XmlFindings {
public:
    static constexpr std::size_t k_reports_per_id = 10;

    XmlFindings(const std::string& file, Diagnostics& diagnostics) : m_file(file), m_diag(diagnostics) {}
    /// Counts one finding of `id` and, while it is among the first k_reports_per_id, adds it as an error at
    /// where() with message(): both are called only then (a file with a million bad bytes formats ten messages).
    template <class Where, class Message>
    void report(const char* id, Where&& where, Message&& message) {
        if (count(id) <= k_reports_per_id) m_diag.error(id, m_file, where(), message());
    }
    /// Adds the "N more of the same" lines; returns the number of findings.
    std::size_t finish();

private:
    std::size_t count(const char* id);  ///< the findings of `id` so far, this one included

    const std::string m_file;
    Diagnostics& m_diag;
    std::map<std::string, std::size_t, std::less<>> m_counts;
};

}  // namespace refi::detail

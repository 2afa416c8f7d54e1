// Summary note identity shared by chart (reads) and summaries (writes).
#include "summaries/summary_notes.hpp"

#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer {

namespace {
constexpr std::string_view k_summary_namespace = "framer-summary";
}

std::string summary_note_guid(const refi::Guid& unit_guid, const refi::Guid& code_guid) {
    return refi::make_guid_from(k_summary_namespace, refi::normalize_guid(unit_guid) + refi::normalize_guid(code_guid));
}

SummaryLookup::SummaryLookup(const refi::Project& project) {
    for (const auto& note : project.notes) {
        auto bits = refi::guid_bits(note.guid);
        if (!bits || ((bits->hi >> 12) & 0xF) != 5) continue;  // not a version-5 GUID: no summary's
        m_notes.emplace(*bits, &note);                          // first wins, as in ProjectIndex
    }
}

const refi::Note* SummaryLookup::find(const refi::Guid& unit_guid, const refi::Guid& code_guid) const {
    if (m_notes.empty()) return nullptr;
    if (!m_prefix || unit_guid != m_unit) {
        m_prefix.emplace(k_summary_namespace, refi::normalize_guid(unit_guid));
        m_unit = unit_guid;
    }
    auto it = m_notes.find(m_prefix->with_normalized_guid(code_guid));
    return it == m_notes.end() ? nullptr : it->second;
}

std::string summary_note_name(const std::string& unit_name, const std::string& code_name) {
    return "Summary: " + unit_name + " \u00D7 " + code_name;
}

std::optional<std::string> find_summary(const refi::Project& project, const refi::ProjectIndex& index,
                                        const refi::Guid& unit_guid, const refi::Guid& code_guid) {
    return summary_text(project, index.find_note(summary_note_guid(unit_guid, code_guid)));
}

std::optional<std::string> summary_text(const refi::Project& project, const refi::Note* note) {
    if (!note) return std::nullopt;
    if (note->plain_text_content) return note->plain_text_content;
    return refi::load_plain_text(project, *note);
}

bool uses_lower_case_guids(const refi::Project& p) {
    std::size_t lower = 0, upper = 0;
    auto tally = [&](const std::string& guid) {
        for (char c : guid) {
            lower += c >= 'a' && c <= 'f';
            upper += c >= 'A' && c <= 'F';
        }
    };
    for (const auto& c : p.codes) tally(c.guid);
    for (const auto& s : p.sources) tally(s.guid);
    for (const auto& c : p.cases) tally(c.guid);
    for (const auto& u : p.users) tally(u.guid);
    return lower > upper;
}

}  // namespace framer

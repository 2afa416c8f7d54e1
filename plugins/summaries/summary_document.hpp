#pragma once
/// The document form of the chart summaries (`framer summaries --as-document`): one generated text source per unit,
/// "Framework summaries: SU26", a paragraph per summary, each paragraph coded with its code. Text and codings are
/// what every QDA tool imports (DIALECTS.md §4), so the summaries arrive as coded text and are retrieved by code.

#include <optional>
#include <string>
#include <vector>

#include "refi/model.hpp"
#include "summaries/summaries.hpp"

namespace framer {

/// The GUID of the generated source of `unit_guid` (deterministic, so applying again replaces it).
std::string summary_document_guid(const refi::Guid& unit_guid);
/// "Framework summaries: <unit>".
std::string summary_document_name(const std::string& unit_name);

/// The summaries one generated source holds, code GUID (as written) -> text, read back from its coded paragraphs.
/// Empty for a source that is not a generated summary document.
std::vector<std::pair<refi::Guid, std::string>> summaries_in_document(const refi::Project& project,
                                                                      const refi::Source& document);

/// Applies checked entries in the document form: the unit's generated source is rebuilt from the summaries it held
/// with the entries applied (a filled cell adds or replaces its paragraph, a cleared one removes it), paragraphs in
/// codebook order; a unit left with no summary loses its source (and every reference to it). A case unit's
/// generated source is referred to by the case (SourceRef), so tools show it under the participant; Framer's own
/// analyses leave generated sources out (core/units.hpp is_generated_summary_source). The stats count paragraphs.
SummaryStats apply_summary_documents(refi::Project& project, const std::vector<SummaryEntry>& entries,
                                     const SummaryOptions& options = {});

}  // namespace framer

#pragma once
/// The coded data of one unit: every coding of its sources (and of the case itself) as an excerpt with its
/// exact text, in source order. Shared by the matrix chart and the per-unit chart.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer::chart {

/// One coding of a unit, resolved for display.
struct Excerpt {
    std::string kind;          ///< "text", "source" (whole source), "case" (the case itself), "pdf", "picture",
                               ///< "audio", "video", "transcript"
    std::string text;          ///< the coded text (code points [start, end) of the plain text); empty for media
    std::string source;        ///< source name ("" for a case coding)
    refi::Guid source_guid;
    refi::Guid selection_guid; ///< empty for whole-source and case codings
    std::int64_t start = 0;    ///< code points (text), milliseconds (audio/video), page (pdf)
    std::int64_t end = 0;
    std::string coder;         ///< user name (else initials, else GUID) of the coding, else of the selection
    std::string code_key;      ///< normalised GUID of the code it is coded with
    std::string dedupe_key;    ///< same selection (or whole source) coded twice in one cell shows once
};

/// Loads each source's plain text once, however many units share the source.
class TextCache {
public:
    explicit TextCache(const refi::Project& project) : m_project(project) {}
    /// The plain text of a text-bearing element, or nullptr if it has none.
    const std::string* text_of(const refi::Source& source);
    const std::string* text_of(const refi::Transcript& transcript);
private:
    const refi::Project& m_project;
    std::map<const void*, std::optional<std::string>> m_texts;
};

/// The user's display name for a coder GUID: name, else id (initials), else the GUID as written.
std::string user_display_name(const refi::ProjectIndex& index, const std::optional<refi::Guid>& user);

/// Every coding of `unit`, in source order (the unit's sources in order, then by start and end).
std::vector<Excerpt> collect_excerpts(const refi::ProjectIndex& index, const Unit& unit, TextCache& texts);

/// How an excerpt reads in a document cell or the long csv: "[source start–end, coder] text".
std::string format_excerpt(const Excerpt& excerpt);

}  // namespace framer::chart

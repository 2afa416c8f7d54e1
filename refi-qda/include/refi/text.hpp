#pragma once
/// Plain text of sources and conversions between position counts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refi/model.hpp"

namespace refi {

/// Where a text source's plain text lives: `internal://X.txt`, `relative://...`, `absolute://...` or a bare name.
struct ResolvedPath {
    enum class Kind { Internal, Relative, Absolute, Bare } kind = Kind::Bare;
    std::string path;  ///< with the scheme stripped (and a leading '/' before a drive letter removed)
};
ResolvedPath resolve_path(std::string_view uri);

/// The plain text of a text-bearing element (a TextSource, Note, TextDescription, Representation): its
/// PlainTextContent, or the file named by plainTextPath (via the project's store, or relative to basePath).
/// UTF-8 BOM stripped. Returns nullopt when there is no text or the file is absent. Throws refi::Error
/// naming the file when the text is not valid UTF-8 or exceeds the size cap.
std::optional<std::string> load_plain_text(const Project& project, const Source& source);
std::optional<std::string> load_plain_text(const Project& project, const Transcript& transcript);

/// ASCII lower case (other bytes unchanged): for names compared case-insensitively, such as file extensions,
/// archive folders, dialect, format and option names.
std::string ascii_lower(std::string_view text);

/// UTF-8 helpers.
bool is_valid_utf8(std::string_view text, std::size_t* error_offset = nullptr);
std::string_view strip_bom(std::string_view text);
std::size_t count_code_points(std::string_view utf8);

/// Maps positions between code points of `text` and a tool's counting (REFI-QDA-NOTES §6).
/// Exact for positions on character boundaries; positions past the end extrapolate by one unit per unit
/// so that out-of-range values survive a round trip unchanged (validation reports them).
class OffsetMap {
public:
    OffsetMap(std::string_view utf8_text, PositionCounting counting);
    std::int64_t to_code_points(std::int64_t tool_position) const;
    std::int64_t from_code_points(std::int64_t code_point) const;
    std::int64_t length_code_points() const { return m_length_cp; }
private:
    PositionCounting m_counting;
    std::vector<std::int64_t> m_unit_of_cp;  ///< unit offset of each code point boundary (size = cps + 1)
    std::int64_t m_length_cp = 0;
};

/// Byte range of code points [start, end) in utf8 (clamped to the text).
std::string_view substr_code_points(std::string_view utf8, std::int64_t start, std::int64_t end);

}  // namespace refi

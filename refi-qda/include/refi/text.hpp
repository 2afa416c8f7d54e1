#pragma once
/// Plain text of sources and conversions between position counts.

#include <cstdint>
#include <memory>
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

/// The bytes load_plain_text reads, as stored: not checked as UTF-8, BOM kept, not shared. For a quick look at
/// every text of a project (the dialect evidence scans each for a CR or a 4-byte sequence and loads the few that
/// have one), without the checks and bookkeeping a text kept for use needs. Throws as load_plain_text does for
/// a file it cannot read.
std::optional<std::string> plain_text_bytes(const Project& project, const Source& source);

/// The same text, shared: sources that name the same file (and successive loads of one file) get one copy
/// instead of one each, so eight sources over a 500 MB transcript hold 500 MB, not 4 GB. Null when there is
/// no text. The copy lives as long as someone holds it (plus the most recently loaded file, so that loading
/// source after source over one file inflates it once).
std::shared_ptr<const std::string> shared_plain_text(const Project& project, const Source& source);
std::shared_ptr<const std::string> shared_plain_text(const Project& project, const Transcript& transcript);

/// ASCII lower case (other bytes unchanged): for names compared case-insensitively, such as file extensions,
/// archive folders, dialect, format and option names.
std::string ascii_lower(std::string_view text);

/// UTF-8 helpers.
bool is_valid_utf8(std::string_view text, std::size_t* error_offset = nullptr);
/// The length (2-4) of the valid UTF-8 sequence that starts at text[at] (a byte >= 0x80), 0 when none does: no
/// overlong forms, surrogates or values past U+10FFFF. is_valid_utf8 is this rule over every such byte.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);
/// Appends code point `cp` (at most U+10FFFF, not a surrogate: the caller checks) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);
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
    /// The tool's position of code point `cp` in [0, length].
    std::int64_t unit_of(std::int64_t cp) const;
    PositionCounting m_counting;
    /// Code point indices of the characters that do not take exactly one position in the tool's counting
    /// (a 4-byte character in UTF-16, the CR of a CRLF in ATLAS.ti's): sparse, so the map costs 8 bytes per
    /// such character instead of 8 bytes per character (a 500 MB transcript took 4 GB per map).
    /// 32-bit while the text has fewer than 2^32 code points (any text under the default caps), else 64-bit.
    std::vector<std::uint32_t> m_special;
    std::vector<std::int64_t> m_special_wide;
    std::int64_t special(std::size_t j) const {
        return m_special_wide.empty() ? static_cast<std::int64_t>(m_special[j]) : m_special_wide[j];
    }
    std::size_t specials() const { return m_special_wide.empty() ? m_special.size() : m_special_wide.size(); }
    std::int64_t m_length_cp = 0;
};

/// Random access to the code points of a UTF-8 text without decoding all of it: the byte offset of every 64th
/// code point (an eighth of a byte per code point; a decoded copy would take four bytes), the rest found by
/// stepping over at most 63. The text must outlive the index.
class CodePointIndex {
public:
    explicit CodePointIndex(std::string_view utf8_text);
    std::int64_t size() const { return m_size; }
    /// Byte offset of code point `cp` (clamped to [0, size]).
    std::size_t byte_of(std::int64_t cp) const;
    /// The code point at `cp` (0 <= cp < size).
    char32_t at(std::int64_t cp) const { return at_byte(byte_of(cp)); }
    /// The code point whose encoding starts at byte `b` (a byte_of of a code point < size). No copy, no search:
    /// the position check asks for the code points on both sides of each selection's ends, 100,000s of them.
    char32_t at_byte(std::size_t b) const;
    /// The byte where the code point before the one starting at byte `b` starts (0 < b <= the text's size).
    std::size_t previous_byte(std::size_t b) const;
    /// Code points [start, end), clamped to the text.
    std::string_view slice(std::int64_t start, std::int64_t end) const;
private:
    std::string_view m_text;
    std::vector<std::size_t> m_checkpoints;
    std::int64_t m_size = 0;
};

/// The code points of a UTF-8 string (for short strings such as names and excerpts).
std::u32string decode_utf8(std::string_view utf8);

/// Byte range of code points [start, end) in utf8 (clamped to the text).
std::string_view substr_code_points(std::string_view utf8, std::int64_t start, std::int64_t end);

}  // namespace refi

#pragma once
/// Texts that differ only in their line endings (CRLF, CR, LF) are the same text to a coder: one tool re-saved it.
/// A position in one maps onto the other through the text with every line ending made LF.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace framer::merge {

/// `text` with CRLF and lone CR replaced by LF.
std::string normalise_line_endings(std::string_view text);

/// Maps code-point positions of `from` onto `to`, two texts equal once their line endings are normalised.
/// A position inside a CRLF pair maps to the start of the pair's counterpart.
class LineEndingMap {
public:
    LineEndingMap(std::string_view from, std::string_view to);
    std::int64_t map(std::int64_t position) const;
    /// True when the two texts have the same line endings (every position maps to itself).
    bool identity() const { return m_identity; }

private:
    std::vector<std::int64_t> m_norm_of_from;  ///< normalised index of each boundary of `from`
    std::vector<std::int64_t> m_to_of_norm;    ///< boundary of `to` where each normalised index starts
    bool m_identity = false;
};

}  // namespace framer::merge

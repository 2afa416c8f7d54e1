#pragma once
/// Which matrices a chart has: themes (codes) and their columns (subthemes).

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "chart/excerpts.hpp"
#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer::chart {

struct Column {
    const refi::Code* code = nullptr;
    bool self = false;  ///< the code's own codings only (a code with children that some coding points at)
};

struct Theme {
    const refi::Code* code = nullptr;  ///< null for a matrix that is no code's: --flat, the top-level codes
    std::string name;                  ///< the name of a matrix that is no code's
    std::vector<Column> columns;
    /// Normalised GUID of every code that feeds a column -> the column's index.
    std::unordered_map<std::string, int> column_of;
};

/// The themes of a chart, chosen so that by default every coding appears in at least one matrix, in a column
/// of its own code:
/// - `specs` empty and !flat: every code with children is a theme (codebook order), with a column per child
///   (holding the child's codings and those below it) and, before them, a column for the codings made on the
///   theme itself; the top-level codes without children are gathered in one more matrix ("Top-level codes",
///   or "All codes" when no code has children).
/// - `flat`: one matrix "All codes": a column per leaf code and one per code with children that some coding
///   points at (its own codings only).
/// - `specs`: the themes named (resolved by framer::resolve_code, core/lookup.hpp), built as above.
/// `directly_coded` holds the normalised GUIDs of codes that some coding points at.
std::vector<Theme> choose_themes(const refi::Project& project, const refi::ProjectIndex& index,
                                 const std::vector<std::string>& specs, bool flat,
                                 const std::unordered_map<std::string, bool>& directly_coded);

/// Codings of the units that appear in no matrix: their code feeds no column of `themes` (a theme left out by
/// --theme, or a CodeRef to no code). Counted once per coding (selection or source, code and coder), however
/// many units share its source.
std::size_t uncharted_codings(const std::vector<Theme>& themes, const std::vector<std::vector<Excerpt>>& excerpts);

}  // namespace framer::chart

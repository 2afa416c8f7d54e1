#pragma once
/// Which matrices a chart has: themes (codes) and their columns (subthemes).

#include <string>
#include <unordered_map>
#include <vector>

#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer::chart {

struct Column {
    const refi::Code* code = nullptr;
    bool self = false;  ///< the theme's own codings (shown only when some coding points at the theme itself)
};

struct Theme {
    const refi::Code* code = nullptr;  ///< null for the --flat matrix
    std::vector<Column> columns;
    /// Normalised GUID of every code that feeds a column -> the column's index.
    std::unordered_map<std::string, int> column_of;
};

/// The themes of a chart. `specs` empty and !flat: every code whose children are all leaves, in codebook order
/// (a codebook without any such code gives the flat matrix). `flat`: one matrix of every leaf code.
/// --theme values are resolved by framer::resolve_code (core/lookup.hpp).
/// `directly_coded` holds the normalised GUIDs of codes that some coding points at.
std::vector<Theme> choose_themes(const refi::Project& project, const refi::ProjectIndex& index,
                                 const std::vector<std::string>& specs, bool flat,
                                 const std::unordered_map<std::string, bool>& directly_coded);

}  // namespace framer::chart

#pragma once
/// Validation of a project: structure, types, referential integrity, duplicate GUIDs, positions, files.

#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi {

struct ValidateOptions {
    /// Load text sources to check that selections lie inside the text (and that the files exist).
    bool check_text = true;
};

/// Every finding with severity, a stable id and the element's file:line:column. Ids:
/// missing-attribute, invalid-guid, invalid-color, invalid-date, invalid-number, invalid-boolean,
/// invalid-variable-value, duplicate-guid, dangling-reference, position-out-of-range, position-inverted,
/// missing-source-file, invalid-utf8, empty-container.
Diagnostics validate(const Project& project, const ValidateOptions& options = {});

}  // namespace refi

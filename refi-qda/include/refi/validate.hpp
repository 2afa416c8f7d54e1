#pragma once
/// Validation of a project: structure, types, referential integrity, duplicate GUIDs, positions, files.

#include "refi/error.hpp"
#include "refi/model.hpp"

#include <string>

namespace refi {

struct ValidateOptions {
    /// Load text sources to check that selections lie inside the text (and that the files exist).
    bool check_text = true;
    /// The file findings name (e.g. "study.qdpx:project.qde"); empty means "project.qde".
    std::string file_label;
};

/// Every finding with severity, a stable id and the element's file:line:column. Ids:
/// missing-attribute, invalid-guid, invalid-color, invalid-date, invalid-number, invalid-boolean,
/// invalid-variable-value, duplicate-guid, dangling-reference, position-out-of-range, position-inverted,
/// missing-source-file, invalid-utf8, empty-container; and invalid-enumeration (a value outside an XSD enumeration:
/// Link/Edge direction, Vertex shape, Edge lineStyle), unreadable-source-file (a text file over the size cap or
/// corrupt in the archive); and as info, mirrored-selection (ATLAS.ti's PlainTextSelection in a PDF's Representation
/// that repeats the GUID of a PDFSelection of the same source: accepted, not a duplicate).
/// Errors: the project breaks the schema or its own text (positions, encodings, GUIDs). Warnings: the rest still
/// works (dangling references, absent files).
Diagnostics validate(const Project& project, const ValidateOptions& options = {});

}  // namespace refi

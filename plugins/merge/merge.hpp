#pragma once
/// Merging coders' copies of a project (a write-back transform on refi::Project; the reader and writer do the I/O).
///
/// Identity, in order: sources by GUID, else identical text (line endings normalised), else name (with a
/// warning, only where the text cannot be compared); codes by GUID, else full path of names, else a name that is
/// unambiguous on both sides; users by GUID, else name; cases by GUID, else name; variables by name and type;
/// notes by GUID or name and text; sets by GUID, else name; links by GUID, else the same ends and name.
/// Codings are united: same source, same range, same code and same coder is one coding. The first input's
/// GUIDs, names and attributes win; every difference that would need a decision is a conflict in the report,
/// with both sides, and nothing is resolved silently (see docs/merge.md).

#include <string>
#include <vector>

#include "core/json.hpp"
#include "refi/model.hpp"

namespace framer {

struct MergeInput {
    refi::Project project;
    std::string label;  ///< how the report names it (the file name)
};

struct MergeOptions {
    /// Merge inputs that share no source (otherwise refused: they are not copies of one project).
    bool allow_disjoint = false;
};

/// Something two inputs disagree on, with both sides and what the merge did about it.
struct MergeConflict {
    std::string kind;        ///< source-text, code-path, variable-type, variable-value
    std::string message;     ///< one line for stderr
    Json first;              ///< the merged project's side (input, guid, name, ...)
    Json other;              ///< the other input's side
    std::string resolution;  ///< what was done ("kept as a separate source '...'")
};

/// Where each element of the merged project came from.
struct MergeOrigin {
    std::size_t input = 0;  ///< index into MergeReport::inputs
    std::string guid;       ///< the element's GUID in that input
    std::string matched_by; ///< "" for the input it was taken from; else guid, text, path, name, range, ...
};

struct MergeElement {
    std::string kind;  ///< user, code, variable, case, source, selection, coding, note, set, link, graph
    std::string guid;  ///< in the merged project
    std::string name;
    std::vector<MergeOrigin> origins;
};

/// Per input and element kind: how many elements matched one already merged, and how many were added.
struct MergeCount {
    std::string kind;
    std::size_t matched = 0, added = 0;
};

struct MergeInputSummary {
    std::string label;
    std::string dialect;
    std::vector<MergeCount> counts;  ///< in a fixed order of kinds
};

struct MergeReport {
    std::vector<MergeInputSummary> inputs;
    std::vector<MergeConflict> conflicts;
    std::vector<std::string> warnings;  ///< "id: message", e.g. matched by name only
    std::vector<MergeElement> elements;

    /// The --report document: {"inputs": [...], "conflicts": [...], "warnings": [...], "elements": [...]}.
    Json to_json() const;
    /// The stderr summary: one line per input with its counts, then every conflict and warning.
    std::string summary() const;
};

/// Merges inputs[1..] into a copy of inputs[0] (whose dialect, GUIDs and attributes the result keeps; positions
/// are code points in the model, so the writer converts them to that dialect). The result's store serves the
/// files of every input. Throws refi::Error when an input shares no source with the ones before it (unless
/// options.allow_disjoint) or when fewer than two inputs are given.
refi::Project merge_projects(const std::vector<MergeInput>& inputs, MergeReport& report,
                             const MergeOptions& options = {});

}  // namespace framer

#pragma once
/// Units of analysis (participants) shared by tabulate and chart: a Case with its sources, or a Source.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer {

enum class UnitKind { Case, Source };

struct Unit {
    std::string name;                   ///< case or source name (a nameless case takes its single source's name)
    refi::Guid guid;                    ///< the case's or source's GUID
    UnitKind kind = UnitKind::Case;
    std::vector<const refi::Source*> sources;  ///< the sources it covers (one for source units)
    const refi::Case* the_case = nullptr;       ///< case units: the case
    /// Variable name -> value text, from wherever the project keeps them for this unit
    /// (case VariableValues; source VariableValues; a nameless case that wraps one source).
    std::map<std::string, std::string> variables;
};

/// How a source is named to the reader: its @name, else (qc and QualCoder write nameless sources) the file name
/// of its original or stored file (currentPath, path, plainTextPath, richTextPath: the last path segment, scheme
/// stripped), else its GUID. Never empty for a source with a GUID.
std::string source_display_name(const refi::Source& source);

/// --unit: "case", "source" or empty for the default (cases when some case references sources, else sources).
/// Throws framer::UsageError for an unknown unit name.
UnitKind choose_unit_kind(const refi::Project& project, const std::string& requested);

/// The units in natural order of their names ("SU2" before "SU10").
std::vector<Unit> build_units(const refi::Project& project, const refi::ProjectIndex& index, UnitKind kind);

/// The same with an index of its own.
std::vector<Unit> build_units(const refi::Project& project, UnitKind kind);

/// Natural ("human") string ordering: digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b);

/// Names near `wanted` among `candidates` (for "did you mean" in UsageError messages).
std::vector<std::string> near_matches(const std::string& wanted, const std::vector<std::string>& candidates);

/// " (did you mean 'A', 'B'?)" for the near matches of `wanted`, or "" when there are none: the one wording of
/// every usage error. Each name is written between `before` and `after` (quotes by default; "--" for options).
std::string did_you_mean(const std::string& wanted, const std::vector<std::string>& candidates,
                         const std::string& before = "'", const std::string& after = "'");

}  // namespace framer

#pragma once
/// Resolving names given in options (codes, variables, users) to project elements, with usage errors that
/// name what was not found and list near matches.

#include <string>
#include <vector>

#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer {

/// A code by GUID, full path ("Domain 1/Process 1/Theme") or name. Throws UsageError for an unknown code
/// (listing near matches) or an ambiguous name (listing the candidates' paths).
const refi::Code& resolve_code(const refi::ProjectIndex& index, const std::string& wanted);

/// The same, walking project.codes (no ProjectIndex needed: building one costs more than a whole tabulation).
const refi::Code& resolve_code(const refi::Project& project, const std::string& wanted);

/// The path of a code as "A/B/C".
std::string code_path_text(const refi::ProjectIndex& index, const refi::Code& code);

/// A variable by name (exact, else the one case-insensitive match) or GUID. Throws UsageError with near matches.
const refi::Variable& resolve_variable(const refi::Project& project, const std::string& wanted);

/// A user by name, id (initials) or GUID; returns every match (names may repeat). Throws UsageError when none.
std::vector<const refi::User*> resolve_users(const refi::Project& project, const std::string& wanted);

}  // namespace framer

#pragma once
/// Resolving names given in options (codes, variables, users) to project elements, with usage errors that
/// name what was not found and list near matches.

#include <string>
#include <vector>

#include "refi/model.hpp"

namespace framer {

/// A code named in an option, for every analysis (--applies, --theme): by GUID, by name, or by full path
/// ("Domain 1/Process 1/Theme", also "A > B" or "A::B"; "/Other" for a top-level code), exact before ignoring
/// case. Throws UsageError for an unknown code (listing near matches) or an ambiguous one (listing the paths).
const refi::Code& resolve_code(const refi::Project& project, const std::string& wanted);

/// A variable by name (exact, else the one case-insensitive match) or GUID. Throws UsageError with near matches.
const refi::Variable& resolve_variable(const refi::Project& project, const std::string& wanted);

/// A user by name, id (initials) or GUID; returns every match (names may repeat). Throws UsageError when none.
std::vector<const refi::User*> resolve_users(const refi::Project& project, const std::string& wanted);

}  // namespace framer

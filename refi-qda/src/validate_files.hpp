#pragma once
// Private: the parts of validation that touch files (source text and media), kept apart from the model walk.

#include <cstdint>
#include <optional>
#include <string>

#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi::detail {

/// `owner` names the element in messages (e.g. `<Note guid="...">`).
/// Length in code points of a text-bearing element's plain text, or nullopt when it has none or it cannot be
/// read. Absent files become missing-source-file warnings; bad bytes an invalid-utf8 error (the reader's
/// refi::Error turned into a finding so the rest of the project is still checked).
std::optional<std::int64_t> checked_text_length(const Project& project, const Source& source, const std::string& owner,
                                                const std::string& file, Diagnostics& out);
std::optional<std::int64_t> checked_text_length(const Project& project, const Transcript& transcript,
                                                const std::string& owner, const std::string& file, Diagnostics& out);

/// Warns (missing-source-file) when a file named by `uri` (internal://, relative://, absolute:// or bare) cannot
/// be found. Internal files are looked up in the project's store; without a store they are not checked.
void check_file_exists(const Project& project, const std::optional<std::string>& uri, const std::string& element,
                       const char* attribute, Location loc, const std::string& file, Diagnostics& out);

}  // namespace refi::detail

#pragma once
// The archive as a target tool writes it (refi-qda/src/dialects/layout.cpp): applied by write_project for
// `convert --to`, from the target's profile. A profile is data; this is the one place that applies it.

#include <map>
#include <string>

#include "refi/dialect.hpp"
#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi::detail {

struct Layout {
    Project project;  ///< GUIDs in the target's case; rewritten text files in its store; paths renamed
    /// Entries copied raw under another name (docx, media): lower-cased "sources/NAME" -> new "sources/NAME".
    std::map<std::string, std::string> renames;
};

/// The project as `profile`'s tool writes it. With `files` (a .qdpx), its plain-text files get the tool's BOM and
/// line breaks (positions moved with the text, so they stay on the same characters), and its internal files the
/// tool's names; without (a bare .qde, which carries no files) only the GUIDs change. A text whose line breaks
/// cannot change without moving a position (mixed line breaks, a position between CR and LF) keeps them
/// (info `line-endings-kept`).
Layout lay_out(const Project& project, const DialectProfile& profile, bool files, Diagnostics& diagnostics);

/// The key of an entry in Layout::renames: lower case, "sources/" whatever its case in the archive.
std::string rename_key(const std::string& entry);

}  // namespace refi::detail

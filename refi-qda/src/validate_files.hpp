#pragma once
// Private: the parts of validation that touch files (source text and media), kept apart from the model walk.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi::detail {

/// `owner` names the element in messages (e.g. `<Note guid="...">`).
/// Length in code points of a text-bearing element's plain text, or nullopt when it has none or it cannot be
/// read. Absent files are not reported here (missing_files() does); bad bytes become an invalid-utf8 error (the reader's
/// refi::Error turned into a finding so the rest of the project is still checked).
std::optional<std::int64_t> checked_text_length(const Project& project, const Source& source, const std::string& owner,
                                                const std::string& file, Diagnostics& out);
std::optional<std::int64_t> checked_text_length(const Project& project, const Transcript& transcript,
                                                const std::string& owner, const std::string& file, Diagnostics& out);

/// A file the project names that cannot be found: the one list behind `validate`'s and the writer's
/// missing-source-file warnings, so both report the same files. Every plainTextPath, richTextPath and path of every
/// source, note, transcript, Representation and TextDescription is looked at; a file named by several elements is
/// one entry, at the first element naming it, with the number of the others. Internal (and bare) names are looked
/// up in the project's store, case-insensitively, as `sources/NAME` or `NAME`; a project without a store (built in
/// code) has its internal files left unchecked. External files are looked for on disk (relative:// against
/// @basePath, else the project's folder).
struct MissingFile {
    std::string uri;         ///< as written
    bool internal = false;   ///< internal:// or bare: carried by a .qdpx
    std::string file_name;   ///< internal: the name inside the archive
    std::string element;     ///< `<TextSource guid="...">`
    const char* attribute;   ///< "plainTextPath", ...
    Location loc;
    std::size_t also_named = 0;  ///< other elements naming the same file
    const char* where = "";      ///< "in the project", "beside the project (relative to its base path)", ...
};
std::vector<MissingFile> missing_files(const Project& project);

/// `@plainTextPath of <TextSource guid="..."> names "internal://x.txt", which is not in the project (also named by
/// 1 other element)`: the one wording of a missing file.
std::string missing_file_message(const MissingFile& missing);

}  // namespace refi::detail

#pragma once
/// The Codebook schema (.qdc): codes and sets, exchanged without a project.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi {

struct Codebook {
    std::optional<std::string> origin;
    std::vector<Code> codes;
    std::vector<Set> sets;  ///< MemberCode only (spelled @guid in the .qdc)
    Extensions ext;          ///< unknown attributes of <CodeBook> (namespace declarations included)
    Extensions codes_ext, sets_ext;
    bool operator==(const Codebook&) const = default;
};

/// Reads a .qdc (namespace `urn:QDA-XML:codebook:1.0`, `1:0`, `0:4` or none). Throws refi::Error.
Codebook read_codebook(const std::filesystem::path& path, Diagnostics& diagnostics);
/// The codebook of a project: its codes and the sets' MemberCodes.
Codebook codebook_of(const Project& project);
/// A project holding only the codebook's codes and sets (MemberCodes), named `name`, its origin and dialect from the
/// codebook's origin: so validation and the code tree treat a .qdc as they treat a project's codebook.
Project project_of(const Codebook& codebook, const std::string& name);
/// True when `path` ends in .qdc (any case): the file is read with read_codebook, not read_project.
bool is_codebook_path(const std::filesystem::path& path);
/// Writes a schema-valid .qdc atomically (temp file, then rename). Throws refi::Error.
void write_codebook(const Codebook& codebook, const std::filesystem::path& path, Diagnostics& diagnostics);
std::string codebook_to_xml(const Codebook& codebook);

}  // namespace refi

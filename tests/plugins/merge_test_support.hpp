#pragma once
// Test helpers for the merge: coders' copies of a sample built the way tools export them (every GUID re-minted,
// another dialect), and the codings of a project as (source, range, code path, coder) facts to compare.

#include <filesystem>
#include <set>
#include <string>
#include <tuple>

#include <functional>

#include "refi/io.hpp"
#include "refi/model.hpp"

namespace framer::test {

/// Every GUID in `xml` replaced consistently: re-minted (a new GUID per old one) or lowercased.
std::string remint_guids(const std::string& xml, const std::string& salt);
std::string lowercase_guids(const std::string& xml);

/// Writes `project` (read from a .qdpx, so its store holds the files) as a .qdpx whose project.qde has been
/// passed through `rewrite`; each file is stored under the name `rewrite` gives its entry name.
void write_rewritten(const refi::Project& project, const std::filesystem::path& out, const refi::WriteOptions& options,
                     const std::function<std::string(const std::string&)>& rewrite);

/// One fact per coding: source name, start, end, code path ("A > B"), coder name.
using CodingFact = std::tuple<std::string, std::int64_t, std::int64_t, std::string, std::string>;
std::multiset<CodingFact> coding_facts(const refi::Project& project);

}  // namespace framer::test

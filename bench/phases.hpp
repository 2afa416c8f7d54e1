#pragma once
/// The measured phases of framer-bench. Each is a function of the project file so that it can run both in the
/// timing loop and alone in a child process (for its peak memory).

#include <cstdint>
#include <filesystem>
#include <string>

#include "refi/model.hpp"

namespace framer::bench {

/// The floor: inflate project.qde with libzip and parse it with pugixml, nothing else. Returns the XML size.
std::uint64_t floor_parse(const std::filesystem::path& qdpx);

/// The same floor with libdeflate: the compressed bytes of project.qde read with libzip and inflated in one step
/// by libdeflate (as refi's reader does for large entries), then the same pugixml parse. Returns the XML size.
std::uint64_t floor_parse_libdeflate(const std::filesystem::path& qdpx);

/// project.qde's inflated size as the archive declares it.
std::uint64_t qde_bytes(const std::filesystem::path& qdpx);

/// Bytes of the archive's entries other than project.qde, inflated (the source texts and other files).
std::uint64_t other_entries_bytes(const std::filesystem::path& qdpx);

/// refi::read_project; throws if the read reports errors.
refi::Project read(const std::filesystem::path& qdpx);

/// refi::validate; returns the number of errors and warnings.
std::size_t validate(const refi::Project& project);

/// refi::write_project to `out` (.qdpx).
void write(const refi::Project& project, const std::filesystem::path& out);

/// True when the analysis is registered (tabulate and chart are plugins that may not be built yet).
bool has_analysis(const std::string& name);

/// Runs the analysis (tabulate --by Role, or chart with its defaults) and writes its JSON export to `out`.
void run_analysis(const std::string& name, const refi::Project& project, const std::filesystem::path& out);

/// A phase by name for the child process: none, floor, read, validate, write, tabulate, chart (each after a
/// read where it needs one). Returns the process exit code.
int run_phase(const std::string& phase, const std::filesystem::path& qdpx);

}  // namespace framer::bench

#pragma once
/// "-" as the project argument: a .qdpx read from standard input (`cat study.qdpx | framer tabulate - --by Role`).

#include <cstdint>
#include <istream>
#include <string>

#include "refi/error.hpp"
#include "refi/io.hpp"

namespace framer::cli {

/// What messages call a project read from standard input.
inline constexpr const char* stdin_label = "<stdin>";

/// The most standard input may hold (4 GiB, a zip without zip64's limit); more is refused before it fills a disk.
inline constexpr std::uint64_t max_stdin_bytes = 4ull << 30;

/// How messages name the project argument `arg`: "<stdin>" for "-", else `arg` itself.
std::string input_label(const std::string& arg);

/// Reads the project `arg` names, as refi::read_project does; "-" reads a .qdpx from `in`. The archive needs
/// a file it can seek in, so standard input is saved to a private temporary file (mode 0600) that is unlinked
/// as soon as the archive is open (the project keeps reading its sources through the open file; nothing is
/// left behind). Errors and warnings name "<stdin>", not the temporary file. Throws refi::Error for input
/// that is empty, larger than `max_bytes`, or not a zip archive (a bare .qde needs its sources folder: give
/// its path).
refi::Project read_project_arg(const std::string& arg, std::istream& in, refi::Diagnostics& diagnostics,
                               const refi::ReadOptions& options = {}, std::uint64_t max_bytes = max_stdin_bytes);

}  // namespace framer::cli

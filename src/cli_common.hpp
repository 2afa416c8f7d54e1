#pragma once
/// Helpers every subcommand shares: option parsing errors, writing results to stdout or a file.

#include <boost/program_options.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "core/json.hpp"
#include "core/plugin.hpp"
#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/model.hpp"

namespace framer::cli {

/// Thrown for bad command lines; run() prints it with the command's usage and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace po = boost::program_options;

/// Parses args against `options` with `positional` names; prints help and returns false for --help.
/// Throws UsageError on unknown or missing options.
bool parse_command_line(const std::vector<std::string>& args, const char* command, const char* usage,
                        po::options_description& options, const po::positional_options_description& positional,
                        po::variables_map& vm, Io& io);

/// Adds --from DIALECT (how the input's positions count, overriding detection from Project/@origin) to a
/// command that reads a project.
void add_from_option(po::options_description& options, std::string& from);

/// Adds --compact to a command that writes JSON: the JSON without indentation or spaces, for machine use.
void add_compact_option(po::options_description& options);
/// The indentation the command's JSON is written with: -1 (compact) with --compact, else 2.
int json_indent(const po::variables_map& vm);

/// The ReadOptions for a --from value ("" = detect). Throws UsageError listing the dialects for an unknown one.
refi::ReadOptions read_options_for(const std::string& from);

/// The stream "-" reads: io.in, else std::cin.
std::istream& input_stream(Io& io);

/// Reads a project ("-": a .qdpx on standard input, see stdin_project.hpp), printing the reader's warnings to err (also when reading fails). Throws refi::Error.
/// `from`: the --from dialect ("" = detect). `check_positions`: check the positions against the texts, warning when
/// another counting fits better (for an analysis whose result depends on them: Analysis::uses_positions); the
/// texts the check loads stay loaded in `keep_texts` if given.
refi::Project load_project(const std::string& path, Io& io, const std::string& from = "", bool check_positions = true,
                           std::vector<std::shared_ptr<const std::string>>* keep_texts = nullptr);

/// The common run of an analysis command: read the project, run the registered analysis `name`, print its
/// warnings, render the result (see emit_result). The option "compact" (--compact) writes json without
/// indentation; with another format it is a usage error, reported before the project is read.
int run_analysis(const char* name, const std::string& project_path, const framer::Options& options,
                 const std::string& format, const std::string& output, Io& io, const std::string& from = "");

/// Called by main (not by the tests, which run many commands in one process): the process ends as soon as the
/// command returns, so what a command built (project, result) is left to the exit instead of being freed one
/// allocation at a time (about 10% of a large chart's time).
void set_exit_after_command(bool exit_after);
bool exit_after_command();

/// Keeps `p` reachable until the process ends, so that a leak checker (LeakSanitizer) sees it held, not lost.
void keep_until_exit(const void* p);

/// Drops `value` now, or, when exit_after_command(), moves it to the heap and leaves it for the process' exit.
template <class T>
void release(T&& value) {
    if (exit_after_command()) keep_until_exit(new T(std::forward<T>(value)));  // never deleted: the process ends
    else { T dropped = std::forward<T>(value); }
}

/// Prints diagnostics (one line each) to err.
void print_diagnostics(const refi::Diagnostics& diagnostics, std::ostream& err);

/// The diagnostics as a JSON array of {severity, id, file, line, column, message} (line/column null when
/// unknown), for `validate --json` and `convert --report`.
framer::Json diagnostics_to_json(const refi::Diagnostics& diagnostics);

/// The exporter for --format, else for the -o extension, else `fallback_format`. Throws UsageError.
const framer::Exporter& choose_exporter(const std::string& format, const std::string& output,
                                        const std::string& fallback_format);

/// The names of the analyses whose results carry figures ("saturation"), for svg's usage errors.
std::string figure_analyses();

/// Renders `result` with the exporter chosen by --format, else by the -o extension, else `fallback_format`;
/// writes to stdout (text formats) or atomically to `output`. Throws UsageError for an unknown format or a
/// binary format without -o.
void emit_result(const framer::Result& result, const std::string& format, const std::string& output,
                 const std::string& fallback_format, Io& io);

}  // namespace framer::cli

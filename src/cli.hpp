#pragma once
/// The `framer` command line: a table of subcommands, each in its own cmd_*.cpp.

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace framer::cli {

/// Documented exit codes.
enum Exit : int { ok = 0, invalid = 1, usage = 2, strict_warnings = 3 };

/// Where a command writes: stdout/stderr of the process, or string streams in tests.
struct Io {
    std::ostream& out;
    std::ostream& err;
    /// stdout is a terminal: results without --format or -o are written as aligned text (txt), not Markdown.
    bool out_is_terminal = false;
    /// Standard input, read when the project argument is "-" (null: std::cin).
    std::istream* in = nullptr;
};

struct Command {
    const char* name;
    const char* summary;  ///< one line for `framer --help`
    int (*run)(const std::vector<std::string>& args, Io& io);  ///< args exclude the command name
};

/// Every subcommand, in the order `framer --help` lists them.
const std::vector<Command>& commands();

/// Runs the CLI (argv[0] is the program). Maps refi::Error to 1 and usage errors to 2; never throws.
int run(const std::vector<std::string>& args, Io& io);

// The subcommands (one file each).
int cmd_info(const std::vector<std::string>& args, Io& io);
int cmd_validate(const std::vector<std::string>& args, Io& io);
int cmd_convert(const std::vector<std::string>& args, Io& io);
int cmd_tabulate(const std::vector<std::string>& args, Io& io);
int cmd_describe(const std::vector<std::string>& args, Io& io);
int cmd_chart(const std::vector<std::string>& args, Io& io);
int cmd_quotes(const std::vector<std::string>& args, Io& io);
int cmd_saturation(const std::vector<std::string>& args, Io& io);
int cmd_summaries(const std::vector<std::string>& args, Io& io);
int cmd_agreement(const std::vector<std::string>& args, Io& io);
int cmd_merge(const std::vector<std::string>& args, Io& io);

}  // namespace framer::cli

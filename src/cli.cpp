// Dispatch to subcommands and the one catch-all that maps errors to exit codes.
#include "cli.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli_common.hpp"
#include "cli_help.hpp"
#include "core/units.hpp"
#include "core/plugin.hpp"
#include "refi/error.hpp"
#include "refi/external.hpp"
#include "refi/limits.hpp"

namespace framer::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"info", "what is inside a project (counts, origin, codes)", cmd_info},
        {"validate", "check structure, types, references and positions", cmd_validate},
        {"convert", "convert .qdpx/.qde/.qdc between tools' dialects, losslessly", cmd_convert},
        {"tabulate", "domains, themes and subthemes: participants per code, N (%) by group", cmd_tabulate},
        {"describe", "participant characteristics by group (Table 1)", cmd_describe},
        {"chart", "framework matrices: units x subthemes with excerpts and summaries", cmd_chart},
        {"quotes", "exemplar quotations per code with labels (Box 1), by a stated rule", cmd_quotes},
        {"saturation", "code saturation in interview order: last K units, Guest et al. 2020", cmd_saturation},
        {"summaries", "write summaries typed into a chart back into the project as notes", cmd_summaries},
        {"agreement", "intercoder agreement of two coders, every figure with its denominators", cmd_agreement},
        {"merge", "merge coders' copies of a project, reporting every conflict", cmd_merge},
    };
    return list;
}

static void print_help(std::ostream& out) {
    out << "framer: framework-approach analysis of REFI-QDA projects (.qdpx, .qde, .qdc)\n\n"
           "usage: framer COMMAND [options]    (framer help COMMAND, or framer COMMAND --help, for details)\n\ncommands:\n";
    for (const auto& c : commands()) out << fmt::format("  {:<10} {}\n", c.name, c.summary);
    out << "\nglobal options (before COMMAND):\n"
           "  --no-external         refuse absolute:// and relative:// files (also FRAMER_NO_EXTERNAL=1)\n"
           "  --max-xml-size SIZE   largest project.qde read, inflated (default 1G; e.g. 2G, 800M)\n"
           "  --max-text-size SIZE  largest source text read (default 512M)\n";
    out << "\nexit codes: 0 ok, 1 invalid project or analysis error, 2 usage error, 3 warnings under --strict\n";
}

static const Command* find_command(const std::string& name) {
    for (const auto& c : commands())
        if (name == c.name) return &c;
    return nullptr;
}

static std::string unknown_command_message(const std::string& given) {
    std::vector<std::string> names;
    for (const auto& c : commands()) names.push_back(c.name);
    return "framer: unknown command '" + given + "'" + framer::did_you_mean(given, names, "", "") +
           " (see framer --help)";
}

int run(const std::vector<std::string>& given, Io& io) {
    // Global options before the command: --no-external refuses absolute:// and relative:// files.
    // Decided on every run (tests call run() many times in one process): the flag, else the environment.
    std::vector<std::string> args = given;
    const char* env = std::getenv("FRAMER_NO_EXTERNAL");
    bool no_external = env && std::string(env) == "1";
    refi::Limits limits;  // the defaults, unless given again on this run
    while (args.size() >= 2) {
        const std::string& a = args[1];
        if (a == "--no-external") {
            no_external = true;
            args.erase(args.begin() + 1);
            continue;
        }
        bool xml = a.rfind("--max-xml-size", 0) == 0, text = a.rfind("--max-text-size", 0) == 0;
        if (!xml && !text) break;
        std::string name = xml ? "--max-xml-size" : "--max-text-size", value;
        std::size_t taken = 1;
        if (a.size() > name.size() && a[name.size()] == '=') value = a.substr(name.size() + 1);
        else if (a == name && args.size() >= 3) { value = args[2]; taken = 2; }
        else if (a != name) break;  // --max-xml-sizes...: not ours, reported as an unknown command below
        auto bytes = refi::parse_size(value);
        if (!bytes || *bytes == 0) {
            io.err << "framer: " << name << " needs a size such as 2G, 800M or 1073741824, not '" << value << "'\n";
            return usage;
        }
        (xml ? limits.max_xml_bytes : limits.max_text_bytes) = *bytes;
        args.erase(args.begin() + 1, args.begin() + 1 + static_cast<std::ptrdiff_t>(taken));
    }
    refi::allow_external_files(!no_external);
    refi::set_limits(limits);
    // `framer help CMD` is `framer CMD --help`, as git and cargo have it.
    if (args.size() >= 3 && args[1] == "help") args = {args[0], args[2], "--help"};
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
        print_help(args.size() < 2 ? io.err : io.out);
        return args.size() < 2 ? usage : ok;
    }
    if (args[1] == "--version" || args[1] == "version") {
        io.out << version_string() << "\n";
        return ok;
    }
    if (args[1] == "--list-commands") {  // for the bash completion script
        for (const auto& c : commands()) io.out << c.name << "\n";
        return ok;
    }
    const Command* command = find_command(args[1]);
    if (!command) {
        io.err << unknown_command_message(args[1]) << "\n";
        return usage;
    }
    std::vector<std::string> rest(args.begin() + 2, args.end());
    try {
        return command->run(rest, io);
    } catch (const UsageError& e) {
        io.err << "framer " << command->name << ": " << e.what() << "\n";
        return usage;
    } catch (const framer::UsageError& e) {
        io.err << "framer " << command->name << ": " << e.what() << "\n";
        return usage;
    } catch (const boost::program_options::error& e) {
        io.err << "framer " << command->name << ": " << e.what() << " (see framer " << command->name
               << " --help)\n";
        return usage;
    } catch (const refi::Error& e) {
        io.err << "framer " << command->name << ": error: " << e.what() << "\n";
        return invalid;
    } catch (const std::bad_alloc&) {
        // Name the input: "out of memory" alone does not say which of several files was too large.
        std::string input;
        std::error_code ec;
        for (const auto& a : rest)
            if (input.empty() && !a.empty() && a[0] != '-' && std::filesystem::is_regular_file(a, ec)) input = a;
        io.err << "framer " << command->name << ": error: out of memory"
               << (input.empty() ? std::string() : " reading " + input) << "\n";
        return invalid;
    } catch (const std::exception& e) {
        io.err << "framer " << command->name << ": error: " << e.what() << "\n";
        return invalid;
    }
}

}  // namespace framer::cli

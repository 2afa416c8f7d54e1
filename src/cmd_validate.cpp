// framer validate PROJECT [--strict] [--json]: the reader's warnings plus refi::validate's findings.
// Exit 0 when sound, 1 with errors, 3 under --strict with warnings only. A project the reader cannot read at all
// (refi::Error) is not caught here: run() prints its one-line message and exits 1.
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli_common.hpp"
#include "stdin_project.hpp"
#include "refi/codebook.hpp"
#include "refi/dialect.hpp"
#include "core/json.hpp"
#include "project_label.hpp"
#include "refi/io.hpp"
#include "refi/validate.hpp"

namespace framer::cli {

namespace {

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

framer::Json to_json(const std::string& file, const refi::Diagnostics& findings) {
    framer::Json j = framer::Json::object();
    j["file"] = file;
    j["errors"] = findings.count(refi::Severity::Error);
    j["warnings"] = findings.count(refi::Severity::Warning);
    j["findings"] = diagnostics_to_json(findings);
    return j;
}

}  // namespace

int cmd_validate(const std::vector<std::string>& args, Io& io) {
    po::options_description options(
        "Check a project: required attributes, types (GUIDs, colours, dates, numbers), duplicate GUIDs,\n"
        "references between elements, selection positions inside their text, and the files it names.\n"
        "Prints one line per finding (file:line:column: severity[id]: message) and a summary.\n"
        "Exit codes: 0 sound, 1 errors (or unreadable), 3 warnings only under --strict.\n"
        "Options");
    std::string input, from;
    options.add_options()
        ("project", po::value(&input)->required(), "the project or codebook to check (.qdpx, .qde or .qdc; - reads a .qdpx from standard input)")
        ("strict", "exit 3 when there are warnings (and no errors)")
        ("json", "print the findings as a JSON object instead of text");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "validate", "PROJECT [--strict] [--json [--compact]]", options, positional, vm, io)) return ok;
    if (vm.count("compact") && !vm.count("json")) throw UsageError("--compact is for the JSON output: add --json");

    refi::Diagnostics findings;
    refi::ValidateOptions validate_options;
    std::string what;  // "codebook of 3 codes and 1 set: " for a .qdc, so the summary says what was checked
    if (refi::is_codebook_path(input)) {
        // A codebook is checked as the codebook of a project: codes (GUIDs, names, isCodable, colours, duplicate
        // GUIDs) and sets (their MemberCodes must name codes of the file). It has no sources, so nothing else.
        refi::Codebook codebook = refi::read_codebook(input, findings);
        refi::Project project = refi::project_of(codebook, std::filesystem::path(input).filename().string());
        validate_options.file_label = std::filesystem::path(input).filename().string();
        findings.append(refi::validate(project, validate_options));
        std::size_t codes = 0;
        auto count = [&](const auto& self, const std::vector<refi::Code>& list) -> void {
            for (const auto& c : list) { ++codes; self(self, c.children); }
        };
        count(count, codebook.codes);
        what = fmt::format("codebook of {} and {}; ", plural(codes, "code"), plural(codebook.sets.size(), "set"));
    } else {
        refi::Project project = read_project_arg(input, input_stream(io), findings, read_options_for(from));
        refi::warn_about_positions(refi::position_evidence(project), input_label(input), findings);
        validate_options.file_label = project_label(input_label(input), findings);
        findings.append(refi::validate(project, validate_options));
        release(std::move(project));  // checked: the exit frees it at once
    }

    std::size_t errors = findings.count(refi::Severity::Error);
    std::size_t warnings = findings.count(refi::Severity::Warning);
    if (vm.count("json")) {
        io.out << to_json(input_label(input), findings).dump(json_indent(vm)) << "\n";
    } else {
        for (const auto& d : findings.items()) io.out << d.format() << "\n";
        if (errors == 0 && warnings == 0)
            io.out << fmt::format("{}: {}sound, no findings\n", input_label(input), what);
        else
            io.out << fmt::format("{}: {}{}, {}\n", input_label(input), what, plural(errors, "error"), plural(warnings, "warning"));
    }
    if (errors > 0) return invalid;
    if (warnings > 0 && vm.count("strict")) return strict_warnings;
    return ok;
}

}  // namespace framer::cli

// framer merge A.qdpx B.qdpx [...] -o OUT.qdpx [--report FILE [--compact]] [--allow-disjoint]: coders' copies of one project
// merged into one, in the first input's dialect, with a report of where every element came from and every conflict.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli_common.hpp"
#include "stdin_project.hpp"
#include "merge/merge.hpp"
#include "refi/io.hpp"

namespace framer::cli {

namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec)) return true;
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

/// File names, or the paths as given when two inputs share a file name.
std::vector<std::string> labels_of(const std::vector<std::string>& paths) {
    std::vector<std::string> labels;
    for (const auto& p : paths) labels.push_back(p == "-" ? "<stdin>" : std::filesystem::path(p).filename().string());
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = 0; j < labels.size(); ++j)
            if (i != j && labels[i] == std::filesystem::path(paths[j]).filename().string()) labels[i] = paths[i];
    return labels;
}

}  // namespace

int cmd_merge(const std::vector<std::string>& args, Io& io) {
    const char* usage_line = "A.qdpx B.qdpx [MORE.qdpx ...] -o OUT.qdpx [--report FILE [--compact]] [--allow-disjoint] [--strict]";
    po::options_description options(
        "Merge coders' copies of one project (.qdpx, .qde; any dialect) into one project in the first input's\n"
        "dialect. Sources match by GUID, else identical text (line endings normalised), else name (warned);\n"
        "codes by GUID, else full path, else an unambiguous name; users and cases by GUID, else name; variables\n"
        "by name and type. Codings are united (same source, range, code and coder = one coding), keeping author\n"
        "and dates. Conflicts (same source name with other text, a code in two places, a variable with two types,\n"
        "two values for one variable) are never resolved silently: they are printed and listed in --report with\n"
        "both sides. Inputs that share no source are refused unless --allow-disjoint. See docs/merge.md.\n"
        "Options");
    std::vector<std::string> inputs;
    std::string output, report_path;
    options.add_options()
        ("input", po::value(&inputs)->required()->multitoken(), "the projects to merge; the first is the base (one may be -: a .qdpx on standard input)")
        ("output,o", po::value(&output)->required(), "the merged project to write (.qdpx, .qde); never an input")
        ("report", po::value(&report_path), "write the merge report (provenance and conflicts) as JSON to FILE")
        ("allow-disjoint", "merge inputs even when they share no source")
        ("strict", "exit 3 when there were conflicts or warnings (the output is still written)");
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("input", -1);
    po::variables_map vm;
    if (!parse_command_line(args, "merge", usage_line, options, positional, vm, io)) return ok;
    if (vm.count("compact") && report_path.empty()) throw UsageError("--compact is for the --report JSON: add --report FILE");
    if (inputs.size() < 2) throw UsageError("give at least two projects to merge");
    if (std::count(inputs.begin(), inputs.end(), "-") > 1)
        throw UsageError("standard input (-) can hold only one of the projects to merge");
    for (const auto& in : inputs) {
        if (same_file(in, output) || (!report_path.empty() && same_file(in, report_path))) {
            io.err << fmt::format("framer merge: error: refusing to write over the input '{}'; choose another "
                                  "output\n", in);
            return invalid;
        }
    }
    if (!report_path.empty() && same_file(report_path, output))
        throw UsageError("--report and -o name the same file");

    refi::Diagnostics diagnostics;
    MergeReport report;
    try {
        auto labels = labels_of(inputs);
        std::vector<MergeInput> projects;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            projects.push_back({read_project_arg(inputs[i], input_stream(io), diagnostics), labels[i]});
        MergeOptions merge_options;
        merge_options.allow_disjoint = vm.count("allow-disjoint") > 0;
        refi::Project merged = merge_projects(projects, report, merge_options);
        refi::write_project(merged, output, diagnostics);
        if (!report_path.empty()) refi::write_file_atomically(report_path, report.to_json().dump(json_indent(vm)) + "\n");
        release(std::move(merged));  // written: the exit frees the projects at once
        release(std::move(projects));
    } catch (const refi::Error&) {
        print_diagnostics(diagnostics, io.err);
        throw;
    }
    print_diagnostics(diagnostics, io.err);
    io.err << fmt::format("framer merge: {} input(s) -> {}\n", inputs.size(), output) << report.summary();
    if (diagnostics.has_errors()) return invalid;
    if (vm.count("strict") && (diagnostics.has_warnings() || !report.conflicts.empty() || !report.warnings.empty()))
        return strict_warnings;
    return ok;
}

}  // namespace framer::cli

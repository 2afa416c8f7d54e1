// framer convert INPUT OUTPUT: .qdpx/.qde -> .qdpx/.qde, and any of them -> .qdc (the codebook alone).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ostream>

#include "cli_common.hpp"
#include "stdin_project.hpp"
#include "refi/codebook.hpp"
#include "refi/dialect.hpp"
#include "refi/io.hpp"

namespace framer::cli {

namespace {

enum class Format { Qdpx, Qde, Qdc };

std::optional<Format> format_of(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".qdpx") return Format::Qdpx;
    if (ext == ".qde") return Format::Qde;
    if (ext == ".qdc") return Format::Qdc;
    return std::nullopt;
}

/// The same file, also through another spelling of its path or a hard link.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec)) return true;
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

/// --report: every finding of the conversion, and how many of each id, as JSON (written atomically).
void write_report(const std::string& path, const std::string& input, const std::string& output,
                  const refi::WriteOptions& options, const refi::Diagnostics& diagnostics, int indent) {
    framer::Json j = framer::Json::object();
    j["input"] = input;
    j["output"] = output;
    j["to"] = options.dialect ? framer::Json(refi::to_string(*options.dialect)) : framer::Json();
    j["errors"] = diagnostics.count(refi::Severity::Error);
    j["warnings"] = diagnostics.count(refi::Severity::Warning);
    framer::Json by_id = framer::Json::object();
    for (const auto& d : diagnostics.items()) {
        if (d.severity == refi::Severity::Info) continue;
        by_id[d.id] = by_id.contains(d.id) ? by_id.at(d.id).as_int() + 1 : 1;
    }
    j["warnings_by_id"] = std::move(by_id);
    j["findings"] = diagnostics_to_json(diagnostics);
    refi::write_file_atomically(path, j.dump(indent) + "\n");
}

}  // namespace

int cmd_convert(const std::vector<std::string>& args, Io& io) {
    const char* usage_line = "INPUT OUTPUT [--to DIALECT] [--from DIALECT] [--report FILE [--compact]] [--strict]";
    po::options_description options(
        "Convert a project (.qdpx, .qde) to .qdpx or .qde, or extract its codebook (.qdc).\n"
        "Without --to the input's dialect is kept: positions, names and GUIDs are not rewritten, and the\n"
        "output holds the same elements, attributes and text, and every internal file byte for byte.\n"
        "With --to the positions are written as that tool counts them and Project/@origin names that tool (when\n"
        "the input's origin would be read as another dialect), so the output reads back with the same excerpts;\n"
        "text files get the tool's BOM and line breaks, and the archive its sources folder, GUID case and file\n"
        "names. What the tool does not import is a dropped-by-dialect warning with the count (written anyway).\n"
        "The output is written to a temporary file and renamed; the input is never written over.\n"
        "Warnings (lossy steps) go to stderr; with --strict they make the exit code 3 (the output is still written).\n"
        "Options");
    std::string input, output, dialect_name, from, report_path;
    options.add_options()
        ("input", po::value(&input)->required(), "the project or codebook to read (.qdpx, .qde, .qdc; - reads a .qdpx from standard input)")
        ("output", po::value(&output)->required(), "the file to write (.qdpx, .qde, .qdc)")
        ("to", po::value(&dialect_name), ("write positions as this tool counts them: " + refi::dialect_names()).c_str())
        ("dialect", po::value(&dialect_name), "the same as --to (its older name)")
        ("report", po::value(&report_path), "also write every warning as JSON to FILE")
        ("strict", "exit 3 when there were warnings");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("input", 1).add("output", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "convert", usage_line, options, positional, vm, io)) return ok;
    if (vm.count("compact") && report_path.empty()) throw UsageError("--compact is for the --report JSON: add --report FILE");

    // "-" is a .qdpx on standard input (stdin_project.hpp).
    auto in_format = input == "-" ? std::optional<Format>(Format::Qdpx) : format_of(input);
    auto out_format = format_of(output);
    if (!in_format) throw UsageError(fmt::format("cannot tell the format of '{}': use .qdpx, .qde or .qdc", input));
    if (!out_format) throw UsageError(fmt::format("cannot tell the format of '{}': use .qdpx, .qde or .qdc", output));
    if (*in_format == Format::Qdc && *out_format != Format::Qdc)
        throw UsageError("a .qdc holds only a codebook; it converts to .qdc only");
    refi::WriteOptions write_options;
    if (vm.count("to") && vm.count("dialect")) throw UsageError("give --to or --dialect (the same option), not both");
    if (vm.count("to") || vm.count("dialect")) {
        write_options.dialect = refi::parse_dialect(dialect_name);
        if (!write_options.dialect)
            throw UsageError(fmt::format("unknown dialect '{}' for --to (known: {})", dialect_name,
                                         refi::dialect_names()));
    }
    refi::ReadOptions read_options = read_options_for(from);
    if (!report_path.empty() && (same_file(report_path, output) || same_file(report_path, input)))
        throw UsageError("--report must name another file than the input and the output");
    if (same_file(input, output)) {
        io.err << fmt::format("framer convert: error: refusing to write over the input '{}'; choose another output\n",
                              input);
        return invalid;
    }

    refi::Diagnostics diagnostics;
    try {
        if (*in_format == Format::Qdc) {
            refi::Codebook codebook = refi::read_codebook(input, diagnostics);
            refi::write_codebook(codebook, output, diagnostics);
        } else {
            refi::Project project = read_project_arg(input, input_stream(io), diagnostics, read_options);
            refi::warn_about_positions(refi::position_evidence(project), input_label(input), diagnostics);
            if (*out_format == Format::Qdc) {
                refi::warn_dropped_by_codebook(project, output, diagnostics);
                refi::write_codebook(refi::codebook_of(project), output, diagnostics);
            } else {
                refi::write_project(project, output, diagnostics, write_options);
            }
            release(std::move(project));  // written and closed: the exit frees it at once (5% of a large convert)
        }
    } catch (const refi::Error&) {
        // The warnings gathered before the failure often explain it; run() prints the error itself.
        print_diagnostics(diagnostics, io.err);
        throw;
    }
    print_diagnostics(diagnostics, io.err);
    if (!report_path.empty()) write_report(report_path, input, output, write_options, diagnostics, json_indent(vm));
    if (diagnostics.has_errors()) return invalid;
    if (vm.count("strict") && diagnostics.has_warnings()) return strict_warnings;
    return ok;
}

}  // namespace framer::cli

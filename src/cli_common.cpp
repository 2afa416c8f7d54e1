// Shared CLI plumbing: option parsing with uniform errors, and routing results to exporters.
#include "cli_common.hpp"

#include "cli_help.hpp"
#include "stdin_project.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <sstream>

#include "core/registry.hpp"
#include "refi/dialect.hpp"
#include "refi/io.hpp"

namespace framer::cli {

bool parse_command_line(const std::vector<std::string>& args, const char* command, const char* usage,
                        po::options_description& options, const po::positional_options_description& positional,
                        po::variables_map& vm, Io& io) {
    options.add_options()("help,h", "show this help")("version", "print the version");
    try {
        po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    } catch (const po::unknown_option& e) {
        throw UsageError(unknown_option_message(e.get_option_name(), options) +
                         fmt::format(" (see framer {} --help)", command));
    }
    if (vm.count("version")) {
        io.out << version_string() << "\n";
        return false;
    }
    if (vm.count("help")) {
        io.out << "usage: framer " << command << " " << usage << "\n\n" << format_options_help(options, positional);
        if (const std::string example = example_for(command); !example.empty())
            io.out << "\nExample:\n  " << example << "\n";
        io.out << "\n";
        return false;
    }
    po::notify(vm);
    return true;
}

void add_from_option(po::options_description& options, std::string& from) {
    options.add_options()("from", po::value(&from),
                          ("read positions as this tool counts them, whatever Project/@origin says: " +
                           refi::dialect_names())
                              .c_str());
}

void add_compact_option(po::options_description& options) {
    options.add_options()("compact", "JSON without indentation or spaces (smaller, for programs); same value");
}

int json_indent(const po::variables_map& vm) { return vm.count("compact") ? -1 : 2; }

refi::ReadOptions read_options_for(const std::string& from) {
    refi::ReadOptions options;
    if (from.empty()) return options;
    options.dialect = refi::parse_dialect(from);
    if (!options.dialect)
        throw UsageError(fmt::format("unknown dialect '{}' for --from (known: {})", from, refi::dialect_names()));
    return options;
}

std::istream& input_stream(Io& io) { return io.in ? *io.in : std::cin; }

refi::Project load_project(const std::string& path, Io& io, const std::string& from, bool check_positions,
                           std::vector<std::shared_ptr<const std::string>>* keep_texts) {
    refi::ReadOptions read_options = read_options_for(from);
    refi::Diagnostics diagnostics;
    try {
        refi::Project project = read_project_arg(path, input_stream(io), diagnostics, read_options);
        if (check_positions)
            refi::warn_about_positions(
                keep_texts ? refi::position_evidence(project, *keep_texts) : refi::position_evidence(project),
                input_label(path), diagnostics);
        print_diagnostics(diagnostics, io.err);
        return project;
    } catch (const refi::Error&) {
        print_diagnostics(diagnostics, io.err);
        throw;
    }
}

int run_analysis(const char* name, const std::string& project_path, const framer::Options& options,
                 const std::string& format, const std::string& output, Io& io, const std::string& from) {
    std::error_code ec;
    if (!output.empty() && output != "-" && std::filesystem::equivalent(output, project_path, ec))
        throw refi::Error(output, {}, "is the input project; refusing to write over it (choose another -o)");
    const framer::Analysis* analysis = framer::builtin_registry().analysis(name);
    if (!analysis) throw std::logic_error(fmt::format("the {} analysis is not registered", name));
    {
        // A format that only draws figures is refused before the project is read, not after the analysis.
        const std::string fallback = io.out_is_terminal && (output.empty() || output == "-") ? "txt" : "md";
        const framer::Exporter& chosen = choose_exporter(format, output, fallback);
        if (chosen.needs_figure() && !analysis->draws_figures())
            throw UsageError(fmt::format("{} needs a figure: {} draws one, {} does not (choose another --format)",
                                         chosen.name(), figure_analyses(), name));
        if (options.has("compact") && chosen.name() != "json")
            throw UsageError(fmt::format("--compact is for json output, not {} (add --format json)", chosen.name()));
    }
    // The positions are checked for an analysis whose result they change (chart, quotes, agreement), and the
    // texts the check loads serve it (one inflate each); tabulate, describe and saturation count codes, cases and
    // variables, which no position changes, and never inflate a text.
    std::vector<std::shared_ptr<const std::string>> texts;
    const bool positions = analysis->uses_positions();
    refi::Project project = load_project(project_path, io, from, positions, positions ? &texts : nullptr);
    // Tell the analysis which part of the Result the exporter reads, so a large one can skip the other.
    // Markdown is for files and pipes; a person at a terminal gets an aligned plain-text table.
    const std::string fallback = io.out_is_terminal && (output.empty() || output == "-") ? "txt" : "md";
    framer::Options run_options = options;
    const std::string exporter = choose_exporter(format, output, fallback).name();
    run_options.set("parts", exporter == "json" ? "json" : exporter == "csv" ? "csv" : "documents");
    framer::Result result = analysis->run(project, run_options);
    texts.clear();  // what the result still needs, it holds itself
    result.heat = options.has("heat");  // presentation, not analysis: the exporters read it
    result.compact_json = options.has("compact");
    for (const auto& w : result.warnings) io.err << "framer " << name << ": warning: " << w << "\n";
    emit_result(result, format, output, fallback, io);
    release(std::move(result));  // the output is closed (emit_result wrote it atomically)
    release(std::move(project));
    return ok;
}

namespace {
bool g_exit_after_command = false;
}

void set_exit_after_command(bool exit_after) { g_exit_after_command = exit_after; }
bool exit_after_command() { return g_exit_after_command; }

void keep_until_exit(const void* p) {
    static auto* kept = new std::vector<const void*>();  // never destroyed: it must outlive the leak check at exit
    kept->push_back(p);
}

void print_diagnostics(const refi::Diagnostics& diagnostics, std::ostream& err) {
    for (const auto& d : diagnostics.items()) err << d.format() << "\n";
}

framer::Json diagnostics_to_json(const refi::Diagnostics& diagnostics) {
    framer::Json list = framer::Json::array();
    for (const auto& d : diagnostics.items()) {
        framer::Json f = framer::Json::object();
        f["severity"] = refi::to_string(d.severity);
        f["id"] = d.id;
        f["file"] = d.file;
        // Line and column are null for elements without a position (never for a project read from a file).
        f["line"] = d.loc.known() ? framer::Json(static_cast<std::int64_t>(d.loc.line)) : framer::Json();
        f["column"] = d.loc.known() ? framer::Json(static_cast<std::int64_t>(d.loc.column)) : framer::Json();
        f["message"] = d.message;
        list.push_back(std::move(f));
    }
    return list;
}

const framer::Exporter& choose_exporter(const std::string& format, const std::string& output,
                                        const std::string& fallback_format) {
    const auto& registry = framer::builtin_registry();
    const framer::Exporter* exporter = nullptr;
    if (!format.empty()) {
        exporter = registry.exporter(format);
        if (!exporter) {
            std::string known;
            for (const auto& e : registry.exporters()) known += (known.empty() ? "" : ", ") + e->name();
            throw UsageError(fmt::format("unknown format '{}' (known: {})", format, known));
        }
    } else if (!output.empty()) {
        exporter = registry.exporter_for_path(output);
        if (!exporter)
            throw UsageError(fmt::format("cannot tell the format from '{}'; give --format", output));
    } else {
        exporter = registry.exporter(fallback_format);
    }
    if (!exporter) throw UsageError("no exporter for format '" + fallback_format + "'");
    return *exporter;
}

std::string figure_analyses() {
    std::string names;
    for (const auto& a : framer::builtin_registry().analyses())
        if (a->draws_figures()) names += (names.empty() ? "" : ", ") + a->name();
    return names;
}

void emit_result(const framer::Result& result, const std::string& format, const std::string& output,
                 const std::string& fallback_format, Io& io) {
    const framer::Exporter* exporter = &choose_exporter(format, output, fallback_format);
    if (exporter->needs_figure() && result.figures.empty())
        throw UsageError(fmt::format("{} needs a figure: {} draws one, this command does not (choose another "
                                     "--format)", exporter->name(), figure_analyses()));
    for (const auto& loss : exporter->losses(result)) io.err << "framer: warning: " << exporter->name() << ": " << loss << "\n";
    if (output.empty() || output == "-") {
        if (exporter->binary()) throw UsageError(fmt::format("format {} is binary; give -o FILE", exporter->name()));
        exporter->write(result, io.out);
        return;
    }
    refi::write_path_atomically(output, [&](const std::filesystem::path& temp) { exporter->write_file(result, temp); });
}

}  // namespace framer::cli

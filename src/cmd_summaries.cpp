// framer summaries PROJECT EDITED_CHART -o OUT.qdpx: summaries typed into a chart become notes in the project.
#include <fmt/format.h>

#include <ostream>

#include "cli_common.hpp"
#include "stdin_project.hpp"
#include "refi/dialect.hpp"
#include "refi/io.hpp"
#include "core/units.hpp"
#include "summaries/summaries.hpp"
#include "summaries/summary_document.hpp"

namespace framer::cli {

namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec)) return true;
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

}  // namespace

int cmd_summaries(const std::vector<std::string>& args, Io& io) {
    const char* usage_line = "PROJECT EDITED_CHART -o OUT.qdpx [--author NAME] [--as-document | --form notes|document|both]";
    po::options_description options(
        "Store the summaries typed into a chart (the csv or xlsx written by `framer chart`) in the project, as one\n"
        "note per filled cell (\"Summary: <unit> × <code>\"), linked to the code and to the unit. Importing again\n"
        "updates those notes; a cleared cell removes its note; nothing else changes. With --as-document (or\n"
        "--form both) each unit gets one generated text source instead (\"Framework summaries: <unit>\"), a\n"
        "paragraph per summary coded with its code: text and codings are what every QDA tool imports. Applying\n"
        "again rebuilds that source (same GUIDs), so nothing is duplicated. A chart that no longer\n"
        "matches the project (unknown unit, code or GUID, renamed sheet, changed header) is reported row by row\n"
        "and nothing is written.\n"
        "Options");
    std::string project_path, chart_path, output, from, author = "Framer", form = "notes";
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project the chart was made from (.qdpx, .qde; - reads a .qdpx from standard input)")
        ("chart", po::value(&chart_path)->required(), "the edited chart (.csv or .xlsx)")
        ("output,o", po::value(&output)->required(), "the project to write (.qdpx, .qde); never the input")
        ("author", po::value(&author), "the user the notes are attributed to (default: Framer)")
        ("form", po::value(&form), "notes (default), document (one generated source per unit) or both")
        ("as-document", "the same as --form document");
    add_from_option(options, from);
    po::positional_options_description positional;
    positional.add("project", 1).add("chart", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "summaries", usage_line, options, positional, vm, io)) return ok;
    if (author.empty()) throw UsageError("--author must not be empty");
    if (vm.count("as-document")) {
        if (vm.count("form") && form != "document")
            throw UsageError("--as-document is --form document; give one of them");
        form = "document";
    }
    if (form != "notes" && form != "document" && form != "both")
        throw UsageError(fmt::format("unknown --form '{}' (known: notes, document, both){}", form,
                                     did_you_mean(form, {"notes", "document", "both"})));
    if (same_file(project_path, output) || same_file(chart_path, output)) {
        io.err << fmt::format("framer summaries: error: refusing to write over an input ('{}'); choose another "
                              "output\n", output);
        return invalid;
    }

    refi::ReadOptions read_options = read_options_for(from);
    refi::Diagnostics diagnostics;
    try {
        refi::Project project = read_project_arg(project_path, input_stream(io), diagnostics, read_options);
        refi::warn_about_positions(refi::position_evidence(project), input_label(project_path), diagnostics);
        auto entries = read_edited_chart(chart_path, project);
        SummaryOptions summary_options;
        summary_options.author = author;
        // One time stamp for both forms, so the notes and the document of one run agree.
        summary_options.now = utc_now();
        std::vector<std::pair<const char*, SummaryStats>> done;
        if (form != "document") done.emplace_back("notes", apply_summaries(project, entries, summary_options));
        if (form != "notes")
            done.emplace_back("document paragraphs", apply_summary_documents(project, entries, summary_options));
        refi::write_project(project, output, diagnostics);
        release(std::move(project));  // written: the exit frees it at once
        print_diagnostics(diagnostics, io.err);
        for (const auto& [what, stats] : done)
            io.err << fmt::format("framer summaries: {}: {} added, {} updated, {} unchanged, {} removed -> {}\n", what,
                                  stats.added, stats.updated, stats.unchanged, stats.removed, output);
    } catch (const refi::Error&) {
        print_diagnostics(diagnostics, io.err);
        throw;
    }
    return diagnostics.has_errors() ? invalid : ok;
}

}  // namespace framer::cli

// framer chart PROJECT: framework matrices (units x subthemes) or the per-unit thematic chart, in any format.
#include <fmt/format.h>

#include <ostream>

#include "cli_common.hpp"
#include "core/registry.hpp"
#include "refi/io.hpp"

namespace framer::cli {

int cmd_chart(const std::vector<std::string>& args, Io& io) {
    const char* usage_line =
        "PROJECT [--theme CODE]... [--flat] [--unit case|source] [--show VAR]... [--coder USER] [--per-unit] "
        "[--format F] [--compact] [-o FILE]";
    po::options_description options(
        "Chart the coded data: one matrix per theme (every code with children; the top-level codes without\n"
        "children gathered in one more), a row per unit in natural order (units with nothing coded included), a\n"
        "column per subtheme holding every excerpt coded there or below (and one for codings on the theme\n"
        "itself), and an editable summary column beside it. Every coding appears in at least one matrix; with\n"
        "--theme the notes and stderr say how many are left out. Fill the summaries in the xlsx or csv and\n"
        "store them in the project with `framer summaries`.\n"
        "Options");
    std::string project_path, from, unit, coder, format, output;
    std::vector<std::string> themes, show, applies;
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project (.qdpx, .qde; - reads a .qdpx from standard input)")
        ("theme", po::value(&themes)->composing(), "a theme to chart: name, path (A/B) or GUID (repeatable)")
        ("flat", "one matrix of all leaf codes and of the codes with children coded themselves")
        ("unit", po::value(&unit), "unit of analysis: case or source (default: cases when cases reference sources)")
        ("show", po::value(&show)->composing(), "a variable to show beside each unit (repeatable)")
        ("coder", po::value(&coder), "chart only the codings by this user (name, id or GUID); the columns stay "
                                     "those of the whole project")
        ("applies", po::value(&applies)->composing(),
         "CODE=VARIABLE:VALUE: the code and the codes below it apply only to units with that value; other units' "
         "empty cells in their columns read n/a (repeatable)")
        ("per-unit", "for each unit its codes with their excerpts (thematic chart per transcript)")
        ("format", po::value(&format), "md, txt, csv, json, html, latex, xlsx, docx (default: from -o; else txt on a terminal, md otherwise)")
        ("output,o", po::value(&output), "the file to write (default: stdout)");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "chart", usage_line, options, positional, vm, io)) return ok;

    framer::Options analysis_options;
    if (!unit.empty()) analysis_options.set("unit", unit);
    for (const auto& t : themes) analysis_options.add("theme", t);
    for (const auto& s : show) analysis_options.add("show", s);
    if (vm.count("flat")) analysis_options.set("flat", "1");
    if (!coder.empty()) analysis_options.set("coder", coder);
    for (const auto& a : applies) analysis_options.add("applies", a);
    if (vm.count("per-unit")) analysis_options.set("per-unit", "1");

    if (vm.count("compact")) analysis_options.set("compact", "1");
    return run_analysis("chart", project_path, analysis_options, format, output, io, from);
}

}  // namespace framer::cli

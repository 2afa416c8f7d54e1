// framer tabulate PROJECT --by VAR: the paper's "Domains, themes and subthemes" table, recomputed from the codings.
#include <fmt/format.h>

#include <ostream>

#include "cli_common.hpp"
#include "core/registry.hpp"
#include "refi/io.hpp"

namespace framer::cli {

int cmd_tabulate(const std::vector<std::string>& args, Io& io) {
    const char* usage_line =
        "PROJECT [--by VARIABLE] [--unit case|source] [--coder USER] [--applies CODE=VAR:VALUE]... "
        "[--decimals N] [--title TEXT] [--label VALUE=LABEL]... [--no-total] [--blank-domains] [--heat] [--format F] [--compact] [-o FILE]";
    po::options_description options(
        "Count, for every code of the codebook (in codebook order, categories included), the participants\n"
        "with a coding of that code or of any code below it: overall and per value of --by, as N (%).\n"
        "Options");
    std::string project_path, from, by, unit, coder, decimals, format, output;
    std::vector<std::string> applies, labels;
    std::string title;
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project (.qdpx, .qde; - reads a .qdpx from standard input)")
        ("by", po::value(&by), "group participants by this variable (one column per value)")
        ("unit", po::value(&unit), "unit of analysis: case or source (default: cases when cases reference sources)")
        ("coder", po::value(&coder), "count only codings by this user (name, id or GUID)")
        ("applies", po::value(&applies)->composing(),
         "CODE=VARIABLE:VALUE: the code and the codes below it apply only to units with that value; their "
         "percentages use those units as the base (repeatable)")
        ("decimals", po::value(&decimals), "decimal places of percentages (default 0; rounded half up)")
        ("title", po::value(&title), "the table's title (default: \"Participants per code by VARIABLE\")")
        ("label", po::value(&labels)->composing(),
         "VALUE=LABEL: the header of a --by group, e.g. \"Service user=Service users\" (repeatable)")
        ("no-total", "leave out the Total column (csv and json keep it)")
        ("blank-domains", "no counts in the rows of top-level codes with children, as papers print domains "
                          "(csv and json keep them)")
        ("format", po::value(&format), "md, txt, csv, json, html, latex, xlsx, docx (default: from -o; else txt on a terminal, md otherwise)")
        ("heat", "shade N (%) cells by their percentage (html, xlsx: conditional formatting)")
        ("output,o", po::value(&output), "the file to write (default: stdout)");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "tabulate", usage_line, options, positional, vm, io)) return ok;

    framer::Options analysis_options;
    if (vm.count("heat")) analysis_options.set("heat", "1");
    if (!by.empty()) analysis_options.set("by", by);
    if (!unit.empty()) analysis_options.set("unit", unit);
    if (!coder.empty()) analysis_options.set("coder", coder);
    if (!decimals.empty()) analysis_options.set("decimals", decimals);
    for (const auto& a : applies) analysis_options.add("applies", a);
    if (!title.empty()) analysis_options.set("title", title);
    for (const auto& l : labels) analysis_options.add("label", l);
    if (vm.count("no-total")) analysis_options.set("no-total", "1");
    if (vm.count("blank-domains")) analysis_options.set("blank-domains", "1");

    if (vm.count("compact")) analysis_options.set("compact", "1");
    return run_analysis("tabulate", project_path, analysis_options, format, output, io, from);
}

}  // namespace framer::cli

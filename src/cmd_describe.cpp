// framer describe PROJECT --by VAR: the paper's "Participant characteristics" table from the project's variables.
#include <fmt/format.h>

#include <ostream>

#include "cli_common.hpp"
#include "core/registry.hpp"
#include "refi/io.hpp"

namespace framer::cli {

int cmd_describe(const std::vector<std::string>& args, Io& io) {
    const char* usage_line = "PROJECT [--by VARIABLE] [--vars V1,V2,...] [--unit case|source] [--decimals N] "
                             "[--values VAR=V1,V2,...]... [--title TEXT] [--label VALUE=LABEL]... [--no-total] [--heat] [--format F] [--compact] [-o FILE]";
    po::options_description options(
        "Describe the participants per value of --by and in total: categorical and boolean variables as N (%)\n"
        "of those with a value (N/A where no one in the group has one), numeric variables as mean (range),\n"
        "dates as their range.\n"
        "Options");
    std::string project_path, from, by, unit, decimals, format, output;
    std::vector<std::string> vars, values, labels;
    std::string title;
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project (.qdpx, .qde; - reads a .qdpx from standard input)")
        ("by", po::value(&by), "group participants by this variable (one column per value)")
        ("vars", po::value(&vars)->composing(), "variables to describe, comma-separated (default: all but --by)")
        ("unit", po::value(&unit), "unit of analysis: case or source (default: cases when cases reference sources)")
        ("decimals", po::value(&decimals), "decimal places of percentages (default 0; rounded half up)")
        ("values", po::value(&values)->composing(),
         "VARIABLE=V1,V2,...: the order of a variable's rows, e.g. \"Ethnicity=White,Black,Asian\"; values not "
         "listed follow (default: most frequent first, ties in natural order; Yes before No) (repeatable)")
        ("title", po::value(&title), "the table's title (default: \"Participant characteristics by VARIABLE\")")
        ("label", po::value(&labels)->composing(),
         "VALUE=LABEL: the header of a --by group, e.g. \"Service user=Service users\" (repeatable)")
        ("no-total", "leave out the Total column (csv and json keep it)")
        ("format", po::value(&format), "md, txt, csv, json, html, latex, xlsx, docx (default: from -o; else txt on a terminal, md otherwise)")
        ("heat", "shade N (%) cells by their percentage (html, xlsx: conditional formatting)")
        ("output,o", po::value(&output), "the file to write (default: stdout)");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "describe", usage_line, options, positional, vm, io)) return ok;

    framer::Options analysis_options;
    if (vm.count("heat")) analysis_options.set("heat", "1");
    if (!by.empty()) analysis_options.set("by", by);
    if (!unit.empty()) analysis_options.set("unit", unit);
    if (!decimals.empty()) analysis_options.set("decimals", decimals);
    for (const auto& v : values) analysis_options.add("values", v);
    if (!title.empty()) analysis_options.set("title", title);
    for (const auto& l : labels) analysis_options.add("label", l);
    if (vm.count("no-total")) analysis_options.set("no-total", "1");
    for (const auto& list : vars) {
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t comma = list.find(',', start);
            std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            while (!name.empty() && name.front() == ' ') name.erase(name.begin());
            while (!name.empty() && name.back() == ' ') name.pop_back();
            if (!name.empty()) analysis_options.add("vars", name);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }

    if (vm.count("compact")) analysis_options.set("compact", "1");
    return run_analysis("describe", project_path, analysis_options, format, output, io, from);
}

}  // namespace framer::cli

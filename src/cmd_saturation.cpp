// framer saturation PROJECT: code saturation in interview order, by the two stopping rules.
#include <fmt/format.h>

#include <ostream>

#include "cli_common.hpp"
#include "core/registry.hpp"

namespace framer::cli {

int cmd_saturation(const std::vector<std::string>& args, Io& io) {
    const char* usage_line =
        "PROJECT [--order VAR|name|source-date] [--base N] [--run N] [--threshold P] [--window K] "
        "[--level code|theme] [--by VAR] [--coder USER] [--unit case|source] [--format F] [--compact] [-o FILE]";
    po::options_description options(
        "Assess code saturation: the units in interview order, the codes each one adds and the running total,\n"
        "and two stopping rules: whether the last K units introduced nothing new, and Guest, Namey & Chen 2020\n"
        "(PLoS ONE 15(5): e0232076): new codes in each run of R units after a base of B units, divided by the\n"
        "base's codes; saturated at the first run at or under the threshold, written B'+R (B' = units before\n"
        "that run). Units without codings are left out and named. See docs/saturation.md.\n"
        "Options");
    std::string project_path, order, base, run, threshold, window, level, by, coder, unit, format, output, from;
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project (.qdpx, .qde)")
        ("order", po::value(&order), "interview order: a Date/DateTime/Integer variable, name or source-date "
                                      "(default: the first date variable, else name)")
        ("base", po::value(&base), "Guest's base size: units whose codes are the denominator (default 4)")
        ("run", po::value(&run), "Guest's run length: consecutive units after the base (default 2)")
        ("threshold", po::value(&threshold), "Guest's new-information threshold, 0.05 or 5% (default 5%)")
        ("window", po::value(&window), "the last K units must introduce nothing new (default 5)")
        ("level", po::value(&level), "code (each code as coded, default) or theme (subthemes count as their theme)")
        ("by", po::value(&by), "assess each group of this variable separately, e.g. Role")
        ("coder", po::value(&coder), "count only codings by this user (name, id or GUID)")
        ("unit", po::value(&unit), "unit of analysis: case or source (default: cases when cases reference sources)")
        ("format", po::value(&format), "md, txt, csv, json, html, svg, latex, xlsx, docx (default: from -o, else md)")
        ("output,o", po::value(&output), "the file to write (default: stdout)");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "saturation", usage_line, options, positional, vm, io)) return ok;

    framer::Options analysis_options;
    auto set = [&](const char* key, const std::string& value) {
        if (vm.count(key)) analysis_options.set(key, value);
    };
    set("order", order);
    set("base", base);
    set("run", run);
    set("threshold", threshold);
    set("window", window);
    set("level", level);
    set("by", by);
    set("coder", coder);
    set("unit", unit);
    if (vm.count("compact")) analysis_options.set("compact", "1");
    return run_analysis("saturation", project_path, analysis_options, format, output, io, from);
}

}  // namespace framer::cli

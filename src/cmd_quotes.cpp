// framer quotes PROJECT: exemplar quotations per code (the paper's Box 1), chosen by a stated rule.
#include <fmt/format.h>

#include <ostream>

#include "cli_common.hpp"
#include "core/registry.hpp"

namespace framer::cli {

int cmd_quotes(const std::vector<std::string>& args, Io& io) {
    const char* usage_line =
        "PROJECT [--per-code N] [--label TEMPLATE] [--min-words N] [--max-words N] [--code CODE]... "
        "[--coder USER] [--spread VAR] [--exclude-unit UNIT]... [--unit case|source] [--from DIALECT] [--format F] [--compact] [-o FILE]";
    po::options_description options(
        "Choose exemplar quotations: for each code (codebook order; by default every code with codings), up to\n"
        "N exact coded excerpts, each from a different unit, labelled by a template over the unit and its\n"
        "variables. The rule is deterministic (same input, same quotes): excerpts not quoted for another code\n"
        "first, then within the word bounds, spread across the first label variable (or --spread), then across\n"
        "coders. Framer never shortens a quotation; one outside the bounds says so. See docs/quotes.md.\n"
        "Options");
    std::string project_path, per_code, label, min_words, max_words, coder, spread, unit, format, output, from;
    std::vector<std::string> codes, exclude;
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project (.qdpx, .qde; - reads a .qdpx from standard input)")
        ("per-code", po::value(&per_code), "quotations per code (default 1)")
        ("label", po::value(&label), "label template: {unit} and {VARIABLE} (default \"{unit}\"), e.g. \"{unit}, {Treatment}\"")
        ("min-words", po::value(&min_words), "prefer excerpts of at least N words (default 5)")
        ("max-words", po::value(&max_words), "prefer excerpts of at most N words (default 100; 0: no bound)")
        ("code", po::value(&codes)->composing(), "a code to quote: name, path (A/B) or GUID (repeatable)")
        ("coder", po::value(&coder), "quote only codings by this user (name, id or GUID)")
        ("spread", po::value(&spread), "spread quotes across this variable's values (default: the label's first)")
        ("exclude-unit", po::value(&exclude)->composing(), "never quote this unit, e.g. withdrawn consent (repeatable)")
        ("unit", po::value(&unit), "unit of analysis: case or source (default: cases when cases reference sources)")
        ("format", po::value(&format), "md, csv, json, html, latex, xlsx (default: from -o, else md)")
        ("output,o", po::value(&output), "the file to write (default: stdout)");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "quotes", usage_line, options, positional, vm, io)) return ok;

    framer::Options analysis_options;
    auto set = [&](const char* key, const std::string& value) {
        if (vm.count(key)) analysis_options.set(key, value);
    };
    set("per-code", per_code);
    set("label", label);
    set("min-words", min_words);
    set("max-words", max_words);
    set("coder", coder);
    set("spread", spread);
    set("unit", unit);
    for (const auto& c : codes) analysis_options.add("code", c);
    for (const auto& e : exclude) analysis_options.add("exclude-unit", e);

    if (vm.count("compact")) analysis_options.set("compact", "1");
    return run_analysis("quotes", project_path, analysis_options, format, output, io, from);
}

}  // namespace framer::cli

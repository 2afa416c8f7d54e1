// framer agreement PROJECT --coders A,B: intercoder agreement with its denominators, and the disagreements.
#include <ostream>

#include "cli_common.hpp"

namespace framer::cli {

int cmd_agreement(const std::vector<std::string>& args, Io& io) {
    const char* usage_line =
        "PROJECT --coders A,B [--sources S]... [--unit character|segment|document]... [--overlap P] "
        "[--code CODE]... [--bp-k K] [--from DIALECT] [--format F] [--compact] [-o FILE]";
    po::options_description options(
        "Compare two coders' codings over the sources both coded (or those given): code presence per document\n"
        "(percent, Cohen's kappa, Brennan & Prediger's kappa with k), characters (2x2 counts, agreement with and\n"
        "without uncoded text, Cohen's kappa, Krippendorff's alpha), segments (matched at --overlap % of the longer\n"
        "one), and every disagreement with its exact text and positions. Formulas: docs/agreement.md.\n"
        "Options");
    std::string project_path, coders, overlap, bp_k, format, output, from;
    std::vector<std::string> sources, units, codes;
    options.add_options()
        ("project", po::value(&project_path)->required(), "the project (.qdpx, .qde; - reads a .qdpx from standard input)")
        ("coders", po::value(&coders)->required(), "the two coders, A,B (user names, ids or GUIDs)")
        ("sources", po::value(&sources)->composing(),
         "compare these sources (names or GUIDs, repeatable or comma-separated; default: every source both coders coded)")
        ("unit", po::value(&units)->composing(),
         "character, segment or document (code presence); repeatable (default: all three)")
        ("overlap", po::value(&overlap), "segments match when they overlap by at least P% of the longer one (default 90)")
        ("code", po::value(&codes)->composing(),
         "compare this code (name, path or GUID; repeatable; default: every code either coder used)")
        ("bp-k", po::value(&bp_k), "k of Brennan & Prediger's kappa (default: the number of codes compared, as MAXQDA)")
        ("format", po::value(&format), "md, csv, json, html, latex, xlsx (default: from -o, else md)")
        ("output,o", po::value(&output), "the file to write (default: stdout)");
    add_from_option(options, from);
    add_compact_option(options);
    po::positional_options_description positional;
    positional.add("project", 1);
    po::variables_map vm;
    if (!parse_command_line(args, "agreement", usage_line, options, positional, vm, io)) return ok;

    framer::Options analysis_options;
    analysis_options.set("coders", coders);
    for (const auto& s : sources) analysis_options.add("sources", s);
    for (const auto& u : units) analysis_options.add("unit", u);
    for (const auto& c : codes) analysis_options.add("code", c);
    if (!overlap.empty()) analysis_options.set("overlap", overlap);
    if (!bp_k.empty()) analysis_options.set("bp-k", bp_k);
    if (vm.count("compact")) analysis_options.set("compact", "1");
    return run_analysis("agreement", project_path, analysis_options, format, output, io, from);
}

}  // namespace framer::cli

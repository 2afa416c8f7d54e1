// Help text and suggestions. Placeholders come from a small table keyed by option name, because Boost prints
// every value as "arg", which tells a user nothing about what --by or --applies take.
#include "cli_help.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "core/units.hpp"

namespace framer::cli {

namespace po = boost::program_options;

const char* version_string() { return "framer 0.1.0"; }

static std::string placeholder_for(const std::string& long_name) {
    static const std::map<std::string, std::string> names = {
        {"by", "VAR"},          {"show", "VAR"},           {"vars", "VAR1,VAR2"},   {"spread", "VAR"},
        {"order", "VAR"},       {"applies", "CODE=VAR:VALUE"}, {"coder", "USER"},   {"coders", "A,B"},
        {"author", "NAME"},     {"format", "FORMAT"},      {"output", "FILE"},      {"report", "FILE"},
        {"from", "DIALECT"},    {"to", "DIALECT"},         {"dialect", "DIALECT"},  {"decimals", "N"},
        {"unit", "UNIT"},       {"theme", "CODE"},         {"code", "CODE"},        {"title", "TEXT"},
        {"values", "VAR=V1,V2"}, {"per-code", "N"},        {"min-words", "N"},      {"max-words", "N"},
        {"base", "N"},          {"run", "N"},              {"window", "N"},         {"threshold", "P"},
        {"level", "LEVEL"},     {"overlap", "P"},          {"sources", "SOURCE"},   {"exclude-unit", "UNIT"},
        {"bp-k", "K"},
    };
    auto it = names.find(long_name);
    if (it != names.end()) return it->second;
    std::string upper;
    for (char c : long_name) upper += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
}

static bool is_positional(const std::string& name, const po::positional_options_description& positional) {
    for (unsigned i = 0; i < positional.max_total_count() && i < 16; ++i)
        if (positional.name_for_position(i) == name) return true;
    return false;
}

std::string format_options_help(const po::options_description& options,
                                const po::positional_options_description& positional) {
    std::vector<std::pair<std::string, std::string>> rows;
    std::size_t width = 0;
    for (const auto& option : options.options()) {
        if (is_positional(option->long_name(), positional)) continue;
        std::string left = "  ";
        const std::string short_name = option->canonical_display_name(po::command_line_style::allow_dash_for_short);
        if (!short_name.empty() && short_name.size() == 2 && short_name[0] == '-' && short_name[1] != '-')
            left += short_name + ", ";
        left += "--" + option->long_name();
        if (option->semantic()->max_tokens() > 0) {
            const std::string label = option->semantic()->name();
            // Boost's own label is "arg"; a value_name set by the command wins.
            left += " " + (label == "arg" || label.empty() ? placeholder_for(option->long_name()) : label);
        }
        width = std::max(width, left.size());
        rows.emplace_back(left, option->description());
    }
    width = std::min<std::size_t>(width, 34);
    std::ostringstream out;
    out << "Options:\n";
    for (const auto& [left, description] : rows) {
        if (left.size() > width)
            out << left << "\n" << std::string(width + 2, ' ') << description << "\n";
        else
            out << fmt::format("{:<{}}  {}\n", left, width, description);
    }
    return out.str();
}

std::string example_for(const std::string& command) {
    static const std::map<std::string, std::string> examples = {
        {"info", "framer info samples/recovery-study.qdpx --json"},
        {"validate", "framer validate samples/recovery-study.qdpx --strict"},
        {"convert", "framer convert samples/recovery-study-nvivo.qdpx for-atlas.qdpx --to atlasti"},
        {"tabulate", "framer tabulate samples/seed-table2.qdpx --by Role -o table2.xlsx"},
        {"describe", "framer describe samples/seed-table2.qdpx --by Role --vars Gender,Age"},
        {"chart", "framer chart samples/recovery-study.qdpx --show Role -o chart.xlsx"},
        {"summaries", "framer summaries samples/recovery-study.qdpx chart.xlsx -o summarised.qdpx"},
        {"agreement", "framer agreement samples/recovery-study.qdpx --coders \"Marta Núñez,Daniel Okoro\""},
        {"quotes", "framer quotes samples/seed-table2.qdpx --label \"{unit}, {Role}\""},
        {"saturation", "framer saturation samples/recovery-study.qdpx --order \"Interview date\" --by Role"},
        {"merge", "framer merge coder1.qdpx coder2.qdpx -o merged.qdpx --report merge.json"},
    };
    auto it = examples.find(command);
    return it == examples.end() ? std::string{} : it->second;
}

std::string unknown_option_message(const std::string& given, const po::options_description& options) {
    std::string bare = given;
    while (!bare.empty() && bare.front() == '-') bare.erase(bare.begin());
    if (auto eq = bare.find('='); eq != std::string::npos) bare.resize(eq);
    std::vector<std::string> names;
    for (const auto& option : options.options()) names.push_back(option->long_name());
    return fmt::format("unknown option '{}'", given) + framer::did_you_mean(bare, names, "--", "");
}

}  // namespace framer::cli

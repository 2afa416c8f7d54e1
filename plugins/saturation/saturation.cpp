// saturation: reads the project only. Which codes each unit has (theme_table's counting core), the interview
// order (order.hpp), first appearances and the two stopping rules (sequence.hpp, rules.hpp), then the report.
#include "saturation/saturation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/groups.hpp"
#include "core/lookup.hpp"
#include "core/units.hpp"
#include "refi/guid.hpp"
#include "saturation/order.hpp"
#include "saturation/report.hpp"
#include "saturation/sequence.hpp"
#include "theme_table/code_counts.hpp"

namespace framer {
namespace {

std::size_t parse_count(const Options& options, const std::string& key, std::size_t fallback) {
    if (!options.has(key)) return fallback;
    const std::string text = options.get(key);
    std::size_t value = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || p != text.data() + text.size() || value < 1)
        throw UsageError(fmt::format("--{} '{}': expected a whole number of at least 1", key, text));
    return value;
}

/// "5%", "0.05", "0": a proportion. A bare number above 1 is refused rather than guessed at (5 = 5%? 500%?).
double parse_threshold(const Options& options) {
    if (!options.has("threshold")) return 0.05;
    std::string text = options.get("threshold");
    const bool percent = !text.empty() && text.back() == '%';
    if (percent) text.pop_back();
    double value = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool number = !text.empty() && ec == std::errc() && p == text.data() + text.size();
    if (number && percent) value /= 100;
    if (!number || value < 0 || value > 1)
        throw UsageError(fmt::format("--threshold '{}': expected a proportion from 0 to 1 (0.05) or a percentage "
                                     "(5%)", options.get("threshold")));
    return value;
}

saturation::Level parse_level(const Options& options) {
    const std::string level = options.get("level", "code");
    if (level == "code" || level == "codes") return saturation::Level::Code;
    if (level == "theme" || level == "themes") return saturation::Level::Theme;
    throw UsageError("--level: unknown level '" + level + "'" + did_you_mean(level, {"code", "theme"}) +
                     " (use code or theme)");
}

/// A code's theme: the code above a code without children (a subtheme's theme); a code with children, a
/// top-level code and a code directly under a non-codable heading (a domain) stand for themselves.
int theme_of(const CodeTree& tree, int id) {
    if (tree.has_children(id)) return id;
    const int parent = tree.parent(id);
    if (parent < 0 || !tree.code(parent).codable()) return id;
    return parent;
}

class SaturationAnalysis : public Analysis {
public:
    std::string name() const override { return "saturation"; }
    std::string summary() const override { return "code saturation in interview order (Guest et al. 2020)"; }
    bool draws_figures() const override { return true; }

    Result run(const refi::Project& project, const Options& options) const override {
        // Options first: a typo is a usage error even on a project without codings.
        saturation::Parameters parameters;
        parameters.base = parse_count(options, "base", 4);
        parameters.run = parse_count(options, "run", 2);
        parameters.window = parse_count(options, "window", 5);
        parameters.threshold = parse_threshold(options);
        const saturation::Level level = parse_level(options);
        std::vector<std::string> coders;
        if (options.has("coder"))
            for (const refi::User* user : resolve_users(project, options.get("coder")))
                coders.push_back(refi::normalize_guid(user->guid));
        const UnitKind kind = choose_unit_kind(project, options.get("unit"));
        const std::vector<Unit> units = build_units(project, kind);
        const Grouping grouping = group_units(project, units, options.get("by"));  // resolves --by first

        const CodeTree tree(project);
        const UnitCodes found = collect_unit_codes(project, tree, units, coders);
        const char* unit_word = kind == UnitKind::Case ? "case" : "source";
        if (found.codings_counted == 0) {
            if (!coders.empty() && found.codings_other_coders)
                throw std::runtime_error(fmt::format("no codings by {} ({} by other coders): nothing to assess "
                                                     "saturation on", options.get("coder"),
                                                     found.codings_other_coders));
            throw std::runtime_error(fmt::format("the project has no codings of its {}s: nothing to assess "
                                                 "saturation on (code some interviews first)", unit_word));
        }

        // Per unit the codes (or themes) it has; units with none are left out of the sequence and named.
        std::vector<std::vector<int>> codes_of(units.size());
        std::vector<std::size_t> coded;
        std::vector<std::string> left_out;
        for (std::size_t u = 0; u < units.size(); ++u) {
            auto& ids = codes_of[u];
            for (int id : found.direct[u]) ids.push_back(level == saturation::Level::Theme ? theme_of(tree, id) : id);
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            if (ids.empty()) left_out.push_back(units[u].name);
            else coded.push_back(u);
        }

        const saturation::Ordering ordering = saturation::order_units(project, units, coded, options.get("order"));
        std::vector<saturation::Sequence> sequences;
        sequences.push_back(saturation::make_sequence({}, ordering.order, ordering.keys, codes_of, parameters));
        for (std::size_t g = 0; g < grouping.groups.size(); ++g) {
            std::vector<std::size_t> members;
            std::vector<std::string> keys;
            for (std::size_t i = 0; i < ordering.order.size(); ++i)
                if (grouping.group_of[ordering.order[i]] == static_cast<int>(g)) {
                    members.push_back(ordering.order[i]);
                    keys.push_back(ordering.keys[i]);
                }
            sequences.push_back(saturation::make_sequence(grouping.groups[g], std::move(members), std::move(keys),
                                                          codes_of, parameters));
        }

        std::vector<std::string> warnings = ordering.warnings;
        if (!left_out.empty())
            warnings.push_back(fmt::format("{} {}(s) without codings left out of the sequence (not coded yet?): {}",
                                           left_out.size(), unit_word, saturation::join(left_out, ", ")));
        if (found.codings_missing_code)
            warnings.push_back(fmt::format("{} coding(s) point at no code of the codebook: not counted",
                                           found.codings_missing_code));
        if (found.codings_other_coders)
            warnings.push_back(fmt::format("{} coding(s) by other coders left out", found.codings_other_coders));
        if (found.sources_without_unit)
            warnings.push_back(fmt::format("{} coded source(s) belong to no case: not counted (--unit source "
                                           "counts them)", found.sources_without_unit));

        const saturation::ReportInput input{units,      tree,        ordering,           parameters, level,
                                            kind,       grouping.by, options.get("coder"), left_out,  warnings,
                                            sequences};
        Result result = saturation::build_report(input);
        return result;
    }
};

}  // namespace

std::unique_ptr<Analysis> make_saturation_analysis() { return std::make_unique<SaturationAnalysis>(); }

}  // namespace framer

// The chart analysis: options, units and their excerpts; the builders make the Result.
#include "chart/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "chart/builders.hpp"
#include "core/lookup.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/text.hpp"

namespace framer {

namespace {

class ChartAnalysis : public Analysis {
public:
    std::string name() const override { return "chart"; }
    bool uses_positions() const override { return true; }  // every excerpt
    std::string summary() const override {
        return "framework matrices: units x subthemes with excerpts and summaries";
    }

    Result run(const refi::Project& project, const Options& options) const override {
        UnitKind kind = choose_unit_kind(project, options.get("unit"));
        // Shared: the JSON callback of the Result (written later, by the exporter) reads the units, excerpts and
        // the texts they point into.
        auto shared = std::make_shared<chart::ChartInput>(project, kind);
        chart::ChartInput& input = *shared;
        const refi::ProjectIndex& index = input.index;
        input.units = build_units(project, kind);
        input.show = options.get_all("show");
        check_variables(project, input.show);
        // parts: what the exporter reads. The JSON is always available as the streamed Result::write_json;
        // the tree Result::json only when every part is asked for (no parts: tests, which read it).
        const std::string parts = options.get("parts");
        input.want_json = parts.empty();
        input.want_tables = parts != "json" && parts != "csv";
        input.want_long = parts != "json" && parts != "documents";

        std::unordered_map<std::string, bool> directly_coded;
        input.excerpts.reserve(input.units.size());
        for (const auto& unit : input.units) {
            input.excerpts.push_back(chart::collect_excerpts(index, unit, input.texts));
            for (const auto& e : input.excerpts.back()) directly_coded[*e.code_key] = true;
        }
        // --coder: one coder's chart. Themes were chosen from everyone's codings above, so both coders' charts
        // have the same columns and can be laid side by side.
        std::size_t other_coders = 0;
        if (options.has("coder")) {
            std::set<std::string> names;
            for (const refi::User* user : resolve_users(project, options.get("coder")))
                names.insert(chart::user_display_name(index, user->guid));
            for (auto& excerpts : input.excerpts) {
                auto keep = std::remove_if(excerpts.begin(), excerpts.end(),
                                           [&](const chart::Excerpt& e) { return !names.count(*e.coder); });
                other_coders += static_cast<std::size_t>(excerpts.end() - keep);
                excerpts.erase(keep, excerpts.end());
            }
        }
        auto note_coder = [&](Result& result) {
            if (!options.has("coder")) return;
            result.notes.push_back(fmt::format("Codings by {} only; {} coding{} by other coders left out.",
                                               options.get("coder"), other_coders, other_coders == 1 ? "" : "s"));
        };
        if (options.has("applies")) input.applies = applies_rules(project, index, input.units, options.get_all("applies"));
        if (options.has("per-unit")) {
            if (options.has("applies"))
                throw UsageError("--applies marks matrix cells n/a; the per-unit chart lists only the codes a unit has");
            if (options.has("theme") || options.has("flat"))
                throw UsageError("--per-unit lists every code of each unit; it takes no --theme or --flat");
            Result result = chart::build_per_unit(shared);
            note_coder(result);
            return result;
        }
        auto themes = std::make_shared<const std::vector<chart::Theme>>(
            chart::choose_themes(project, index, options.get_all("theme"), options.has("flat"), directly_coded));
        Result result = chart::build_matrix(shared, themes);
        note_coder(result);
        // Nothing left out silently: a --theme choice (or a CodeRef to no code) leaves codings out of every matrix.
        if (std::size_t left_out = chart::uncharted_codings(*themes, input.excerpts)) {
            std::string why = options.has("theme") ? "their codes are not in the chosen --theme(s); chart without "
                                                     "--theme to see every coding"
                                                   : "their CodeRef names no code of the codebook (see framer validate)";
            std::string message = fmt::format("{} coding{} of the {}{} appear{} in no matrix: {}", left_out,
                                              left_out == 1 ? "" : "s", chart::unit_kind_name(kind), "s",
                                              left_out == 1 ? "s" : "", why);
            result.notes.push_back(message);
            result.warnings.push_back(message);
        }
        return result;
    }

private:
    /// --applies CODE=VARIABLE:VALUE, as in tabulate: several values for one code and variable widen the rule,
    /// different variables narrow it; a code's rules are its own and its ancestors'.
    static std::function<bool(const Unit&, const refi::Code&)> applies_rules(const refi::Project& project,
                                                                           const refi::ProjectIndex& index,
                                                                           const std::vector<Unit>& units,
                                                                           const std::vector<std::string>& specs) {
        // code GUID (normalised) -> variable -> allowed values
        auto rules = std::make_shared<std::map<std::string, std::map<std::string, std::set<std::string>>>>();
        for (const auto& spec : specs) {
            auto eq = spec.find('=');
            auto colon = eq == std::string::npos ? std::string::npos : spec.find(':', eq + 1);
            if (eq == std::string::npos || colon == std::string::npos || eq == 0)
                throw UsageError("--applies '" + spec + "': expected CODE=VARIABLE:VALUE");
            const refi::Code& code = resolve_code(project, spec.substr(0, eq));
            const refi::Variable& variable = resolve_variable(project, spec.substr(eq + 1, colon - eq - 1));
            std::string value = spec.substr(colon + 1);
            if (variable.type == refi::VariableType::Boolean) {
                std::string v = refi::ascii_lower(value);
                if (v == "yes" || v == "1" || v == "true") value = "true";
                if (v == "no" || v == "0" || v == "false") value = "false";
            }
            std::set<std::string> present;
            for (const auto& u : units) {
                auto it = u.variables.find(variable.name);
                if (it != u.variables.end()) present.insert(it->second);
            }
            if (!present.count(value)) {
                std::string known;
                for (const auto& v : present) known += (known.empty() ? "'" : ", '") + v + "'";
                throw UsageError("--applies '" + spec + "': no unit has " + variable.name + " = '" + value + "'" +
                                 (known.empty() ? std::string(" (no unit has a value)") : " (values: " + known + ")"));
            }
            (*rules)[refi::normalize_guid(code.guid)][variable.name].insert(value);
        }
        // Asked once per cell: each code's rules (its own and its ancestors') are gathered the first time it is
        // asked about, so a cell costs one look-up by code, plus one per rule that applies to it.
        using Rules = std::vector<const std::pair<const std::string, std::set<std::string>>*>;
        auto by_code = std::make_shared<std::unordered_map<const refi::Code*, Rules>>();
        return [rules, by_code, &index](const Unit& unit, const refi::Code& code) {
            auto found = by_code->find(&code);
            if (found == by_code->end()) {
                Rules gathered;
                for (const refi::Code* c : index.path_of(code)) {
                    auto it = rules->find(refi::normalize_guid(c->guid));
                    if (it == rules->end()) continue;
                    for (const auto& rule : it->second) gathered.push_back(&rule);
                }
                found = by_code->emplace(&code, std::move(gathered)).first;
            }
            for (const auto* rule : found->second) {
                auto v = unit.variables.find(rule->first);
                if (v == unit.variables.end() || !rule->second.count(v->second)) return false;
            }
            return true;
        };
    }

    static void check_variables(const refi::Project& project, const std::vector<std::string>& show) {
        std::vector<std::string> names;
        for (const auto& v : project.variables) names.push_back(v.name);
        for (const auto& s : show) {
            if (std::find(names.begin(), names.end(), s) != names.end()) continue;
            auto near = near_matches(s, names);
            throw UsageError(fmt::format("unknown variable '{}'{}", s,
                                         near.empty() ? "" : fmt::format(" (did you mean: {}?)", fmt::join(near, ", "))));
        }
    }
};

}  // namespace

std::unique_ptr<Analysis> make_chart_analysis() { return std::make_unique<ChartAnalysis>(); }

}  // namespace framer

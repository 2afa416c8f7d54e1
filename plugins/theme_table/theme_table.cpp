// tabulate: how many participants voiced each code, overall and per group, with per-row denominators.
#include "theme_table/theme_table.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/groups.hpp"
#include "core/layout.hpp"
#include "core/lookup.hpp"
#include "core/percent.hpp"
#include "core/units.hpp"
#include "refi/guid.hpp"
#include "theme_table/code_counts.hpp"

namespace framer {
namespace {

/// One --applies rule: the code it is given on and the values of one variable it allows.
struct Rule {
    int code = -1;
    std::string variable;
    std::set<std::string> values;
};

/// The units a set of rules admits: its members and per-group sizes.
struct Scope {
    std::vector<int> rules;
    std::vector<char> admits;             ///< per unit
    std::vector<std::int64_t> base;       ///< [0] total, then per group
};

std::string unit_name(UnitKind kind) { return kind == UnitKind::Case ? "case" : "source"; }

std::vector<Rule> parse_rules(const refi::Project& project, const CodeTree& tree,
                              const std::vector<Unit>& units, const std::vector<std::string>& specs) {
    std::vector<Rule> rules;
    for (const auto& spec : specs) {
        auto eq = spec.find('=');
        auto colon = eq == std::string::npos ? std::string::npos : spec.find(':', eq + 1);
        if (eq == std::string::npos || colon == std::string::npos || eq == 0)
            throw UsageError("--applies '" + spec + "': expected CODE=VARIABLE:VALUE");
        const refi::Code& code = resolve_code(project, spec.substr(0, eq));
        const refi::Variable& variable = resolve_variable(project, spec.substr(eq + 1, colon - eq - 1));
        std::string value = spec.substr(colon + 1);
        if (variable.type == refi::VariableType::Boolean) {
            // Units hold booleans as "true"/"false" (units.cpp); accept the spellings a researcher would type.
            std::string v = value;
            for (auto& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (v == "yes" || v == "1" || v == "true") value = "true";
            if (v == "no" || v == "0" || v == "false") value = "false";
        }
        // A value no unit has is almost certainly a typo; a rule admitting nobody would print a row of dashes.
        std::set<std::string> present;
        for (const auto& u : units) {
            auto it = u.variables.find(variable.name);
            if (it != u.variables.end()) present.insert(it->second);
        }
        if (!present.count(value)) {
            std::vector<std::string> values(present.begin(), present.end());
            std::string known;
            for (const auto& v : values) known += (known.empty() ? "" : ", ") + ("'" + v + "'");
            throw UsageError("--applies '" + spec + "': no unit has " + variable.name + " = '" + value + "'" +
                             (known.empty() ? std::string(" (no unit has a value)") : " (values: " + known + ")"));
        }
        int id = tree.id_of(code);
        // Several values for one code and variable widen the rule (OR); different variables narrow it (AND).
        auto same = std::find_if(rules.begin(), rules.end(),
                                 [&](const Rule& r) { return r.code == id && r.variable == variable.name; });
        if (same != rules.end())
            same->values.insert(value);
        else
            rules.push_back(Rule{id, variable.name, {value}});
    }
    return rules;
}

class ThemeTable : public Analysis {
public:
    std::string name() const override { return "tabulate"; }
    std::string summary() const override { return "participants per code, N (%) overall and by group"; }

    Result run(const refi::Project& project, const Options& options) const override {
        const int decimals = options.has("decimals") ? parse_decimals(options.get("decimals")) : 0;
        // Codes as dense ids (CodeTree) so that counting participants is array work, not GUID lookups.
        CodeTree tree(project);
        const UnitKind kind = choose_unit_kind(project, options.get("unit"));
        const std::vector<Unit> units = build_units(project, kind);

        // --by: the group of each unit.
        const Grouping grouping = group_units(project, units, options.get("by"));
        const std::string& by = grouping.by;
        const std::vector<std::string>& groups = grouping.groups;
        const std::vector<int>& group_of = grouping.group_of;
        const std::size_t columns = groups.size() + 1;  // [0] is the total
        const TableLayout layout = parse_layout(options, grouping);

        // --coder
        std::vector<std::string> coders;
        if (options.has("coder"))
            for (const refi::User* user : resolve_users(project, options.get("coder")))
                coders.push_back(refi::normalize_guid(user->guid));

        // --applies: each code's rules are its own plus its ancestors'; codes with the same rules share a scope.
        const std::vector<Rule> rules = parse_rules(project, tree, units, options.get_all("applies"));
        std::vector<int> scope_of(tree.size(), 0);
        std::vector<Scope> scopes(1);
        std::map<std::vector<int>, int> scope_ids{{{}, 0}};
        std::vector<std::vector<int>> rules_of(tree.size());
        for (std::size_t c = 0; c < tree.size(); ++c) {
            int parent = tree.parent(static_cast<int>(c));
            if (parent >= 0) rules_of[c] = rules_of[static_cast<std::size_t>(parent)];
            for (std::size_t r = 0; r < rules.size(); ++r)
                if (rules[r].code == static_cast<int>(c)) rules_of[c].push_back(static_cast<int>(r));
            std::sort(rules_of[c].begin(), rules_of[c].end());
            auto [it, added] = scope_ids.emplace(rules_of[c], static_cast<int>(scopes.size()));
            if (added) scopes.push_back(Scope{rules_of[c], {}, {}});
            scope_of[c] = it->second;
        }
        for (auto& scope : scopes) {
            scope.admits.assign(units.size(), 1);
            scope.base.assign(columns, 0);
            for (std::size_t u = 0; u < units.size(); ++u) {
                for (int r : scope.rules) {
                    auto it = units[u].variables.find(rules[static_cast<std::size_t>(r)].variable);
                    if (it == units[u].variables.end() || !rules[static_cast<std::size_t>(r)].values.count(it->second))
                        scope.admits[u] = 0;
                }
                if (!scope.admits[u]) continue;
                ++scope.base[0];
                if (group_of[u] >= 0) ++scope.base[static_cast<std::size_t>(group_of[u]) + 1];
            }
        }

        // Counting.
        const UnitCodes found = collect_unit_codes(project, tree, units, coders);
        std::vector<std::int64_t> n(tree.size() * columns, 0);
        std::size_t outside_scope = 0;
        for (std::size_t u = 0; u < units.size(); ++u) {
            for (int c : found.codes[u]) {
                const Scope& scope = scopes[static_cast<std::size_t>(scope_of[static_cast<std::size_t>(c)])];
                if (!scope.admits[u]) {
                    ++outside_scope;
                    continue;
                }
                std::size_t row = static_cast<std::size_t>(c) * columns;
                ++n[row];
                if (group_of[u] >= 0) ++n[row + static_cast<std::size_t>(group_of[u]) + 1];
            }
        }

        Result result;
        warn(result, found, outside_scope);
        build_outputs(result, tree, units, kind, by, groups, rules, scopes, scope_of, n, decimals,
                      options.get("coder"), layout, options.has("blank-domains"));
        return result;
    }

private:
    static void warn(Result& result, const UnitCodes& found, std::size_t outside_scope) {
        if (found.codings_missing_code)
            result.warnings.push_back(std::to_string(found.codings_missing_code) +
                                      " coding(s) point at codes that are not in the codebook; not counted "
                                      "(framer validate lists them)");
        if (found.sources_without_unit)
            result.warnings.push_back(std::to_string(found.sources_without_unit) +
                                      " coded source(s) belong to no case and are not counted (try --unit source)");
        if (outside_scope)
            result.warnings.push_back(std::to_string(outside_scope) +
                                      " unit-code pair(s) fall outside an --applies subgroup and are not counted");
    }

    static std::string rule_text(const std::vector<Rule>& rules, const std::vector<int>& ids) {
        std::string out;
        for (int r : ids) {
            const Rule& rule = rules[static_cast<std::size_t>(r)];
            std::string values;
            for (const auto& v : rule.values) values += (values.empty() ? "" : " or ") + v;
            out += (out.empty() ? "" : " and ") + rule.variable + ": " + values;
        }
        return out;
    }

    static void build_outputs(Result& result, const CodeTree& tree, const std::vector<Unit>& units, UnitKind kind,
                              const std::string& by, const std::vector<std::string>& groups,
                              const std::vector<Rule>& rules, const std::vector<Scope>& scopes,
                              const std::vector<int>& scope_of, const std::vector<std::int64_t>& n, int decimals,
                              const std::string& coder, const TableLayout& layout, bool blank_domains) {
        const std::size_t columns = groups.size() + 1;
        const std::vector<std::int64_t>& all = scopes[0].base;
        result.title = !layout.title.empty() ? layout.title
                       : by.empty()          ? "Participants per code"
                                             : "Participants per code by " + by;
        std::string note = std::to_string(units.size()) + " participant(s), one per " + unit_name(kind) +
                           "; cells show the number of participants with a coding of the code or of a code below "
                           "it, and the percentage of the row's base";
        if (!coder.empty()) note += "; codings by " + coder + " only";
        if (blank_domains) note += "; top-level codes (domains) without counts";
        result.notes.push_back(note + ".");

        Table doc;
        doc.name = "Domains, themes and subthemes";
        auto header_cell = [](std::string text) {
            Cell c;
            c.text = std::move(text);
            c.bold = true;
            return c;
        };
        doc.header.resize(2);
        doc.header[0].push_back(header_cell("Code"));
        doc.header[1].push_back(header_cell(""));
        doc.header[0].push_back(header_cell("Total (N=" + std::to_string(all[0]) + ")"));
        for (std::size_t g = 0; g < groups.size(); ++g)
            doc.header[0].push_back(header_cell(layout.labels[g] + " (N=" + std::to_string(all[g + 1]) + ")"));
        for (std::size_t k = 0; k < columns; ++k) {
            Cell c = header_cell("N (%)");
            c.numeric = true;
            doc.header[1].push_back(c);
        }

        Table csv;
        csv.name = "data";
        csv.csv = true;
        csv.csv_only = true;
        auto plain = [](std::string text, bool numeric = false) {
            Cell c;
            c.text = std::move(text);
            c.numeric = numeric;
            return c;
        };
        csv.header.push_back({plain("code"), plain("path"), plain("depth")});
        std::vector<std::string> column_names{"Total"};
        column_names.insert(column_names.end(), groups.begin(), groups.end());
        for (const auto& name : column_names)
            for (const char* what : {" n", " base", " percent"}) csv.header[0].push_back(plain(name + what));
        csv.header[0].push_back(plain("guid"));

        Json json = Json::object();
        json["unit"] = unit_name(kind);
        json["by"] = by.empty() ? Json(nullptr) : Json(by);
        Json json_groups = Json::array();
        for (const auto& g : groups) json_groups.push_back(g);
        json["groups"] = json_groups;
        json["units"] = units.size();
        Json rows = Json::array();

        std::map<std::string, int> footnote_of_text;
        for (std::size_t c = 0; c < tree.size(); ++c) {
            const int id = static_cast<int>(c);
            const refi::Code& code = tree.code(id);
            const Scope& scope = scopes[static_cast<std::size_t>(scope_of[c])];
            bool own_rule = std::any_of(rules.begin(), rules.end(), [&](const Rule& r) { return r.code == id; });

            std::vector<Cell> row;
            Cell name = plain(code.name);
            name.indent = tree.depth(id);
            name.bold = tree.has_children(id);
            if (own_rule) {
                // Codes with the same subgroup share one footnote, as the paper's two group-therapy subthemes do.
                std::string text = applies_footnote(rules, scope, groups, tree.has_children(id));
                auto [it, added] = footnote_of_text.emplace(text, static_cast<int>(doc.footnotes.size()));
                if (added) doc.footnotes.push_back(text);
                name.footnotes.push_back(it->second);
            }
            row.push_back(name);
            std::vector<Cell> data_row{plain(code.name), plain(tree.path_text(id)),
                                       plain(std::to_string(tree.depth(id)), true)};
            Json path = Json::array();
            for (int p : tree.path(id)) path.push_back(tree.code(p).name);
            Json jrow = Json::object();
            jrow["code"] = code.name;
            jrow["path"] = path;
            jrow["depth"] = tree.depth(id);
            jrow["guid"] = code.guid;
            jrow["codable"] = code.codable();
            Json jgroups = Json::object();
            // --blank-domains: the paper leaves its domain rows without counts (csv and json keep them).
            const bool blank = blank_domains && tree.depth(id) == 0 && tree.has_children(id);
            for (std::size_t k = 0; k < columns; ++k) {
                std::int64_t count = n[c * columns + k], base = scope.base[k];
                row.push_back(blank ? plain("", true) : count_cell(count, base, decimals));
                data_row.push_back(plain(std::to_string(count), true));
                data_row.push_back(plain(std::to_string(base), true));
                data_row.push_back(plain(base > 0 ? percent_text(count, base, decimals) : "", true));
                if (k == 0) jrow["total"] = count_json(count, base, decimals);
                else jgroups[groups[k - 1]] = count_json(count, base, decimals);
            }
            jrow["groups"] = jgroups;
            if (!scope.rules.empty()) jrow["applies"] = rule_text(rules, scope.rules);
            data_row.push_back(plain(code.guid));
            doc.rows.push_back(std::move(row));
            csv.rows.push_back(std::move(data_row));
            rows.push_back(std::move(jrow));
        }
        if (tree.size() == 0) result.notes.push_back("The project has no codes.");
        json["rows"] = rows;
        Json warnings = Json::array();
        for (const auto& w : result.warnings) warnings.push_back(w);
        json["warnings"] = warnings;
        result.json = std::move(json);
        if (!layout.total) drop_column(doc, 1);
        result.tables.push_back(std::move(doc));
        result.tables.push_back(std::move(csv));
    }

    static std::string applies_footnote(const std::vector<Rule>& rules, const Scope& scope,
                                        const std::vector<std::string>& groups, bool has_children) {
        std::string text = "Applicable to " + std::to_string(scope.base[0]) + " participants";
        if (!groups.empty()) {
            std::string parts;
            for (std::size_t g = 0; g < groups.size(); ++g)
                parts += (g ? " + " : "") + std::to_string(scope.base[g + 1]);
            text += " (" + parts + ")";
        }
        text += " with " + rule_text(rules, scope.rules) + "; percentages in " +
                (has_children ? std::string("this row and the rows below it") : std::string("these rows")) +
                " are calculated for them only.";
        return text;
    }
};

}  // namespace

std::unique_ptr<Analysis> make_theme_table_analysis() { return std::make_unique<ThemeTable>(); }

}  // namespace framer

// describe: who the participants were, per group — recomputed from the variables instead of typed by hand.
#include "characteristics/characteristics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>

#include "core/groups.hpp"
#include "core/lookup.hpp"
#include "core/percent.hpp"
#include "core/units.hpp"

namespace framer {
namespace {

Cell make_cell(std::string text, bool numeric = false, int indent = 0, bool bold = false) {
    Cell c;
    c.text = std::move(text);
    c.numeric = numeric;
    c.indent = indent;
    c.bold = bold;
    return c;
}

const char* type_name(refi::VariableType t) {
    switch (t) {
        case refi::VariableType::Boolean: return "boolean";
        case refi::VariableType::Integer:
        case refi::VariableType::Float: return "numeric";
        case refi::VariableType::Date:
        case refi::VariableType::DateTime: return "date";
        case refi::VariableType::Text: break;
    }
    return "categorical";
}

/// Shortest text of a number: 18, 36.5, 0.25.
std::string number_text(double v) { return fmt::format("{}", v); }

bool parse_number(const std::string& text, double& value) {
    if (text.empty()) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end && *end == '\0';
}

struct Stats {
    std::int64_t n = 0;
    double sum = 0, min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();
    std::string first, last;  ///< dates: ISO text sorts chronologically
};

class Characteristics : public Analysis {
public:
    std::string name() const override { return "describe"; }
    std::string summary() const override { return "participant characteristics by group (Table 1)"; }

    Result run(const refi::Project& project, const Options& options) const override {
        const int decimals = options.has("decimals") ? parse_decimals(options.get("decimals")) : 0;
        const UnitKind kind = choose_unit_kind(project, options.get("unit"));
        const std::vector<Unit> units = build_units(project, kind);
        const Grouping grouping = group_units(project, units, options.get("by"));
        const std::size_t columns = grouping.groups.size() + 1;

        std::vector<const refi::Variable*> variables;
        if (options.has("vars")) {
            for (const auto& v : options.get_all("vars")) variables.push_back(&resolve_variable(project, v));
        } else {
            for (const auto& v : project.variables)
                if (v.name != grouping.by) variables.push_back(&v);
        }

        Result result;
        result.title = grouping.by.empty() ? "Participant characteristics"
                                           : "Participant characteristics by " + grouping.by;
        result.notes.push_back(std::to_string(units.size()) + " participant(s), one per " +
                               (kind == UnitKind::Case ? "case" : "source") +
                               "; categorical values as N (%) of the participants with a value, numbers as "
                               "mean (range), dates as range; N/A: no participant of the group has a value.");
        Table doc;
        doc.name = "Participant characteristics";
        doc.header.resize(2);
        doc.header[0].push_back(make_cell("Characteristic"));
        doc.header[1].push_back(make_cell(""));
        doc.header[0].push_back(make_cell("Total (N=" + std::to_string(grouping.sizes[0]) + ")", true));
        for (std::size_t g = 0; g < grouping.groups.size(); ++g)
            doc.header[0].push_back(
                make_cell(grouping.groups[g] + " (N=" + std::to_string(grouping.sizes[g + 1]) + ")", true));
        for (std::size_t k = 0; k < columns; ++k) doc.header[1].push_back(make_cell("N (%)", true));

        Json json = Json::object();
        json["unit"] = kind == UnitKind::Case ? "case" : "source";
        json["by"] = grouping.by.empty() ? Json(nullptr) : Json(grouping.by);
        Json groups = Json::array();
        for (const auto& g : grouping.groups) groups.push_back(g);
        json["groups"] = groups;
        json["units"] = units.size();
        Json jvars = Json::array();

        for (const refi::Variable* variable : variables) {
            const std::string type = type_name(variable->type);
            std::vector<Cell> title_row{make_cell(variable->name, false, 0, true)};
            title_row.resize(columns + 1);
            doc.rows.push_back(title_row);
            Json jv = Json::object();
            jv["variable"] = variable->name;
            jv["type"] = type;
            // Per column: how many units have a value (the base), and the values.
            auto column_of = [&](std::size_t u, std::size_t k) {
                return k == 0 || grouping.group_of[u] == static_cast<int>(k) - 1;
            };
            if (type == "categorical" || type == "boolean") {
                std::vector<std::int64_t> base(columns, 0);
                std::set<std::string> value_set;
                for (std::size_t u = 0; u < units.size(); ++u) {
                    auto it = units[u].variables.find(variable->name);
                    if (it == units[u].variables.end()) continue;
                    value_set.insert(it->second);
                    for (std::size_t k = 0; k < columns; ++k)
                        if (column_of(u, k)) ++base[k];
                }
                std::vector<std::string> values(value_set.begin(), value_set.end());
                if (type == "boolean")
                    std::sort(values.begin(), values.end(), std::greater<>());  // true (Yes) before false (No)
                else
                    std::stable_sort(values.begin(), values.end(), natural_less);
                Json jrows = Json::array();
                for (const auto& value : values) {
                    std::vector<std::int64_t> n(columns, 0);
                    for (std::size_t u = 0; u < units.size(); ++u) {
                        auto it = units[u].variables.find(variable->name);
                        if (it == units[u].variables.end() || it->second != value) continue;
                        for (std::size_t k = 0; k < columns; ++k)
                            if (column_of(u, k)) ++n[k];
                    }
                    std::string label = type == "boolean" ? (value == "true" ? "Yes" : value == "false" ? "No" : value)
                                                          : value;
                    std::vector<Cell> row{make_cell(label, false, 1)};
                    Json jrow = Json::object();
                    jrow["value"] = value;
                    Json jgroups = Json::object();
                    for (std::size_t k = 0; k < columns; ++k) {
                        row.push_back(make_cell(base[k] == 0 ? "N/A" : count_text(n[k], base[k], decimals), true));
                        if (k == 0) jrow["total"] = count_json(n[k], base[k], decimals);
                        else jgroups[grouping.groups[k - 1]] = count_json(n[k], base[k], decimals);
                    }
                    jrow["groups"] = jgroups;
                    jrows.push_back(jrow);
                    doc.rows.push_back(row);
                }
                jv["rows"] = jrows;
            } else {
                const bool numeric = type == "numeric";
                std::vector<Stats> stats(columns);
                std::size_t unreadable = 0;
                for (std::size_t u = 0; u < units.size(); ++u) {
                    auto it = units[u].variables.find(variable->name);
                    if (it == units[u].variables.end()) continue;
                    double v = 0;
                    if (numeric && !parse_number(it->second, v)) {
                        ++unreadable;
                        continue;
                    }
                    for (std::size_t k = 0; k < columns; ++k) {
                        if (!column_of(u, k)) continue;
                        Stats& s = stats[k];
                        if (s.n == 0 || it->second < s.first) s.first = it->second;
                        if (s.n == 0 || it->second > s.last) s.last = it->second;
                        ++s.n;
                        s.sum += v;
                        s.min = std::min(s.min, v);
                        s.max = std::max(s.max, v);
                    }
                }
                if (unreadable)
                    result.warnings.push_back(fmt::format("{}: {} value(s) are not numbers; left out", variable->name,
                                                          unreadable));
                std::vector<Cell> row{make_cell(numeric ? "Mean (range)" : "Range", false, 1)};
                Json jgroups = Json::object();
                for (std::size_t k = 0; k < columns; ++k) {
                    const Stats& s = stats[k];
                    Json js = Json::object();
                    js["n"] = s.n;
                    std::string text = "N/A";
                    if (numeric) {
                        double mean = s.n ? s.sum / static_cast<double>(s.n) : 0;
                        js["mean"] = s.n ? Json(mean) : Json(nullptr);
                        js["min"] = s.n ? Json(s.min) : Json(nullptr);
                        js["max"] = s.n ? Json(s.max) : Json(nullptr);
                        if (s.n)
                            text = fmt::format("{:.1f} ({}–{})", mean, number_text(s.min), number_text(s.max));
                    } else {
                        js["min"] = s.n ? Json(s.first) : Json(nullptr);
                        js["max"] = s.n ? Json(s.last) : Json(nullptr);
                        if (s.n) text = s.first == s.last ? s.first : s.first + " – " + s.last;
                    }
                    row.push_back(make_cell(text, true));
                    if (k == 0) jv["total"] = js;
                    else jgroups[grouping.groups[k - 1]] = js;
                }
                jv["groups"] = jgroups;
                doc.rows.push_back(row);
            }
            jvars.push_back(jv);
        }
        json["variables"] = jvars;
        Json warnings = Json::array();
        for (const auto& w : result.warnings) warnings.push_back(w);
        json["warnings"] = warnings;
        result.json = std::move(json);
        result.tables.push_back(std::move(doc));
        return result;
    }
};

}  // namespace

std::unique_ptr<Analysis> make_characteristics_analysis() { return std::make_unique<Characteristics>(); }

}  // namespace framer

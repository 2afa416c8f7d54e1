// describe: who the participants were, per group — recomputed from the variables instead of typed by hand.
#include "characteristics/characteristics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

#include "core/groups.hpp"
#include "core/layout.hpp"
#include "core/lookup.hpp"
#include "core/percent.hpp"
#include "core/units.hpp"
#include "refi/text.hpp"

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

/// --values VARIABLE=V1,V2,...: the order of a variable's rows. Throws UsageError for a malformed spec, an
/// unknown variable, or a value no unit has (a typo would otherwise print a row of zeros).
std::map<std::string, std::vector<std::string>> parse_value_orders(const refi::Project& project,
                                                                   const std::vector<Unit>& units,
                                                                   const std::vector<std::string>& specs) {
    std::map<std::string, std::vector<std::string>> orders;
    for (const auto& spec : specs) {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--values '" + spec + "': expected VARIABLE=VALUE1,VALUE2,...");
        const refi::Variable& variable = resolve_variable(project, spec.substr(0, eq));
        std::set<std::string> present;
        for (const auto& u : units) {
            auto it = u.variables.find(variable.name);
            if (it != u.variables.end()) present.insert(it->second);
        }
        std::vector<std::string>& order = orders[variable.name];
        std::string list = spec.substr(eq + 1);
        for (std::size_t start = 0; start <= list.size();) {
            std::size_t comma = list.find(',', start);
            std::string value = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            while (!value.empty() && value.front() == ' ') value.erase(value.begin());
            while (!value.empty() && value.back() == ' ') value.pop_back();
            if (variable.type == refi::VariableType::Boolean) {
                std::string v = refi::ascii_lower(value);
                if (v == "yes" || v == "true" || v == "1") value = "true";
                if (v == "no" || v == "false" || v == "0") value = "false";
            }
            if (!value.empty()) {
                if (!present.count(value)) {
                    std::string known;
                    for (const auto& p : present) known += (known.empty() ? "'" : ", '") + p + "'";
                    throw UsageError("--values '" + spec + "': no unit has " + variable.name + " = '" + value +
                                     "'" + (known.empty() ? std::string(" (no unit has a value)") : " (values: " + known + ")"));
                }
                order.push_back(value);
            }
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return orders;
}

/// The footnote of a row whose base (the units with a value) differs from its column's N, e.g. "Stage of
/// treatment: of the participants with a value: Service users 37 of 48". Columns without any value show N/A
/// and need no note. Empty when every base equals its N.
std::string base_footnote(const std::string& variable, const std::vector<std::int64_t>& base,
                          const std::vector<std::int64_t>& sizes, const std::vector<std::string>& names,
                          const std::vector<std::size_t>& shown) {
    std::string parts;
    for (std::size_t k : shown)
        if (base[k] > 0 && base[k] != sizes[k])
            parts += (parts.empty() ? "" : "; ") + names[k] + " " + std::to_string(base[k]) + " of " + std::to_string(sizes[k]);
    if (parts.empty()) return {};
    return variable + ": only the participants with a value are counted (" + parts + ").";
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
        const TableLayout layout = parse_layout(options, grouping);
        const auto value_orders = parse_value_orders(project, units, options.get_all("values"));
        // Column names for footnotes (the labels a reader sees) and the columns the table shows.
        std::vector<std::string> column_names{"Total"};
        column_names.insert(column_names.end(), layout.labels.begin(), layout.labels.end());
        std::vector<std::size_t> shown;
        for (std::size_t k = layout.total ? 0 : 1; k < columns; ++k) shown.push_back(k);
        std::map<std::string, int> footnote_of_text;
        auto add_footnote = [&](Table& table, Cell& cell, const std::string& text) {
            if (text.empty()) return;
            auto [it, added] = footnote_of_text.emplace(text, static_cast<int>(table.footnotes.size()));
            if (added) table.footnotes.push_back(text);
            cell.footnotes.push_back(it->second);
        };

        std::vector<const refi::Variable*> variables;
        if (options.has("vars")) {
            for (const auto& v : options.get_all("vars")) variables.push_back(&resolve_variable(project, v));
        } else {
            for (const auto& v : project.variables)
                if (v.name != grouping.by) variables.push_back(&v);
        }

        Result result;
        result.title = !layout.title.empty() ? layout.title
                       : grouping.by.empty() ? "Participant characteristics"
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
                make_cell(group_header(layout, grouping, g), true));
        for (std::size_t k = 0; k < columns; ++k) doc.header[1].push_back(make_cell("N (%)", true));

        Json json = Json::object();
        json["unit"] = kind == UnitKind::Case ? "case" : "source";
        json["by"] = grouping.by.empty() ? Json(nullptr) : Json(grouping.by);
        Json groups = Json::array();
        for (const auto& g : grouping.groups) groups.push_back(g);
        json["groups"] = groups;
        json["units"] = units.size();
        Json jvars = Json::array();

        // The machine-readable csv: one row per variable x value x column (long form), numbers in their own
        // columns.
        Table data;
        data.name = "data";
        data.csv = true;
        data.csv_only = true;
        data.header.resize(1);
        for (const char* h : {"variable", "type", "value", "group", "n", "base", "percent", "mean", "min", "max"})
            data.header[0].push_back(make_cell(h));
        auto data_row = [&](const std::string& variable, const std::string& type, const std::string& value,
                            std::size_t k, std::vector<std::string> numbers) {
            std::vector<Cell> row{make_cell(variable), make_cell(type), make_cell(value),
                                  make_cell(k == 0 ? "Total" : grouping.groups[k - 1])};
            numbers.resize(6);
            for (auto& n : numbers) row.push_back(make_cell(std::move(n), true));
            data.rows.push_back(std::move(row));
        };

        for (const refi::Variable* variable : variables) {
            const std::string type = type_name(variable->type);
            std::vector<Cell> title_row{make_cell(variable->name, false, 0, true)};
            title_row.resize(columns + 1);
            const std::size_t title_index = doc.rows.size();
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
                std::map<std::string, std::int64_t> frequency;
                for (const auto& u : units) {
                    auto it = u.variables.find(variable->name);
                    if (it != u.variables.end()) ++frequency[it->second];
                }
                if (type == "boolean") {
                    std::sort(values.begin(), values.end(), std::greater<>());  // true (Yes) before false (No)
                } else {
                    // Most frequent first (the usual order of a Table 1), ties in natural order.
                    std::stable_sort(values.begin(), values.end(), natural_less);
                    std::stable_sort(values.begin(), values.end(), [&](const std::string& a, const std::string& b) {
                        return frequency[a] > frequency[b];
                    });
                }
                // --values: the listed values first, in the given order; the others after them as above.
                auto order = value_orders.find(variable->name);
                if (order != value_orders.end()) {
                    auto rank = [&](const std::string& v) {
                        auto it = std::find(order->second.begin(), order->second.end(), v);
                        return it - order->second.begin();
                    };
                    std::stable_sort(values.begin(), values.end(),
                                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
                }
                add_footnote(doc, doc.rows[title_index][0],
                             base_footnote(variable->name, base, grouping.sizes, column_names, shown));
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
                        row.push_back(base[k] == 0 ? make_cell("N/A", true) : count_cell(n[k], base[k], decimals));
                        data_row(variable->name, type, value, k,
                                 {std::to_string(n[k]), std::to_string(base[k]),
                                  base[k] > 0 ? percent_text(n[k], base[k], decimals) : ""});
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
                std::vector<std::int64_t> base;
                for (const auto& s : stats) base.push_back(s.n);
                add_footnote(doc, doc.rows[title_index][0],
                             base_footnote(variable->name, base, grouping.sizes, column_names, shown));
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
                        data_row(variable->name, type, "", k,
                                 {std::to_string(s.n), std::to_string(grouping.sizes[k]), "",
                                  s.n ? number_text(mean) : "", s.n ? number_text(s.min) : "",
                                  s.n ? number_text(s.max) : ""});
                    } else {
                        js["min"] = s.n ? Json(s.first) : Json(nullptr);
                        js["max"] = s.n ? Json(s.last) : Json(nullptr);
                        if (s.n) text = s.first == s.last ? s.first : s.first + " – " + s.last;
                        data_row(variable->name, type, "", k,
                                 {std::to_string(s.n), std::to_string(grouping.sizes[k]), "", "", s.first, s.last});
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
        if (!layout.total) drop_column(doc, 1);
        result.tables.push_back(std::move(doc));
        result.tables.push_back(std::move(data));
        return result;
    }
};

}  // namespace

std::unique_ptr<Analysis> make_characteristics_analysis() { return std::make_unique<Characteristics>(); }

}  // namespace framer

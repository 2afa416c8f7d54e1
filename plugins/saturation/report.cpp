// The report: every figure beside its denominator (the base's codes), the order and the level stated, both
// rules' verdicts in words, and the data of the curve in a table for formats that cannot draw it.
#include "saturation/report.hpp"

#include <fmt/format.h>

#include <cmath>

namespace framer::saturation {
namespace {

Cell text(std::string t) {
    Cell c;
    c.text = std::move(t);
    return c;
}

Cell number(std::size_t n) {
    Cell c;
    c.text = std::to_string(n);
    c.numeric = true;
    return c;
}

const char* unit_word(UnitKind kind) { return kind == UnitKind::Case ? "case" : "source"; }
const char* code_word(Level level) { return level == Level::Code ? "code" : "theme"; }

std::string plural(std::size_t n, const std::string& word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string unit_name(const ReportInput& in, const Sequence& s, std::size_t position) {
    return in.units[s.units[position]].name;
}

std::string run_units(const ReportInput& in, const Sequence& s, const Run& r) {
    std::vector<std::string> names;
    for (std::size_t p = r.first; p < r.first + r.length; ++p) names.push_back(unit_name(in, s, p));
    return join(names, ", ");
}

std::string parameters_text(const Parameters& p) {
    return fmt::format("base {}, run {}, \u2264{}", p.base, p.run, percent(p.threshold));
}

std::string notation(const Guest& g) { return fmt::format("{}+{}", *g.saturated_after, g.run); }

/// The role of a position in Guest's rule, for the per-unit table and the curve's marks.
std::string role(const Sequence& s, std::size_t position) {
    const Guest& g = s.guest;
    if (g.too_few_units) return "";
    if (position < g.base) return "base";
    if (g.confirming) {
        const Run& r = g.runs[*g.confirming];
        if (position >= r.first && position < r.first + r.length) return "confirming run";
    }
    return "";
}

std::string group_title(const ReportInput& in, const Sequence& s) {
    return s.group.empty() ? std::string("All ") + unit_word(in.kind) + "s" : in.by + " = " + s.group;
}

std::string order_column(const ReportInput& in) {
    switch (in.ordering.kind) {
        case Ordering::Kind::Variable: return in.ordering.variable;
        case Ordering::Kind::SourceDate: return "Source created";
        case Ordering::Kind::Name: break;
    }
    return "";
}

std::vector<std::string> names_of(const ReportInput& in, const std::vector<int>& ids, bool paths) {
    std::vector<std::string> out;
    for (int id : ids) {
        if (!paths) {
            out.push_back(in.tree.code(id).name);
            continue;
        }
        // " > ", not CodeTree's "/": code names contain slashes ("Managing ending/ continuity of care").
        std::string path;
        for (int c : in.tree.path(id)) path += (path.empty() ? "" : " > ") + in.tree.code(c).name;
        out.push_back(std::move(path));
    }
    return out;
}

Json sequence_json(const ReportInput& in, const Sequence& s) {
    Json j = Json::object();
    j["units"] = Json::array();
    for (std::size_t p = 0; p < s.units.size(); ++p) {
        Json u = Json::object();
        u["position"] = p + 1;
        u["unit"] = unit_name(in, s, p);
        u["value"] = s.keys[p].empty() ? Json(nullptr) : Json(s.keys[p]);
        u["new_codes"] = s.new_counts[p];
        Json names = Json::array(), paths = Json::array();
        for (const auto& n : names_of(in, s.new_codes[p], false)) names.push_back(n);
        for (const auto& n : names_of(in, s.new_codes[p], true)) paths.push_back(n);
        u["codes"] = names;
        u["paths"] = paths;
        u["cumulative"] = s.cumulative[p];
        j["units"].push_back(u);
    }
    j["window"] = s.window.k;
    j["saturated"] = s.window.holds;
    j["window_first_held_after"] = s.window.first_held_after ? Json(*s.window.first_held_after) : Json(nullptr);
    j["last_new_after"] = s.window.last_new ? Json(*s.window.last_new) : Json(nullptr);
    const Guest& g = s.guest;
    Json guest = Json::object();
    guest["base"] = g.base;
    guest["run"] = g.run;
    guest["threshold"] = g.threshold;
    guest["base_codes"] = g.base_codes;
    guest["too_few_units"] = g.too_few_units;
    guest["empty_base"] = g.empty_base;
    guest["runs"] = Json::array();
    for (const auto& r : g.runs) {
        Json run = Json::object();
        Json names = Json::array();
        for (std::size_t p = r.first; p < r.first + r.length; ++p) names.push_back(unit_name(in, s, p));
        run["units"] = names;
        run["first"] = r.first + 1;
        run["new"] = r.new_codes;
        run["ratio"] = r.ratio;
        run["at_or_under"] = r.at_or_under;
        guest["runs"].push_back(run);
    }
    guest["saturated"] = g.saturated_after.has_value();
    guest["saturated_after"] = g.saturated_after ? Json(*g.saturated_after) : Json(nullptr);
    guest["notation"] = g.saturated_after ? Json(notation(g)) : Json(nullptr);
    guest["verdict"] = guest_sentence(in, s);
    j["guest"] = guest;
    return j;
}

}  // namespace

std::string percent(double ratio) {
    const double tenths = std::round(ratio * 1000) / 10;
    if (tenths == std::floor(tenths)) return fmt::format("{}%", static_cast<long long>(tenths));
    return fmt::format("{:.1f}%", tenths);
}

std::string guest_sentence(const ReportInput& in, const Sequence& s) {
    const Guest& g = s.guest;
    const std::string params = parameters_text(in.parameters);
    const std::string units = std::string(unit_word(in.kind)) + "s";
    if (g.too_few_units)
        return fmt::format("Guest et al. 2020 ({}): not assessed: {} {}, fewer than base + run = {}", params,
                           s.units.size(), units, g.base + g.run);
    if (g.empty_base)
        return fmt::format("Guest et al. 2020 ({}): not assessed: the base (the first {}) has no {}s to divide by",
                           params, plural(g.base, unit_word(in.kind)), code_word(in.level));
    if (g.confirming) {
        const Run& r = g.runs[*g.confirming];
        return fmt::format("Guest et al. 2020 ({}): saturated at {}: saturated after {}; the run {} ({}) added {} "
                           "new {}(s), {} of the {} base {}s", params, notation(g),
                           plural(*g.saturated_after, unit_word(in.kind)), r.first + 1 == r.first + r.length
                               ? std::to_string(r.first + 1)
                               : fmt::format("{}\u2013{}", r.first + 1, r.first + r.length),
                           run_units(in, s, r), r.new_codes, code_word(in.level), percent(r.ratio), g.base_codes,
                           code_word(in.level));
    }
    std::size_t lowest = 0;
    for (std::size_t i = 1; i < g.runs.size(); ++i)
        if (g.runs[i].new_codes < g.runs[lowest].new_codes) lowest = i;
    const Run& r = g.runs[lowest];
    return fmt::format("Guest et al. 2020 ({}): not saturated: no run of {} added {} or less of the {} base {}s "
                       "(lowest: {}, {})", params, plural(g.run, unit_word(in.kind)), percent(g.threshold),
                       g.base_codes, code_word(in.level), percent(r.ratio), run_units(in, s, r));
}

std::string window_sentence(const ReportInput& in, const Sequence& s) {
    const Window& w = s.window;
    const std::string head = fmt::format("The last {} introduced nothing new", plural(w.k, unit_word(in.kind)));
    if (s.units.size() < w.k)
        return fmt::format("{}: not assessed: only {}", head, plural(s.units.size(), unit_word(in.kind)));
    if (w.holds)
        return fmt::format("{}: yes; first held after {} ({}); the last new {} came from {} ({} {})", head,
                           plural(*w.first_held_after, unit_word(in.kind)),
                           unit_name(in, s, *w.first_held_after - 1), code_word(in.level),
                           unit_name(in, s, *w.last_new - 1), unit_word(in.kind), *w.last_new);
    std::string out = fmt::format("{}: no; {} ({} {}) added {} new {}(s)", head, unit_name(in, s, *w.last_new - 1),
                                  unit_word(in.kind), *w.last_new, s.new_counts[*w.last_new - 1],
                                  code_word(in.level));
    if (w.first_held_after)
        out += fmt::format("; {} in a row without anything new first happened after {} ({})", w.k,
                           plural(*w.first_held_after, unit_word(in.kind)), unit_name(in, s, *w.first_held_after - 1));
    return out;
}

Result build_report(const ReportInput& in) {
    Result result;
    const bool grouped = !in.by.empty();
    const std::string units = std::string(unit_word(in.kind)) + "s";
    result.title = grouped ? "Saturation by " + in.by : "Saturation";
    result.notes.push_back(fmt::format("{} {} with codings in interview order: {}.", in.sequences.front().units.size(),
                                       units, in.ordering.description));
    result.notes.push_back(in.level == Level::Code
                               ? "Level: codes, each as coded (a new code is one not coded in an earlier unit)."
                               : "Level: themes (a code without children counts as the code above it, unless that is "
                                 "a non-codable domain).");
    if (!in.coder.empty()) result.notes.back() += " Codings by " + in.coder + " only.";
    for (const auto& s : in.sequences) {
        const std::string prefix = grouped ? group_title(in, s) + ": " : "";
        result.notes.push_back(prefix + guest_sentence(in, s) + ".");
        result.notes.push_back(prefix + window_sentence(in, s) + ".");
    }
    for (const auto& w : in.warnings) {
        result.notes.push_back(w + ".");
        result.warnings.push_back(w);
    }
    result.notes.push_back("Code saturation only: whether the meaning of the codes is saturated is a separate question "
                           "(see docs/saturation.md).");

    // The stopping rules, one row per sequence.
    Table summary;
    summary.name = "Stopping rules";
    summary.header = {{text(grouped ? in.by : ""), text(fmt::format("{} with codings", in.kind == UnitKind::Case ? "Cases" : "Sources")),
                       text(in.level == Level::Code ? "Codes" : "Themes"),
                       text(fmt::format("Last {} nothing new", in.parameters.window)), text("First held after"),
                       text(fmt::format("Guest ({})", parameters_text(in.parameters))), text("Base codes"),
                       text("Saturated after")}};
    if (!grouped) summary.header[0][0].text = "";
    for (const auto& s : in.sequences) {
        const Guest& g = s.guest;
        std::string guest = g.too_few_units ? "too few units"
                            : g.empty_base  ? "empty base"
                            : g.confirming  ? notation(g)
                                            : "not saturated";
        summary.rows.push_back({text(group_title(in, s)), number(s.units.size()),
                                number(s.cumulative.empty() ? 0 : s.cumulative.back()),
                                text(s.units.size() < s.window.k ? "too few units" : s.window.holds ? "yes" : "no"),
                                s.window.first_held_after ? number(*s.window.first_held_after) : text("\u2013"),
                                text(guest), g.too_few_units ? text("\u2013") : number(g.base_codes),
                                g.saturated_after ? number(*g.saturated_after) : text("\u2013")});
    }
    result.tables.push_back(std::move(summary));

    // Per unit: what it added (the curve's data).
    const std::string order = order_column(in);
    Table per_unit;
    per_unit.name = "Units in interview order";
    per_unit.frozen_columns = grouped ? 3 : 2;
    std::vector<Cell> head;
    if (grouped) head.push_back(text(in.by));
    head.push_back(text("#"));
    head.push_back(text(in.kind == UnitKind::Case ? "Case" : "Source"));
    if (!order.empty()) head.push_back(text(order));
    for (const char* h : {"New", "Cumulative"}) head.push_back(text(h));
    head.push_back(text(fmt::format("New {}s", code_word(in.level))));
    head.push_back(text("Guest"));
    per_unit.header = {head};
    Table csv;
    csv.name = "Units in interview order (csv)";
    csv.csv = csv.csv_only = true;
    std::vector<Cell> csv_head;
    if (grouped) csv_head.push_back(text("group"));
    for (const char* h : {"position", "unit", "order_value", "new_codes", "cumulative", "codes", "guest"})
        csv_head.push_back(text(h));
    csv.header = {csv_head};
    for (std::size_t q = grouped ? 1 : 0; q < in.sequences.size(); ++q) {
        const Sequence& s = in.sequences[q];
        for (std::size_t p = 0; p < s.units.size(); ++p) {
            std::vector<Cell> row, line;
            if (grouped) {
                row.push_back(text(s.group));
                line.push_back(text(s.group));
            }
            row.push_back(number(p + 1));
            row.push_back(text(unit_name(in, s, p)));
            if (!order.empty()) row.push_back(text(s.keys[p].empty() ? "(none)" : s.keys[p]));
            row.push_back(number(s.new_counts[p]));
            row.push_back(number(s.cumulative[p]));
            Cell names = text(join(names_of(in, s.new_codes[p], false), "; "));
            names.wrap = true;
            row.push_back(names);
            row.push_back(text(role(s, p)));
            per_unit.rows.push_back(std::move(row));
            for (auto c : {number(p + 1), text(unit_name(in, s, p)), text(s.keys[p]), number(s.new_counts[p]),
                           number(s.cumulative[p]), text(join(names_of(in, s.new_codes[p], true), "; ")),
                           text(role(s, p))})
                line.push_back(std::move(c));
            csv.rows.push_back(std::move(line));
        }
    }
    per_unit.column_widths.assign(per_unit.header[0].size(), 12);
    per_unit.column_widths[per_unit.header[0].size() - 2] = 60;
    result.tables.push_back(std::move(per_unit));

    // Guest's runs.
    Table runs;
    runs.name = fmt::format("Guest, Namey & Chen 2020 runs ({})", parameters_text(in.parameters));
    std::vector<Cell> run_head;
    if (grouped) run_head.push_back(text(in.by));
    for (const char* h : {"Run", "Units", "New", "Base codes", "Ratio"}) run_head.push_back(text(h));
    run_head.push_back(text("\u2264" + percent(in.parameters.threshold)));
    runs.header = {run_head};
    for (std::size_t q = grouped ? 1 : 0; q < in.sequences.size(); ++q) {
        const Sequence& s = in.sequences[q];
        for (std::size_t i = 0; i < s.guest.runs.size(); ++i) {
            const Run& r = s.guest.runs[i];
            std::vector<Cell> row;
            if (grouped) row.push_back(text(s.group));
            row.push_back(text(fmt::format("{}\u2013{}", r.first + 1, r.first + r.length)));
            row.push_back(text(run_units(in, s, r)));
            row.push_back(number(r.new_codes));
            row.push_back(number(s.guest.base_codes));
            Cell ratio = text(percent(r.ratio));
            ratio.numeric = true;
            row.push_back(ratio);
            row.push_back(text(r.at_or_under ? (s.guest.confirming == i ? "yes: saturated" : "yes") : "no"));
            if (s.guest.confirming == i)
                for (auto& c : row) c.bold = true;
            runs.rows.push_back(std::move(row));
        }
    }
    if (!runs.rows.empty()) result.tables.push_back(std::move(runs));
    result.tables.push_back(std::move(csv));

    // The saturation curve, one figure per sequence.
    for (const auto& s : in.sequences) {
        Figure f;
        f.title = "Saturation curve: " + group_title(in, s);
        f.x_label = fmt::format("{} in interview order ({})", in.kind == UnitKind::Case ? "Cases" : "Sources", in.ordering.spec == "name"
                                                                        ? std::string("by name")
                                                                        : "by " + in.ordering.spec);
        f.y_label = in.level == Level::Code ? "Codes" : "Themes";
        Series cumulative{in.level == Level::Code ? "Cumulative codes" : "Cumulative themes", Series::Style::Line, {}};
        Series fresh{in.level == Level::Code ? "New codes" : "New themes", Series::Style::Bars, {}};
        for (std::size_t p = 0; p < s.units.size(); ++p) {
            f.categories.push_back(unit_name(in, s, p));
            cumulative.values.push_back(static_cast<double>(s.cumulative[p]));
            fresh.values.push_back(static_cast<double>(s.new_counts[p]));
        }
        f.series = {cumulative, fresh};
        const Guest& g = s.guest;
        if (!g.too_few_units) f.marks.push_back({fmt::format("base ({})", g.base), 0, g.base - 1});
        if (g.confirming) {
            const Run& r = g.runs[*g.confirming];
            f.marks.push_back({fmt::format("confirming run ({})", notation(g)), r.first, r.first + r.length - 1});
        }
        // Short enough for one line under the plot; the notes carry the full sentences.
        const std::string verdict = g.too_few_units ? "not assessed (too few units)"
                                    : g.empty_base  ? "not assessed (empty base)"
                                    : g.confirming  ? fmt::format("saturated at {} (after {})", notation(g),
                                                                  plural(*g.saturated_after, unit_word(in.kind)))
                                                    : std::string("not saturated");
        f.caption = fmt::format("Guest et al. 2020 ({}): {}. Last {} nothing new: {}.",
                                parameters_text(in.parameters), verdict,
                                plural(in.parameters.window, unit_word(in.kind)),
                                s.units.size() < s.window.k ? "not assessed" : s.window.holds ? "yes" : "no");
        result.figures.push_back(std::move(f));
    }

    // json: the issue's shape for all units, with the groups beside it.
    Json j = Json::object();
    j["title"] = result.title;
    j["notes"] = Json::array();
    for (const auto& n : result.notes) j["notes"].push_back(n);
    j["order"] = in.ordering.spec;
    j["order_description"] = in.ordering.description;
    j["level"] = code_word(in.level);
    j["unit"] = unit_word(in.kind);
    j["coder"] = in.coder.empty() ? Json(nullptr) : Json(in.coder);
    Json all = sequence_json(in, in.sequences.front());
    for (const auto& [key, value] : all.as_object()) j[key] = value;
    Json left = Json::array();
    for (const auto& n : in.left_out) left.push_back(n);
    j["left_out"] = left;
    if (grouped) {
        j["by"] = in.by;
        j["groups"] = Json::array();
        for (std::size_t q = 1; q < in.sequences.size(); ++q) {
            Json g = Json::object();
            g["group"] = in.sequences[q].group;
            const Json fields = sequence_json(in, in.sequences[q]);  // named: a temporary would die before the loop
            for (const auto& [key, value] : fields.as_object()) g[key] = value;
            j["groups"].push_back(g);
        }
    }
    result.json = std::move(j);
    return result;
}

}  // namespace framer::saturation

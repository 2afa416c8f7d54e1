// Units of analysis: who counts as one participant, and where their variables come from. tabulate, describe
// and chart all go through here so a participant is the same thing in every table.
#include "core/units.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/plugin.hpp"
#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer {

bool is_generated_summary_source(const refi::Source& source) {
    return source.kind == refi::SourceKind::Text && source.description &&
           source.description->rfind(k_generated_summary_marker, 0) == 0;
}

std::string source_display_name(const refi::Source& source) {
    if (source.name && !source.name->empty()) return *source.name;
    // currentPath records where the file came from, so its name is the one the researcher gave it; the stored
    // paths come next (qc writes a bare "board_2017.txt"; QualCoder's internal files are named by a GUID, which
    // still beats nothing only when no better path exists).
    for (const auto* uri : {&source.current_path, &source.path, &source.plain_text_path, &source.rich_text_path}) {
        if (!*uri || (*uri)->empty()) continue;
        std::string path = refi::resolve_path(**uri).path;
        auto slash = path.find_last_of("/\\");
        std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
        if (!base.empty()) return base;
    }
    return source.guid;
}

UnitKind choose_unit_kind(const refi::Project& project, const std::string& requested) {
    if (requested == "case" || requested == "cases") return UnitKind::Case;
    if (requested == "source" || requested == "sources") return UnitKind::Source;
    if (!requested.empty())
        throw UsageError("unknown unit '" + requested + "' (use case or source)");
    for (const auto& c : project.cases)
        if (!c.source_refs.empty() || !c.selection_refs.empty()) return UnitKind::Case;
    return UnitKind::Source;
}

namespace {

/// The value as a reader sees it; xsd:boolean has two spellings per value and a table must not split them.
std::string value_text(const refi::VariableValue& v) {
    if (v.kind == refi::VariableType::Boolean) {
        if (v.value == "1" || v.value == "true") return "true";
        if (v.value == "0" || v.value == "false") return "false";
    }
    return v.value;
}

/// Adds the values of `values` to `into`; with `overwrite` false, values already there win.
void add_variables(const std::vector<refi::VariableValue>& values, const refi::ProjectIndex& index,
                   std::map<std::string, std::string>& into, bool overwrite) {
    for (const auto& v : values) {
        if (!v.kind) continue;  // a VariableValue without a value element says nothing
        const refi::Variable* variable = index.find_variable(v.variable.target);
        if (!variable) continue;  // dangling: validate reports it
        if (overwrite)
            into[variable->name] = value_text(v);
        else
            into.emplace(variable->name, value_text(v));
    }
}

/// The sources a case covers: its SourceRefs, then the sources of its SelectionRefs, each once, in that order.
std::vector<const refi::Source*> sources_of_case(const refi::Case& c, const refi::ProjectIndex& index) {
    std::vector<const refi::Source*> out;
    auto add = [&](const refi::Source* s) {
        if (s && !is_generated_summary_source(*s) && std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    };
    for (const auto& ref : c.source_refs) add(index.find_source(ref.target));
    for (const auto& ref : c.selection_refs) add(index.source_of_selection(ref.target));
    return out;
}

bool is_nameless(const refi::Case& c) { return !c.name || c.name->empty(); }

}  // namespace

std::vector<Unit> build_units(const refi::Project& project, const refi::ProjectIndex& index, UnitKind kind) {
    std::vector<Unit> units;
    if (kind == UnitKind::Case) {
        units.reserve(project.cases.size());
        for (const auto& c : project.cases) {
            Unit u;
            u.kind = UnitKind::Case;
            u.guid = c.guid;
            u.the_case = &c;
            u.sources = sources_of_case(c, index);
            add_variables(c.variable_values, index, u.variables, true);
            // A case of exactly one source is that source's participant: MAXQDA keeps the variables on the
            // source while also writing the case, so the source's values fill the gaps.
            if (u.sources.size() == 1) add_variables(u.sources.front()->variable_values, index, u.variables, false);
            if (!is_nameless(c))
                u.name = *c.name;
            else if (u.sources.size() == 1)
                u.name = source_display_name(*u.sources.front());
            else
                u.name = c.guid;
            units.push_back(std::move(u));
        }
    } else {
        // Quirkos and some MAXQDA versions keep a source's variables on a nameless case wrapping only it.
        std::map<std::string, const refi::Case*> wrapper_of;  // normalised source GUID -> nameless case
        for (const auto& c : project.cases) {
            if (!is_nameless(c)) continue;
            auto sources = sources_of_case(c, index);
            if (sources.size() == 1) wrapper_of.emplace(refi::normalize_guid(sources.front()->guid), &c);
        }
        units.reserve(project.sources.size());
        for (const auto& s : project.sources) {
            if (is_generated_summary_source(s)) continue;
            Unit u;
            u.kind = UnitKind::Source;
            u.guid = s.guid;
            u.name = source_display_name(s);
            u.sources = {&s};
            add_variables(s.variable_values, index, u.variables, true);
            auto it = wrapper_of.find(refi::normalize_guid(s.guid));
            if (it != wrapper_of.end()) add_variables(it->second->variable_values, index, u.variables, false);
            units.push_back(std::move(u));
        }
    }
    std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) { return natural_less(a.name, b.name); });
    return units;
}

std::vector<Unit> build_units(const refi::Project& project, UnitKind kind) {
    return build_units(project, refi::ProjectIndex(project), kind);
}

namespace {

int compare_natural(const std::string& a, const std::string& b, bool fold_case) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        unsigned char ca = static_cast<unsigned char>(a[i]), cb = static_cast<unsigned char>(b[j]);
        if (std::isdigit(ca) && std::isdigit(cb)) {
            // Compare digit runs by value: skip leading zeros, then longer run = larger, then digit by digit.
            std::size_t si = i, sj = j;
            while (si < a.size() && a[si] == '0') ++si;
            while (sj < b.size() && b[sj] == '0') ++sj;
            std::size_t ei = si, ej = sj;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
            if (ei - si != ej - sj) return ei - si < ej - sj ? -1 : 1;
            int c = a.compare(si, ei - si, b, sj, ej - sj);
            if (c != 0) return c < 0 ? -1 : 1;
            i = ei;
            j = ej;
            continue;
        }
        if (fold_case) {
            ca = static_cast<unsigned char>(std::tolower(ca));
            cb = static_cast<unsigned char>(std::tolower(cb));
        }
        if (ca != cb) return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size()) return 1;
    if (j < b.size()) return -1;
    return 0;
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours ("Theem").
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

}  // namespace

bool natural_less(const std::string& a, const std::string& b) {
    int c = compare_natural(a, b, true);
    if (c != 0) return c < 0;
    // Equal ignoring case and zeros: fall back to bytes so the order is total and stable.
    return a < b;
}

std::vector<std::string> near_matches(const std::string& wanted, const std::vector<std::string>& candidates) {
    const std::string w = refi::ascii_lower(wanted);
    // Allow about one typo per four characters, at least one.
    const std::size_t limit = std::max<std::size_t>(1, w.size() / 4);
    std::vector<std::pair<std::size_t, std::string>> scored;
    std::set<std::string> seen;
    for (const auto& candidate : candidates) {
        if (!seen.insert(candidate).second) continue;
        std::string c = refi::ascii_lower(candidate);
        std::size_t score;
        if (!w.empty() && (c.rfind(w, 0) == 0 || w.rfind(c, 0) == 0))
            score = 0;  // a prefix either way: "Ther" for "Therapist"
        else if (std::size_t d = edit_distance(w, c); d <= limit)
            score = d;
        else if (w.size() >= 3 && c.find(w) != std::string::npos)
            score = limit + 1;  // a word inside a longer name
        else
            continue;
        scored.emplace_back(score, candidate);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (const auto& [score, name] : scored) {
        if (out.size() == 5) break;
        out.push_back(name);
    }
    return out;
}

std::string did_you_mean(const std::string& wanted, const std::vector<std::string>& candidates,
                         const std::string& before, const std::string& after) {
    std::string names;
    for (const auto& name : near_matches(wanted, candidates)) names += (names.empty() ? "" : ", ") + before + name + after;
    return names.empty() ? std::string() : " (did you mean " + names + "?)";
}

}  // namespace framer

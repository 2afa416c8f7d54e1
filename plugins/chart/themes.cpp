// Theme selection for the chart: defaults, --theme lookup (name, path or GUID) and --flat.
#include "chart/themes.hpp"

#include <fmt/format.h>

#include "core/plugin.hpp"
#include "core/units.hpp"
#include "refi/guid.hpp"

namespace framer::chart {

namespace {

std::string path_text(const Lookup& index, const refi::Code& code) {
    std::string s;
    for (const auto* c : index.path_of(code)) s += (s.empty() ? "" : "/") + c->name;
    return s;
}

std::vector<std::string> split_path(const std::string& spec) {
    // Accept "A/B", "A > B", "A::B" (ATLAS.ti's flattened names use "::").
    std::vector<std::string> parts;
    std::string cur;
    auto flush = [&] {
        auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
        parts.push_back(b == std::string::npos ? "" : cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] == '/' || spec[i] == '>') { flush(); continue; }
        if (spec[i] == ':' && i + 1 < spec.size() && spec[i + 1] == ':') { flush(); ++i; continue; }
        cur += spec[i];
    }
    flush();
    return parts;
}

void add_subtree(Theme& theme, const refi::Code& code, int column) {
    theme.column_of[refi::normalize_guid(code.guid)] = column;
    for (const auto& child : code.children) add_subtree(theme, child, column);
}

bool is_leaf(const refi::Code& c) { return c.children.empty(); }

}  // namespace

const refi::Code& resolve_code(const Lookup& index, const std::string& spec) {
    if (refi::is_valid_guid(spec))
        if (const auto* c = index.find_code(spec)) return *c;
    const auto& codes = index.codes_in_order();
    std::vector<const refi::Code*> by_path, by_name;
    auto wanted = split_path(spec);
    for (const auto* c : codes) {
        auto path = index.path_of(*c);
        if (wanted.size() > 1 && path.size() == wanted.size()) {
            bool same = true;
            for (std::size_t i = 0; i < path.size() && same; ++i) same = path[i]->name == wanted[i];
            if (same) by_path.push_back(c);
        }
        if (c->name == spec) by_name.push_back(c);
    }
    const auto& hits = !by_name.empty() ? by_name : by_path;
    if (hits.size() == 1) return *hits.front();
    if (hits.size() > 1) {
        std::string list;
        for (const auto* c : hits) list += (list.empty() ? "" : ", ") + path_text(index, *c);
        throw UsageError(fmt::format("code '{}' is ambiguous: {} (give the path or the GUID)", spec, list));
    }
    std::vector<std::string> names;
    for (const auto* c : codes) names.push_back(path_text(index, *c));
    for (const auto* c : codes) names.push_back(c->name);
    auto near = near_matches(spec, names);
    std::string hint = near.empty() ? "" : " (did you mean: " + fmt::format("{}", fmt::join(near, ", ")) + "?)";
    throw UsageError(fmt::format("unknown code '{}'{}", spec, hint));
}

static Theme make_theme(const refi::Code& code, const std::unordered_map<std::string, bool>& directly_coded) {
    Theme t;
    t.code = &code;
    if (code.children.empty()) {
        t.columns.push_back({&code, false});
        add_subtree(t, code, 0);
        return t;
    }
    // Codings on the theme itself would otherwise fall out of every column; they get a column of their own.
    if (directly_coded.count(refi::normalize_guid(code.guid))) {
        t.columns.push_back({&code, true});
        t.column_of[refi::normalize_guid(code.guid)] = 0;
    }
    for (const auto& child : code.children) {
        add_subtree(t, child, static_cast<int>(t.columns.size()));
        t.columns.push_back({&child, false});
    }
    return t;
}

std::vector<Theme> choose_themes(const Lookup& index, const std::vector<std::string>& specs, bool flat,
                                 const std::unordered_map<std::string, bool>& directly_coded) {
    std::vector<Theme> themes;
    if (!flat) {
        if (!specs.empty()) {
            for (const auto& spec : specs) themes.push_back(make_theme(resolve_code(index, spec), directly_coded));
            return themes;
        }
        for (const auto* c : index.codes_in_order()) {
            if (c->children.empty()) continue;
            bool all_leaves = true;
            for (const auto& child : c->children) all_leaves = all_leaves && is_leaf(child);
            if (all_leaves) themes.push_back(make_theme(*c, directly_coded));
        }
        if (!themes.empty()) return themes;
    }
    Theme all;
    for (const auto* c : index.codes_in_order()) {
        if (!is_leaf(*c)) continue;
        all.column_of[refi::normalize_guid(c->guid)] = static_cast<int>(all.columns.size());
        all.columns.push_back({c, false});
    }
    themes.push_back(std::move(all));
    return themes;
}

}  // namespace framer::chart

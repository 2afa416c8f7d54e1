// Theme selection for the chart: defaults, --theme (resolved as every analysis resolves codes) and --flat.
#include "chart/themes.hpp"

#include "core/lookup.hpp"
#include "refi/guid.hpp"

namespace framer::chart {

namespace {

void add_subtree(Theme& theme, const refi::Code& code, int column) {
    theme.column_of[refi::normalize_guid(code.guid)] = column;
    for (const auto& child : code.children) add_subtree(theme, child, column);
}

bool is_leaf(const refi::Code& c) { return c.children.empty(); }

}  // namespace

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

std::vector<Theme> choose_themes(const refi::Project& project, const refi::ProjectIndex& index,
                                 const std::vector<std::string>& specs, bool flat,
                                 const std::unordered_map<std::string, bool>& directly_coded) {
    std::vector<Theme> themes;
    if (!flat) {
        if (!specs.empty()) {
            for (const auto& spec : specs) themes.push_back(make_theme(resolve_code(project, spec), directly_coded));
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

// Theme selection for the chart: defaults that leave no coding out, --theme (resolved as every analysis resolves
// codes) and --flat; and the count of codings a choice leaves out, for the chart's notes.
#include "chart/themes.hpp"

#include <set>
#include <tuple>

#include "core/lookup.hpp"
#include "refi/guid.hpp"

namespace framer::chart {

namespace {

constexpr const char* k_all_codes = "All codes";
constexpr const char* k_top_level = "Top-level codes";

void add_subtree(Theme& theme, const refi::Code& code, int column) {
    theme.column_of[refi::normalize_guid(code.guid)] = column;
    for (const auto& child : code.children) add_subtree(theme, child, column);
}

bool is_leaf(const refi::Code& c) { return c.children.empty(); }

void add_column(Theme& theme, const refi::Code& code, bool self) {
    theme.column_of[refi::normalize_guid(code.guid)] = static_cast<int>(theme.columns.size());
    theme.columns.push_back({&code, self});
}

Theme make_theme(const refi::Code& code, const std::unordered_map<std::string, bool>& directly_coded) {
    Theme t;
    t.code = &code;
    if (code.children.empty()) {
        add_column(t, code, false);
        return t;
    }
    // Codings on the theme itself would otherwise fall out of every column; they get a column of their own.
    if (directly_coded.count(refi::normalize_guid(code.guid))) add_column(t, code, true);
    for (const auto& child : code.children) {
        add_subtree(t, child, static_cast<int>(t.columns.size()));
        t.columns.push_back({&child, false});
    }
    return t;
}

}  // namespace

std::vector<Theme> choose_themes(const refi::Project& project, const refi::ProjectIndex& index,
                                 const std::vector<std::string>& specs, bool flat,
                                 const std::unordered_map<std::string, bool>& directly_coded) {
    std::vector<Theme> themes;
    if (flat) {
        Theme all;
        all.name = k_all_codes;
        for (const auto* c : index.codes_in_order()) {
            if (is_leaf(*c))
                add_column(all, *c, false);
            else if (directly_coded.count(refi::normalize_guid(c->guid)))
                add_column(all, *c, true);
        }
        themes.push_back(std::move(all));
        return themes;
    }
    if (!specs.empty()) {
        for (const auto& spec : specs) themes.push_back(make_theme(resolve_code(project, spec), directly_coded));
        return themes;
    }
    for (const auto* c : index.codes_in_order())
        if (!is_leaf(*c)) themes.push_back(make_theme(*c, directly_coded));
    Theme top;
    top.name = themes.empty() ? k_all_codes : k_top_level;
    for (const auto& c : project.codes)
        if (is_leaf(c)) add_column(top, c, false);
    if (!top.columns.empty() || themes.empty()) themes.push_back(std::move(top));
    return themes;
}

std::size_t uncharted_codings(const std::vector<Theme>& themes, const std::vector<std::vector<Excerpt>>& excerpts) {
    // Code keys are interned: each distinct code is looked up in the themes once, not once per coding.
    std::unordered_map<const std::string*, bool> charted;
    std::set<std::tuple<const void*, const std::string*, const std::string*>> left_out;
    for (const auto& unit : excerpts)
        for (const auto& e : unit) {
            auto [it, fresh] = charted.emplace(e.code_key, false);
            if (fresh)
                for (const auto& t : themes) it->second = it->second || t.column_of.count(*e.code_key) != 0;
            if (!it->second) left_out.emplace(e.dedupe_key, e.code_key, e.coder);
        }
    return left_out.size();
}

}  // namespace framer::chart

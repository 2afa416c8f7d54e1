// Grouping units by a variable's values; shared so tabulate and describe agree on columns and their order.
#include "core/groups.hpp"

#include <algorithm>
#include <set>

#include "core/lookup.hpp"

namespace framer {

Grouping group_units(const refi::Project& project, const std::vector<Unit>& units, const std::string& by) {
    Grouping g;
    g.group_of.assign(units.size(), -1);
    if (!by.empty()) {
        g.by = resolve_variable(project, by).name;
        std::set<std::string> values;
        bool missing = false;
        for (const auto& u : units) {
            auto it = u.variables.find(g.by);
            if (it != u.variables.end()) values.insert(it->second);
            else missing = true;
        }
        g.groups.assign(values.begin(), values.end());
        std::stable_sort(g.groups.begin(), g.groups.end(), natural_less);
        if (missing) g.groups.push_back(no_value_group);
        for (std::size_t u = 0; u < units.size(); ++u) {
            auto it = units[u].variables.find(g.by);
            const std::string value = it == units[u].variables.end() ? std::string(no_value_group) : it->second;
            g.group_of[u] = static_cast<int>(std::find(g.groups.begin(), g.groups.end(), value) - g.groups.begin());
        }
    }
    g.sizes.assign(g.groups.size() + 1, 0);
    for (std::size_t u = 0; u < units.size(); ++u) {
        ++g.sizes[0];
        if (g.group_of[u] >= 0) ++g.sizes[static_cast<std::size_t>(g.group_of[u]) + 1];
    }
    return g;
}

}  // namespace framer

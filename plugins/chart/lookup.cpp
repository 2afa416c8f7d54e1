// Light GUID lookups for the chart (first element wins on a duplicate GUID, as in refi::ProjectIndex).
#include "chart/lookup.hpp"

#include "refi/guid.hpp"

namespace framer::chart {

namespace {
void add_codes(const std::vector<refi::Code>& codes, const refi::Code* parent,
               std::unordered_map<std::string, const refi::Code*>& by_guid,
               std::unordered_map<const refi::Code*, const refi::Code*>& parents, std::vector<const refi::Code*>& order) {
    for (const auto& c : codes) {
        by_guid.emplace(refi::normalize_guid(c.guid), &c);
        parents.emplace(&c, parent);
        order.push_back(&c);
        add_codes(c.children, &c, by_guid, parents, order);
    }
}
template <class Map>
auto find(const Map& map, std::string_view guid) -> typename Map::mapped_type {
    auto it = map.find(refi::normalize_guid(guid));
    return it == map.end() ? nullptr : it->second;
}
}  // namespace

Lookup::Lookup(const refi::Project& project) {
    for (const auto& u : project.users) m_users.emplace(refi::normalize_guid(u.guid), &u);
    for (const auto& n : project.notes) m_notes.emplace(refi::normalize_guid(n.guid), &n);
    add_codes(project.codes, nullptr, m_codes, m_parents, m_codes_in_order);
}

const refi::User* Lookup::find_user(std::string_view guid) const { return find(m_users, guid); }
const refi::Code* Lookup::find_code(std::string_view guid) const { return find(m_codes, guid); }
const refi::Note* Lookup::find_note(std::string_view guid) const { return find(m_notes, guid); }

std::vector<const refi::Code*> Lookup::path_of(const refi::Code& code) const {
    std::vector<const refi::Code*> path;
    for (const refi::Code* c = &code; c;) {
        path.insert(path.begin(), c);
        auto it = m_parents.find(c);
        c = it == m_parents.end() ? nullptr : it->second;
    }
    return path;
}

}  // namespace framer::chart

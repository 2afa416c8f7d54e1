// GUID lookups over a project: one pass builds normalised-GUID maps for every kind of element.
#include "refi/index.hpp"

#include "refi/guid.hpp"

namespace refi {

namespace {
template <class Map, class T>
void put(Map& map, const std::string& guid, const T* value) {
    map.emplace(normalize_guid(guid), value);  // first wins: duplicates are validation's business
}

template <class Map>
auto get(const Map& map, std::string_view guid) -> typename Map::mapped_type {
    // Most GUIDs are written normalised: looked up as they are (heterogeneous look-up), no key string made.
    auto it = is_normalized_guid(guid) ? map.find(guid) : map.find(normalize_guid(guid));
    return it == map.end() ? nullptr : it->second;
}
}  // namespace

ProjectIndex::ProjectIndex(const Project& p) : m_project(p) {
    for (const auto& u : p.users) put(m_users, u.guid, &u);
    // Codes in depth-first pre-order (codebook order), remembering parents.
    auto walk_codes = [&](auto& self, const std::vector<Code>& codes, const Code* parent) -> void {
        for (const auto& c : codes) {
            put(m_codes, c.guid, &c);
            if (parent) put(m_code_parents, c.guid, parent);
            m_codes_in_order.push_back(&c);
            self(self, c.children, &c);
        }
    };
    walk_codes(walk_codes, p.codes, nullptr);
    for (const auto& v : p.variables) put(m_variables, v.guid, &v);
    for (const auto& c : p.cases) put(m_cases, c.guid, &c);
    m_sources.reserve(p.sources.size());
    for (const auto& s : p.sources) put(m_sources, s.guid, &s);
    for (const auto& n : p.notes) put(m_notes, n.guid, &n);
    for (const auto& s : p.sets) put(m_sets, s.guid, &s);
}

void ProjectIndex::index_selections() const {
    if (m_selections_indexed) return;
    m_selections_indexed = true;
    auto walk_selections = [&](const std::vector<Selection>& sels, const Source* owner) {
        for (const auto& s : sels) {
            put(m_selections, s.guid, &s);
            put(m_selection_sources, s.guid, owner);
        }
    };
    auto walk_source = [&](auto& self, const Source& s, const Source* owner) -> void {
        walk_selections(s.selections, owner);
        for (const auto& sel : s.selections)
            if (sel.representation) self(self, *sel.representation, owner);
        if (s.text_description) self(self, *s.text_description, owner);
        if (s.representation) self(self, *s.representation, owner);
        for (const auto& t : s.transcripts) walk_selections(t.selections, owner);
    };
    for (const auto& s : m_project.sources) walk_source(walk_source, s, &s);
    for (const auto& n : m_project.notes) walk_source(walk_source, n, &n);
}

void ProjectIndex::index_all() const {
    if (m_all_indexed) return;
    m_all_indexed = true;
    const Project& p = m_project;
    auto mark = [&](const std::string& g) { m_all.emplace(normalize_guid(g), 0); };
    for (const auto& u : p.users) mark(u.guid);
    for (const Code* c : m_codes_in_order) mark(c->guid);
    for (const auto& v : p.variables) mark(v.guid);
    for (const auto& c : p.cases) mark(c.guid);
    auto walk_source = [&](auto& self, const Source& s) -> void {
        mark(s.guid);
        for (const auto& c : s.codings) mark(c.guid);
        for (const auto& sel : s.selections) {
            mark(sel.guid);
            for (const auto& c : sel.codings) mark(c.guid);
            if (sel.representation) self(self, *sel.representation);
        }
        if (s.text_description) self(self, *s.text_description);
        if (s.representation) self(self, *s.representation);
        for (const auto& t : s.transcripts) {
            mark(t.guid);
            for (const auto& sp : t.sync_points) mark(sp.guid);
            for (const auto& sel : t.selections) {
                mark(sel.guid);
                for (const auto& c : sel.codings) mark(c.guid);
            }
        }
    };
    for (const auto& s : p.sources) walk_source(walk_source, s);
    for (const auto& n : p.notes) walk_source(walk_source, n);
    for (const auto& l : p.links) mark(l.guid);
    for (const auto& s : p.sets) mark(s.guid);
    for (const auto& g : p.graphs) {
        mark(g.guid);
        for (const auto& v : g.vertices) mark(v.guid);
        for (const auto& e : g.edges) mark(e.guid);
    }
}

const User* ProjectIndex::find_user(std::string_view g) const { return get(m_users, g); }
const Code* ProjectIndex::find_code(std::string_view g) const { return get(m_codes, g); }
const Variable* ProjectIndex::find_variable(std::string_view g) const { return get(m_variables, g); }
const Case* ProjectIndex::find_case(std::string_view g) const { return get(m_cases, g); }
const Source* ProjectIndex::find_source(std::string_view g) const { return get(m_sources, g); }
const Note* ProjectIndex::find_note(std::string_view g) const { return get(m_notes, g); }
const Selection* ProjectIndex::find_selection(std::string_view g) const {
    index_selections();
    return get(m_selections, g);
}
const Source* ProjectIndex::source_of_selection(std::string_view g) const {
    index_selections();
    return get(m_selection_sources, g);
}
const Set* ProjectIndex::find_set(std::string_view g) const { return get(m_sets, g); }
const Code* ProjectIndex::parent_of(const Code& c) const { return get(m_code_parents, c.guid); }

std::vector<const Code*> ProjectIndex::path_of(const Code& code) const {
    std::vector<const Code*> path;
    for (const Code* c = &code; c; c = parent_of(*c)) {
        path.insert(path.begin(), c);
        if (path.size() > m_codes_in_order.size()) break;  // defensive: a cycle cannot occur in a tree
    }
    return path;
}

bool ProjectIndex::knows(std::string_view g) const {
    index_all();
    return m_all.count(normalize_guid(g)) != 0;
}

}  // namespace refi

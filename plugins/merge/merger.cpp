// The merge's bookkeeping (GUIDs claimed, provenance, counts, conflicts) and the elements other than sources:
// users, codes, variables, notes, cases, sets, links and graphs. Sources are in merge_sources.cpp.
#include "merge/merger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer::merge {

namespace {

const char* const k_kinds[] = {"user", "code", "variable", "case", "source", "selection", "coding",
                               "note", "set", "link", "graph"};

bool counted(const std::string& kind) {
    return std::find(std::begin(k_kinds), std::end(k_kinds), kind) != std::end(k_kinds);
}

void add_missing(std::vector<refi::Ref>& out, const std::vector<refi::Ref>& more) {
    for (const auto& r : more)
        if (std::none_of(out.begin(), out.end(), [&](const refi::Ref& o) { return refi::same_guid(o.target, r.target); }))
            out.push_back(r);
}

refi::Code* find_code(std::vector<refi::Code>& codes, const std::string& guid) {
    for (auto& c : codes) {
        if (refi::same_guid(c.guid, guid)) return &c;
        if (auto* found = find_code(c.children, guid)) return found;
    }
    return nullptr;
}

std::optional<std::string> text_of(const refi::Project& p, const refi::Source& s) {
    try {
        return refi::load_plain_text(p, s);
    } catch (const refi::Error&) {
        return std::nullopt;
    }
}

}  // namespace

Merger::Merger(const MergeInput& first, MergeReport& report) : m_out(first.project), m_report(report) {
    m_store = std::make_shared<MergedStore>(first.project.store);
    m_out.store = m_store;
    m_report.inputs.push_back({first.label, refi::to_string(first.project.dialect), {}});
    for (const char* k : k_kinds) m_report.inputs.back().counts.push_back({k, 0, 0});
    m_input = 0;
    m_label = first.label;
    walk_project(m_out, [&](const char* kind, const std::string& guid, const std::string& name) {
        m_used.insert(refi::normalize_guid(guid));
        record(kind, guid, name, guid, "");
    });
}

std::string Merger::claim(const std::string& b_guid) {
    std::string key = refi::normalize_guid(b_guid);
    if (auto it = m_map.find(key); it != m_map.end()) return it->second;
    std::string out = b_guid;
    // Taken by another element: a fresh GUID, derived from the input and the old GUID so a rerun gives the same.
    for (int n = 0; m_used.count(refi::normalize_guid(out)); ++n)
        out = refi::make_guid_from("framer-merge", fmt::format("{}:{}:{}", m_label, key, n));
    m_used.insert(refi::normalize_guid(out));
    m_map[key] = out;
    return out;
}

void Merger::match(const std::string& b_guid, const std::string& out_guid) {
    std::string key = refi::normalize_guid(b_guid);
    m_map[key] = out_guid;
    m_matched.insert(key);
}

void Merger::record(const std::string& kind, const std::string& out_guid, const std::string& name,
                    const std::string& b_guid, const std::string& matched_by) {
    if (!counted(kind)) return;
    for (auto& c : m_report.inputs[m_input].counts)
        if (c.kind == kind) ++(matched_by.empty() ? c.added : c.matched);
    std::string key = kind + ":" + refi::normalize_guid(out_guid);
    auto [it, inserted] = m_elements.try_emplace(key, m_report.elements.size());
    if (inserted) m_report.elements.push_back({kind, out_guid, name, {}});
    auto& origins = m_report.elements[it->second].origins;
    // one origin per input: an input's duplicates (the same coding twice) are one element already
    if (std::none_of(origins.begin(), origins.end(), [&](const MergeOrigin& o) { return o.input == m_input; }))
        origins.push_back({m_input, b_guid, matched_by});
}

void Merger::claim_source(const refi::Source& s, const char* kind) {
    walk_source(s, kind, [&](const char* k, const std::string& guid, const std::string& name) {
        record(k, claim(guid), name, guid, "");
    });
}

void Merger::conflict(std::string kind, std::string message, Json first, Json other, std::string resolution) {
    m_report.conflicts.push_back({std::move(kind), std::move(message), std::move(first), std::move(other),
                                  std::move(resolution)});
}

void Merger::warn(const std::string& id, const std::string& message) {
    m_report.warnings.push_back(fmt::format("{}: {}: {}", m_label, id, message));
}

std::string Merger::first_label(const std::string& kind, const std::string& out_guid) const {
    auto it = m_elements.find(kind + ":" + refi::normalize_guid(out_guid));
    if (it == m_elements.end() || m_report.elements[it->second].origins.empty()) return m_report.inputs[0].label;
    return m_report.inputs[m_report.elements[it->second].origins.front().input].label;
}

bool Merger::is_user(const refi::OptString& a, const refi::OptString& b) const {
    if (!a || !b) return !a && !b;
    return refi::same_guid(*a, *b);
}

void Merger::merge(const MergeInput& other, std::size_t input, const MergeOptions& options) {
    m_b = &other.project;
    m_input = input;
    m_label = other.label;
    m_map.clear();
    m_matched.clear();
    m_new_codes.clear();
    m_variable_rename.clear();
    m_sources.clear();
    m_notes.clear();
    m_report.inputs.push_back({other.label, refi::to_string(other.project.dialect), {}});
    for (const char* k : k_kinds) m_report.inputs.back().counts.push_back({k, 0, 0});

    map_users();
    map_codes();
    map_variables();
    map_sources();
    std::size_t shared = std::count_if(m_sources.begin(), m_sources.end(),
                                       [](const SourcePlan& p) { return p.out_index.has_value(); });
    if (shared == 0 && !m_b->sources.empty() && !m_out.sources.empty() && !options.allow_disjoint)
        throw refi::Error(other.label, {},
                          fmt::format("shares no source with {}: none of its {} source(s) has the GUID, the text or "
                                      "the name of one of the {} merged so far, so these are not copies of one "
                                      "project (merging would only put two projects side by side; "
                                      "--allow-disjoint merges them anyway)",
                                      input == 1 ? m_report.inputs[0].label : "the inputs before it",
                                      m_b->sources.size(), m_out.sources.size()));
    map_notes();
    map_cases();
    map_sets_links_graphs();

    add_users();
    add_codes();
    add_variables();
    add_sources();
    add_notes();
    add_cases();
    add_sets_links_graphs();
    Translator tr(m_map);
    auto refs = m_b->note_refs;
    tr.apply(refs);
    add_missing(m_out.note_refs, refs);
}

// --- users -------------------------------------------------------------------------------------------------------

void Merger::map_users() {
    for (const auto& u : m_b->users) {
        const refi::User* found = nullptr;
        const char* by = "guid";
        for (const auto& o : m_out.users)
            if (refi::same_guid(o.guid, u.guid)) found = &o;
        if (!found && u.name && !u.name->empty()) {
            by = "name";
            for (const auto& o : m_out.users)
                if (!found && o.name == u.name) found = &o;
        }
        if (found) {
            match(u.guid, found->guid);
            record("user", found->guid, found->name.value_or(""), u.guid, by);
        } else {
            record("user", claim(u.guid), u.name.value_or(""), u.guid, "");
        }
    }
}

void Merger::add_users() {
    Translator tr(m_map);
    for (auto u : m_b->users) {
        if (m_matched.count(refi::normalize_guid(u.guid))) continue;
        tr.apply(u);
        m_out.users.push_back(std::move(u));
    }
}

// --- codes -------------------------------------------------------------------------------------------------------

void Merger::map_codes() {
    std::unordered_map<std::string, std::string> by_path;              // names joined by \x1f -> GUID
    std::unordered_map<std::string, std::vector<std::string>> by_name;  // name -> GUIDs
    std::unordered_map<std::string, std::string> shown_path;            // normalised GUID -> "A > B"
    std::function<void(const std::vector<refi::Code>&, const std::string&, const std::string&)> index =
        [&](const std::vector<refi::Code>& codes, const std::string& key, const std::string& shown) {
            for (const auto& c : codes) {
                std::string k = key + "\x1f" + c.name;
                std::string s = shown.empty() ? c.name : shown + " > " + c.name;
                by_path.emplace(k, c.guid);
                by_name[c.name].push_back(c.guid);
                shown_path[refi::normalize_guid(c.guid)] = s;
                index(c.children, k, s);
            }
        };
    index(m_out.codes, "", "");
    std::unordered_map<std::string, int> b_names;
    std::function<void(const std::vector<refi::Code>&)> count = [&](const std::vector<refi::Code>& codes) {
        for (const auto& c : codes) {
            ++b_names[c.name];
            count(c.children);
        }
    };
    count(m_b->codes);

    std::function<void(const std::vector<refi::Code>&, const std::string&, const std::string&, const std::string&)>
        visit = [&](const std::vector<refi::Code>& codes, const std::string& key, const std::string& shown,
                    const std::string& parent) {
            for (const auto& c : codes) {
                std::string k = key + "\x1f" + c.name;
                std::string s = shown.empty() ? c.name : shown + " > " + c.name;
                std::string out;
                std::string by;
                if (shown_path.count(refi::normalize_guid(c.guid))) {
                    out = c.guid;
                    by = "guid";
                    for (const auto& [path, g] : by_path)
                        if (refi::same_guid(g, c.guid)) out = g;  // the merged project's spelling
                } else if (auto it = by_path.find(k); it != by_path.end()) {
                    out = it->second;
                    by = "path";
                } else if (by_name[c.name].size() == 1 && b_names[c.name] == 1) {
                    out = by_name[c.name].front();
                    by = "name";
                }
                Json other = Json::object();
                other["input"] = m_label;
                other["guid"] = c.guid;
                other["path"] = s;
                if (!out.empty()) {
                    match(c.guid, out);
                    record("code", out, c.name, c.guid, by);
                    const std::string& where = shown_path[refi::normalize_guid(out)];
                    if (where != s) {
                        Json first = Json::object();
                        first["input"] = first_label("code", out);
                        first["guid"] = out;
                        first["path"] = where;
                        conflict("code-path",
                                 fmt::format("code '{}' is at '{}' in {} and at '{}' in {}", c.name, where,
                                             first_label("code", out), s, m_label),
                                 first, other,
                                 fmt::format("one code (matched by {}), kept at '{}'; the codings of both are on it",
                                             by, where));
                    }
                } else {
                    out = claim(c.guid);
                    record("code", out, c.name, c.guid, "");
                    m_new_codes.emplace_back(c.guid, parent);
                    const auto& same = by_name[c.name];
                    if (!same.empty()) {
                        // The name exists elsewhere but cannot be matched unambiguously: both stay, reported.
                        Json first = Json::array();
                        for (const auto& g : same) {
                            Json side = Json::object();
                            side["input"] = first_label("code", g);
                            side["guid"] = g;
                            side["path"] = shown_path[refi::normalize_guid(g)];
                            first.push_back(side);
                        }
                        conflict("code-path",
                                 fmt::format("code '{}' at '{}' in {} matches no path of the merged project, and its "
                                             "name is in {} place(s) there and {} in {}",
                                             c.name, s, m_label, same.size(), b_names[c.name], m_label),
                                 first, other, fmt::format("added as a new code at '{}'", s));
                    }
                }
                visit(c.children, k, s, m_map[refi::normalize_guid(c.guid)]);
            }
        };
    visit(m_b->codes, "", "", "");
}

void Merger::add_codes() {
    Translator tr(m_map);
    std::unordered_map<std::string, const refi::Code*> b_codes;
    std::function<void(const std::vector<refi::Code>&)> index = [&](const std::vector<refi::Code>& codes) {
        for (const auto& c : codes) {
            b_codes[refi::normalize_guid(c.guid)] = &c;
            index(c.children);
            if (m_matched.count(refi::normalize_guid(c.guid))) {
                auto refs = c.note_refs;
                tr.apply(refs);
                if (auto* out = find_code(m_out.codes, tr(c.guid))) add_missing(out->note_refs, refs);
            }
        }
    };
    index(m_b->codes);
    // pre-order, so a new parent is in place before its children
    for (const auto& [b_guid, parent] : m_new_codes) {
        refi::Code c = *b_codes.at(refi::normalize_guid(b_guid));
        c.children.clear();
        tr.apply(c);
        refi::Code* under = parent.empty() ? nullptr : find_code(m_out.codes, parent);
        (under ? under->children : m_out.codes).push_back(std::move(c));
    }
}

// --- variables -----------------------------------------------------------------------------------------------------

void Merger::map_variables() {
    for (const auto& v : m_b->variables) {
        const refi::Variable* same = nullptr;
        const refi::Variable* other_type = nullptr;
        for (const auto& o : m_out.variables) {
            if (o.name != v.name) continue;
            if (o.type == v.type && !same) same = &o;
            if (o.type != v.type && !other_type) other_type = &o;
        }
        if (same) {
            match(v.guid, same->guid);
            record("variable", same->guid, same->name, v.guid, "name");
            continue;
        }
        std::string out = claim(v.guid);
        std::string name = v.name;
        if (other_type) {
            name = fmt::format("{} ({})", v.name, m_label);
            m_variable_rename[refi::normalize_guid(v.guid)] = name;
            Json first = Json::object();
            first["input"] = first_label("variable", other_type->guid);
            first["guid"] = other_type->guid;
            first["name"] = other_type->name;
            first["type"] = refi::to_string(other_type->type);
            Json other = Json::object();
            other["input"] = m_label;
            other["guid"] = v.guid;
            other["name"] = v.name;
            other["type"] = refi::to_string(v.type);
            conflict("variable-type",
                     fmt::format("variable '{}' is {} in {} and {} in {}", v.name, refi::to_string(other_type->type),
                                 first_label("variable", other_type->guid), refi::to_string(v.type), m_label),
                     first, other, fmt::format("kept both; the second is named '{}'", name));
        }
        record("variable", out, name, v.guid, "");
    }
}

void Merger::add_variables() {
    Translator tr(m_map);
    for (auto v : m_b->variables) {
        std::string key = refi::normalize_guid(v.guid);
        if (m_matched.count(key)) continue;
        if (auto it = m_variable_rename.find(key); it != m_variable_rename.end()) v.name = it->second;
        tr.apply(v);
        m_out.variables.push_back(std::move(v));
    }
}

void Merger::unite_values(std::vector<refi::VariableValue>& out, const std::vector<refi::VariableValue>& b,
                          const std::string& owner_kind, const std::string& owner_guid, const std::string& owner_name) {
    auto variable_name = [&](const std::string& guid) {
        for (const auto& v : m_out.variables)
            if (refi::same_guid(v.guid, guid)) return v.name;
        return guid;
    };
    for (const auto& v : b) {
        auto it = std::find_if(out.begin(), out.end(), [&](const refi::VariableValue& o) {
            return refi::same_guid(o.variable.target, v.variable.target);
        });
        if (it == out.end()) {
            out.push_back(v);
            continue;
        }
        if (it->kind == v.kind && it->value == v.value) continue;
        std::string name = variable_name(v.variable.target);
        auto side = [&](const std::string& input, const refi::VariableValue& value) {
            Json j = Json::object();
            j["input"] = input;
            j[owner_kind] = owner_name;
            j[owner_kind + "_guid"] = owner_guid;
            j["variable"] = name;
            j["value"] = value.kind ? Json(value.value) : Json(nullptr);
            return j;
        };
        conflict("variable-value",
                 fmt::format("{} '{}' has {} = '{}' in {} and '{}' in {}", owner_kind, owner_name, name, it->value,
                             first_label(owner_kind, owner_guid), v.value, m_label),
                 side(first_label(owner_kind, owner_guid), *it), side(m_label, v),
                 fmt::format("kept '{}' from {}", it->value, first_label(owner_kind, owner_guid)));
    }
}

// --- notes -----------------------------------------------------------------------------------------------------------

void Merger::map_notes() {
    std::set<std::size_t> taken;
    for (const auto& n : m_b->notes) {
        auto text = text_of(*m_b, n);
        std::optional<std::size_t> found;
        std::string by;
        for (std::size_t i = 0; i < m_out.notes.size() && !found; ++i)
            if (refi::same_guid(m_out.notes[i].guid, n.guid) && text_of(m_out, m_out.notes[i]) == text) {
                found = i;
                by = "guid";
            }
        for (std::size_t i = 0; i < m_out.notes.size() && !found; ++i)
            if (!taken.count(i) && m_out.notes[i].name == n.name && text_of(m_out, m_out.notes[i]) == text) {
                found = i;
                by = "text";
            }
        m_notes.push_back(found);
        if (found) {
            taken.insert(*found);
            match(n.guid, m_out.notes[*found].guid);
            record("note", m_out.notes[*found].guid, n.name.value_or(""), n.guid, by);
            map_content(m_out.notes[*found], n, nullptr);
            continue;
        }
        for (const auto& o : m_out.notes)
            if (refi::same_guid(o.guid, n.guid))
                warn("note-differs", fmt::format("note '{}' ({}) has other text than in {}; both are kept",
                                                 n.name.value_or(""), n.guid, first_label("note", o.guid)));
        claim_source(n, "note");
    }
}

void Merger::add_notes() {
    Translator tr(m_map);
    for (std::size_t i = 0; i < m_b->notes.size(); ++i) {
        refi::Note n = m_b->notes[i];
        tr.apply(n);
        if (m_notes[i]) {
            unite(m_out.notes[*m_notes[i]], std::move(n), "note");
        } else {
            carry_files(n);
            m_out.notes.push_back(std::move(n));
        }
    }
}

// --- cases -----------------------------------------------------------------------------------------------------------

void Merger::map_cases() {
    std::set<std::size_t> taken;
    for (const auto& c : m_b->cases) {
        std::optional<std::size_t> found;
        std::string by = "guid";
        for (std::size_t i = 0; i < m_out.cases.size() && !found; ++i)
            if (refi::same_guid(m_out.cases[i].guid, c.guid)) found = i;
        if (!found && c.name && !c.name->empty()) {
            by = "name";
            for (std::size_t i = 0; i < m_out.cases.size() && !found; ++i)
                if (!taken.count(i) && m_out.cases[i].name == c.name) found = i;
        }
        if (found) {
            taken.insert(*found);
            match(c.guid, m_out.cases[*found].guid);
            record("case", m_out.cases[*found].guid, c.name.value_or(""), c.guid, by);
        } else {
            record("case", claim(c.guid), c.name.value_or(""), c.guid, "");
        }
    }
}

void Merger::add_cases() {
    Translator tr(m_map);
    for (auto c : m_b->cases) {
        bool matched = m_matched.count(refi::normalize_guid(c.guid)) > 0;
        tr.apply(c);
        if (!matched) {
            m_out.cases.push_back(std::move(c));
            continue;
        }
        auto it = std::find_if(m_out.cases.begin(), m_out.cases.end(),
                               [&](const refi::Case& o) { return refi::same_guid(o.guid, c.guid); });
        add_missing(it->code_refs, c.code_refs);
        add_missing(it->source_refs, c.source_refs);
        add_missing(it->selection_refs, c.selection_refs);
        unite_values(it->variable_values, c.variable_values, "case", it->guid, it->name.value_or(""));
    }
}

// --- sets, links, graphs ---------------------------------------------------------------------------------------

void Merger::map_sets_links_graphs() {
    for (const auto& s : m_b->sets) {
        const refi::Set* found = nullptr;
        std::string by = "guid";
        for (const auto& o : m_out.sets)
            if (!found && refi::same_guid(o.guid, s.guid)) found = &o;
        if (!found) {
            by = "name";
            for (const auto& o : m_out.sets)
                if (!found && o.name == s.name) found = &o;
        }
        if (found) {
            match(s.guid, found->guid);
            record("set", found->guid, s.name, s.guid, by);
        } else {
            record("set", claim(s.guid), s.name, s.guid, "");
        }
    }
    // Links are mapped after every element they can join, so their ends can be compared translated.
    Translator tr(m_map);
    for (const auto& l : m_b->links) {
        const refi::Link* found = nullptr;
        std::string by = "guid";
        for (const auto& o : m_out.links)
            if (!found && refi::same_guid(o.guid, l.guid)) found = &o;
        if (!found) {
            by = "ends";
            auto same = [](const std::optional<std::string>& a, const std::optional<std::string>& b) {
                return (!a && !b) || (a && b && refi::same_guid(*a, *b));
            };
            for (const auto& o : m_out.links)
                if (!found && o.name == l.name && o.direction == l.direction && same(o.origin, tr(l.origin)) &&
                    same(o.target, tr(l.target)))
                    found = &o;
        }
        if (found) {
            match(l.guid, found->guid);
            record("link", found->guid, l.name.value_or(""), l.guid, by);
        } else {
            record("link", claim(l.guid), l.name.value_or(""), l.guid, "");
        }
    }
    for (const auto& g : m_b->graphs) {
        const refi::Graph* found = nullptr;
        for (const auto& o : m_out.graphs)
            if (!found && refi::same_guid(o.guid, g.guid)) found = &o;
        if (found) {
            match(g.guid, found->guid);
            record("graph", found->guid, g.name.value_or(""), g.guid, "guid");
            continue;
        }
        record("graph", claim(g.guid), g.name.value_or(""), g.guid, "");
        for (const auto& v : g.vertices) claim(v.guid);
        for (const auto& e : g.edges) claim(e.guid);
    }
}

void Merger::add_sets_links_graphs() {
    Translator tr(m_map);
    for (auto s : m_b->sets) {
        bool matched = m_matched.count(refi::normalize_guid(s.guid)) > 0;
        tr.apply(s);
        if (!matched) {
            m_out.sets.push_back(std::move(s));
            continue;
        }
        auto it = std::find_if(m_out.sets.begin(), m_out.sets.end(),
                               [&](const refi::Set& o) { return refi::same_guid(o.guid, s.guid); });
        add_missing(it->member_codes, s.member_codes);
        add_missing(it->member_sources, s.member_sources);
        add_missing(it->member_notes, s.member_notes);
    }
    for (auto l : m_b->links) {
        bool matched = m_matched.count(refi::normalize_guid(l.guid)) > 0;
        tr.apply(l);
        if (!matched) {
            m_out.links.push_back(std::move(l));
            continue;
        }
        auto it = std::find_if(m_out.links.begin(), m_out.links.end(),
                               [&](const refi::Link& o) { return refi::same_guid(o.guid, l.guid); });
        add_missing(it->note_refs, l.note_refs);
    }
    for (auto g : m_b->graphs) {
        bool matched = m_matched.count(refi::normalize_guid(g.guid)) > 0;
        tr.apply(g);
        if (!matched) {
            m_out.graphs.push_back(std::move(g));
            continue;
        }
        auto it = std::find_if(m_out.graphs.begin(), m_out.graphs.end(),
                               [&](const refi::Graph& o) { return refi::same_guid(o.guid, g.guid); });
        if (!(*it == g))
            warn("graph-differs", fmt::format("graph '{}' ({}) differs from {}'s; the first one's layout is kept",
                                              g.name.value_or(""), g.guid, first_label("graph", it->guid)));
    }
}

}  // namespace framer::merge

namespace framer {

refi::Project merge_projects(const std::vector<MergeInput>& inputs, MergeReport& report, const MergeOptions& options) {
    if (inputs.size() < 2) throw refi::Error("merge needs at least two projects");
    merge::Merger merger(inputs[0], report);
    for (std::size_t i = 1; i < inputs.size(); ++i) merger.merge(inputs[i], i, options);
    return merger.take();
}

}  // namespace framer

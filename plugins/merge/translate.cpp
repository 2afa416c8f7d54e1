// One function per element type that rewrites its GUID-valued fields, so a copy from another input refers only to
// the merged project's elements; and walkers that list every GUID (to avoid collisions and to record provenance).
#include "merge/translate.hpp"

#include "refi/guid.hpp"

namespace framer::merge {

std::string Translator::operator()(const std::string& guid) const {
    auto it = m_map.find(refi::normalize_guid(guid));
    return it == m_map.end() ? guid : it->second;
}

std::optional<std::string> Translator::operator()(const std::optional<std::string>& guid) const {
    if (!guid) return guid;
    return (*this)(*guid);
}

refi::OptString Translator::operator()(const refi::OptString& guid) const {
    if (!guid) return guid;
    auto it = m_map.find(refi::normalize_guid(*guid));
    return it == m_map.end() ? guid : refi::OptString(it->second);
}

void Translator::apply(refi::Ref& r) const { r.target = (*this)(r.target); }
void Translator::apply(std::vector<refi::Ref>& refs) const {
    for (auto& r : refs) apply(r);
}
void Translator::apply(refi::CompactVector<refi::Ref>& refs) const {
    for (auto& r : refs) apply(r);
}
void Translator::apply(refi::Authorship& a) const {
    a.creating_user = (*this)(a.creating_user);
    a.modifying_user = (*this)(a.modifying_user);
}
void Translator::apply(refi::User& u) const { u.guid = (*this)(u.guid); }
void Translator::apply(refi::Code& c) const {
    c.guid = (*this)(c.guid);
    apply(c.note_refs);
    for (auto& k : c.children) apply(k);
}
void Translator::apply(refi::Variable& v) const { v.guid = (*this)(v.guid); }
void Translator::apply(refi::VariableValue& v) const { apply(v.variable); }
void Translator::apply(refi::Coding& c) const {
    c.guid = (*this)(c.guid);
    c.creating_user = (*this)(c.creating_user);
    apply(c.code);
    apply(c.note_refs);
}
void Translator::apply(refi::Selection& s) const {
    s.guid = (*this)(s.guid);
    apply(s.authorship);
    for (auto& c : s.codings) apply(c);
    apply(s.note_refs);
    s.from_sync_point = (*this)(s.from_sync_point);
    s.to_sync_point = (*this)(s.to_sync_point);
    if (s.representation) apply(*s.representation);
}
void Translator::apply(refi::Transcript& t) const {
    t.guid = (*this)(t.guid);
    apply(t.authorship);
    for (auto& p : t.sync_points) p.guid = (*this)(p.guid);
    for (auto& s : t.selections) apply(s);
    apply(t.note_refs);
}
void Translator::apply(refi::Source& s) const {
    s.guid = (*this)(s.guid);
    apply(s.authorship);
    if (s.text_description) apply(*s.text_description);
    if (s.representation) apply(*s.representation);
    for (auto& t : s.transcripts) apply(t);
    for (auto& sel : s.selections) apply(sel);
    for (auto& c : s.codings) apply(c);
    apply(s.note_refs);
    for (auto& v : s.variable_values) apply(v);
}
void Translator::apply(refi::Case& c) const {
    c.guid = (*this)(c.guid);
    apply(c.code_refs);
    for (auto& v : c.variable_values) apply(v);
    apply(c.source_refs);
    apply(c.selection_refs);
}
void Translator::apply(refi::Set& s) const {
    s.guid = (*this)(s.guid);
    apply(s.member_codes);
    apply(s.member_sources);
    apply(s.member_notes);
}
void Translator::apply(refi::Link& l) const {
    l.guid = (*this)(l.guid);
    l.origin = (*this)(l.origin);
    l.target = (*this)(l.target);
    apply(l.note_refs);
}
void Translator::apply(refi::Graph& g) const {
    g.guid = (*this)(g.guid);
    for (auto& v : g.vertices) {
        v.guid = (*this)(v.guid);
        v.represented = (*this)(v.represented);
    }
    for (auto& e : g.edges) {
        e.guid = (*this)(e.guid);
        e.represented = (*this)(e.represented);
        e.source_vertex = (*this)(e.source_vertex);
        e.target_vertex = (*this)(e.target_vertex);
    }
}

void walk_selection(const refi::Selection& s, const GuidVisitor& f) {
    f("selection", s.guid, s.name.value_or(""));
    for (const auto& c : s.codings) f("coding", c.guid, "");
    if (s.representation) walk_source(*s.representation, "representation", f);
}

void walk_source(const refi::Source& s, const char* own_kind, const GuidVisitor& f) {
    f(own_kind, s.guid, s.name.value_or(""));
    if (s.text_description) walk_source(*s.text_description, "representation", f);
    if (s.representation) walk_source(*s.representation, "representation", f);
    for (const auto& t : s.transcripts) {
        f("transcript", t.guid, t.name.value_or(""));
        for (const auto& p : t.sync_points) f("sync-point", p.guid, "");
        for (const auto& sel : t.selections) walk_selection(sel, f);
    }
    for (const auto& sel : s.selections) walk_selection(sel, f);
    for (const auto& c : s.codings) f("coding", c.guid, "");
}

namespace {
void walk_codes(const std::vector<refi::Code>& codes, const GuidVisitor& f) {
    for (const auto& c : codes) {
        f("code", c.guid, c.name);
        walk_codes(c.children, f);
    }
}
}  // namespace

void walk_project(const refi::Project& p, const GuidVisitor& f) {
    for (const auto& u : p.users) f("user", u.guid, u.name.value_or(""));
    walk_codes(p.codes, f);
    for (const auto& v : p.variables) f("variable", v.guid, v.name);
    for (const auto& c : p.cases) f("case", c.guid, c.name.value_or(""));
    for (const auto& s : p.sources) walk_source(s, "source", f);
    for (const auto& n : p.notes) walk_source(n, "note", f);
    for (const auto& s : p.sets) f("set", s.guid, s.name);
    for (const auto& l : p.links) f("link", l.guid, l.name.value_or(""));
    for (const auto& g : p.graphs) {
        f("graph", g.guid, g.name.value_or(""));
        for (const auto& v : g.vertices) f("vertex", v.guid, "");
        for (const auto& e : g.edges) f("edge", e.guid, "");
    }
}

}  // namespace framer::merge

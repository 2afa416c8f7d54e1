// Validation: two walks over the model. The first (here) registers every GUID, so duplicates are found across the
// whole project and references can point forwards; the second (validate_checks.cpp) checks attributes, types,
// references and positions. Each finding names the element and its line:column as the reader recorded it.
#include "refi/validate.hpp"

#include <algorithm>

#include "validator.hpp"

namespace refi {
namespace detail {

const char* noun(Kind k) {
    switch (k) {
        case Kind::User: return "a user";
        case Kind::Code: return "a code";
        case Kind::Variable: return "a variable";
        case Kind::Case: return "a case";
        case Kind::Source: return "a source";
        case Kind::Note: return "a note";
        case Kind::Text: return "a representation or text description";
        case Kind::Selection: return "a selection";
        case Kind::Coding: return "a coding";
        case Kind::Transcript: return "a transcript";
        case Kind::SyncPoint: return "a sync point";
        case Kind::Link: return "a link";
        case Kind::Set: return "a set";
        case Kind::Graph: return "a graph";
        case Kind::Vertex: return "a vertex";
        case Kind::Edge: return "an edge";
    }
    return "an element";
}

void Validator::run() {
    register_all();
    check_project();
}

void Validator::warning(const char* id, Location loc, std::string message) {
    m_out.warning(id, m_file, loc, std::move(message));
}

void Validator::identify(const std::string& guid, Kind kind, const char* element, Location loc) {
    std::string_view g = trim(guid);
    if (g.empty()) {
        error("missing-attribute", loc, fmt::format("<{}> has no @guid", element));
        return;
    }
    if (!is_valid_guid(g))
        error("invalid-guid", loc,
              fmt::format("{} has an invalid @guid (GUIDType is 8-4-4-4-12 hex digits, optionally in braces)",
                          tag(element, guid)));
    m_known.add(g, Known{kind, element, loc, guid});
}

void Validator::register_code(const Code& c) {
    identify(c.guid, Kind::Code, "Code", c.loc);
    for (const auto& child : c.children) register_code(child);
}

void Validator::register_selection(const Selection& s, const GuidMap<bool>* mirrored) {
    if (mirrored && s.kind == SelectionKind::PlainText && mirrored->contains(trim(s.guid)))
        m_out.info("mirrored-selection", m_file, s.loc,
                   fmt::format("{} in a <Representation> repeats the GUID of its source's <PDFSelection> "
                               "(ATLAS.ti mirrors PDF quotations in the text)",
                               tag("PlainTextSelection", s.guid)));
    else
        identify(s.guid, Kind::Selection, element_name(s.kind), s.loc);
    for (const auto& c : s.codings) identify(c.guid, Kind::Coding, "Coding", c.loc);
    if (s.representation) register_source(*s.representation, Kind::Text, "Representation");
}

void Validator::register_source(const Source& s, Kind kind, const char* element,
                                const GuidMap<bool>* mirrored) {
    identify(s.guid, kind, element, s.loc);
    for (const auto& sel : s.selections) register_selection(sel, mirrored);
    for (const auto& c : s.codings) identify(c.guid, Kind::Coding, "Coding", c.loc);
    if (s.text_description) register_source(*s.text_description, Kind::Text, "TextDescription");
    if (s.representation) {
        GuidMap<bool> pdf_selections;
        for (const auto& sel : s.selections) pdf_selections.insert(trim(sel.guid), true);
        register_source(*s.representation, Kind::Text, "Representation", &pdf_selections);
    }
    for (const auto& t : s.transcripts) {
        identify(t.guid, Kind::Transcript, "Transcript", t.loc);
        for (const auto& sp : t.sync_points) identify(sp.guid, Kind::SyncPoint, "SyncPoint", sp.loc);
        for (const auto& sel : t.selections) register_selection(sel);
    }
}

void Validator::register_all() {
    for (const auto& u : m_p.users) identify(u.guid, Kind::User, "User", u.loc);
    for (const auto& c : m_p.codes) register_code(c);
    for (const auto& v : m_p.variables) {
        identify(v.guid, Kind::Variable, "Variable", v.loc);
        m_vars.insert(trim(v.guid), &v);
    }
    for (const auto& c : m_p.cases) identify(c.guid, Kind::Case, "Case", c.loc);
    for (const auto& s : m_p.sources) register_source(s, Kind::Source, element_name(s.kind));
    for (const auto& n : m_p.notes) register_source(n, Kind::Note, "Note");
    for (const auto& l : m_p.links) identify(l.guid, Kind::Link, "Link", l.loc);
    for (const auto& s : m_p.sets) identify(s.guid, Kind::Set, "Set", s.loc);
    for (const auto& g : m_p.graphs) {
        identify(g.guid, Kind::Graph, "Graph", g.loc);
        for (const auto& v : g.vertices) identify(v.guid, Kind::Vertex, "Vertex", v.loc);
        for (const auto& e : g.edges) identify(e.guid, Kind::Edge, "Edge", e.loc);
    }
    m_known.seal([&](const Known& later, const Known& first) {
        std::string where = first.loc.known() ? fmt::format(" at line {}", first.loc.line) : std::string();
        error("duplicate-guid", later.loc,
              fmt::format("{} reuses the GUID of the <{}>{}", tag(later.element, later.guid), first.element, where));
    });
}

}  // namespace detail

Diagnostics validate(const Project& project, const ValidateOptions& options) {
    Diagnostics found;
    detail::Validator(project, options, found).run();
    // Report in file order (findings without a location keep walk order, at the end), so the text output reads
    // like a compiler's. Pass 1 and pass 2 interleave correctly this way.
    std::vector<Diagnostic> items = found.items();
    std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        auto key = [](const Diagnostic& d) {
            return std::pair(d.loc.known() ? d.loc.line : UINT32_MAX, d.loc.known() ? d.loc.column : UINT32_MAX);
        };
        return key(a) < key(b);
    });
    Diagnostics out;
    for (auto& d : items) out.add(std::move(d));
    return out;
}

}  // namespace refi

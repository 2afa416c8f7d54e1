// project.qde -> refi::Project. Lenient by design (REFI-QDA-NOTES §8): any namespace or none, any child order,
// unknown attributes and elements kept in Extensions at their position, optional attributes optional.
// Fatal only where the model cannot hold the input (malformed XML, a non-integer position, a Coding without
// CodeRef); everything else is left to validate().
#include <fmt/format.h>

#include <charconv>

#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "project_reader.hpp"
#include "qde_reader.hpp"
#include "xml_prescan.hpp"

namespace refi {

namespace detail {

Project QdeReader::read(std::shared_ptr<const SourceStore> store) {
    const XmlElement root = m_xml.root();
    std::string_view root_name = root.local;
    if (root_name == "CodeBook")
        throw Error(m_file, loc(root), "this is a codebook (<CodeBook>), not a project; use a .qdc reader");
    if (root_name != "Project")
        throw Error(m_file, loc(root), fmt::format("root element is <{}>, expected <Project>", root.name));

    Project p;
    p.store = std::move(store);
    p.loc = loc(root);
    bool has_name = false;
    attributes(root, p.ext, [&](std::string_view n, std::string_view v) {
        if (n == "name") { p.name = v; has_name = true; }
        else if (n == "origin") p.origin = v;
        else if (n == "creatingUserGUID") p.creating_user = v;
        else if (n == "creationDateTime") p.creation_date_time = v;
        else if (n == "modifyingUserGUID") p.modifying_user = v;
        else if (n == "modifiedDateTime") p.modified_date_time = v;
        else if (n == "basePath") p.base_path = v;
        else return false;
        return true;
    });
    if (!has_name) m_diag.warning("missing-attribute", m_file, p.loc, "<Project> has no name attribute");
    p.dialect = m_options.dialect.value_or(detect_dialect(p.origin));
    m_counting = position_counting(p.dialect);
    m_project = &p;

    children(root, p.ext, [&](std::string_view n, const XmlElement& c) {
        if (n == "Users") {
            container(c, p.containers.users, "User", [&](const XmlElement& u) { p.users.push_back(read_user(u)); });
        } else if (n == "CodeBook") {
            p.has_codebook = true;
            children(c, p.containers.codebook, [&](std::string_view cn, const XmlElement& codes) {
                if (cn != "Codes") return false;
                container(codes, p.containers.codes, "Code",
                          [&](const XmlElement& code) { p.codes.push_back(read_code(code)); });
                return true;
            });
        } else if (n == "Variables") {
            container(c, p.containers.variables, "Variable",
                      [&](const XmlElement& v) { p.variables.push_back(read_variable(v)); });
        } else if (n == "Cases") {
            container(c, p.containers.cases, "Case", [&](const XmlElement& k) { p.cases.push_back(read_case(k)); });
        } else if (n == "Sources") {
            read_sources(c, p);
        } else if (n == "Notes") {
            m_defer_positions = true;
            container(c, p.containers.notes, "Note",
                      [&](const XmlElement& note) { p.notes.push_back(read_text_source(note, SourceKind::Text)); });
            m_defer_positions = false;
        } else if (n == "Links") {
            container(c, p.containers.links, "Link", [&](const XmlElement& l) { p.links.push_back(read_link(l)); });
        } else if (n == "Sets") {
            container(c, p.containers.sets, "Set", [&](const XmlElement& s) { p.sets.push_back(read_set(s)); });
        } else if (n == "Graphs") {
            container(c, p.containers.graphs, "Graph", [&](const XmlElement& g) { p.graphs.push_back(read_graph(g)); });
        } else if (n == "Description") {
            p.description = text(c);
        } else if (n == "NoteRef") {
            p.note_refs.push_back(read_ref(c));
        } else {
            return false;
        }
        return true;
    });
    m_xml.finish();
    m_findings.finish();
    convert_note_positions(p);
    return p;
}

Location QdeReader::loc(const XmlElement& n) const { return m_xml.location(n); }

std::int64_t QdeReader::integer(const XmlElement& n, const char* attr_name, std::string_view value) {
    std::string_view v = value;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc() || ptr != v.data() + v.size())
        throw Error(m_file, loc(n), fmt::format("<{}> has {}=\"{}\", which is not an integer", n.local,
                                                attr_name, value));
    return out;
}

void QdeReader::require(const XmlElement& n, bool present, const char* attr_name) {
    if (!present)
        throw Error(m_file, loc(n), fmt::format("<{}> has no {} attribute", n.local, attr_name));
}

Ref QdeReader::read_ref(const XmlElement& n, const char* attr) {
    Ref r;
    r.loc = loc(n);
    attributes(n, r.ext, [&](std::string_view a, std::string_view v) {
        if (a != attr) return false;
        r.target = v;
        return true;
    });
    children(n, r.ext, [](std::string_view, const XmlElement&) { return false; });
    return r;
}

bool QdeReader::authorship(std::string_view n, std::string_view v, Authorship& a) {
    if (n == "creatingUser") share(a.creating_user, m_last_user, v);
    else if (n == "creationDateTime") share(a.creation_date_time, m_last_date, v);
    else if (n == "modifyingUser") share(a.modifying_user, m_last_modifying_user, v);
    else if (n == "modifiedDateTime") share(a.modified_date_time, m_last_modified_date, v);
    else return false;
    return true;
}

User QdeReader::read_user(const XmlElement& n) {
    User u;
    u.loc = loc(n);
    attributes(n, u.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") u.guid = v;
        else if (a == "name") u.name = v;
        else if (a == "id") u.id = v;
        else return false;
        return true;
    });
    children(n, u.ext, [](std::string_view, const XmlElement&) { return false; });
    return u;
}

Code QdeReader::read_code(const XmlElement& n, int depth) {
    Code c;
    c.loc = loc(n);
    // Codes nest by recursion (here, in the index, the writer and the destructors): a hostile file with a million
    // nested <Code>s must get an error, not a stack overflow. Real codebooks are a handful of levels deep.
    if (depth > k_max_code_depth)
        throw Error(m_file, c.loc, fmt::format("<Code> elements nested more than {} levels deep; refusing the file",
                                               k_max_code_depth));
    bool has_codable = false;
    attributes(n, c.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") c.guid = v;
        else if (a == "name") c.name = v;
        else if (a == "isCodable") { c.is_codable = v; has_codable = true; }
        else if (a == "color") c.color = v;
        else return false;
        return true;
    });
    if (!has_codable)  // required by the schema; a code is codable unless it says otherwise
        m_diag.warning("missing-attribute", m_file, c.loc,
                       fmt::format("<Code> '{}' has no isCodable attribute; taken as true", c.name));
    children(n, c.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "Description" && !c.description) c.description = text(k);
        else if (cn == "NoteRef") c.note_refs.push_back(read_ref(k));
        else if (cn == "Code") c.children.push_back(read_code(k, depth + 1));
        else return false;
        return true;
    });
    return c;
}

Variable QdeReader::read_variable(const XmlElement& n) {
    Variable v;
    v.loc = loc(n);
    attributes(n, v.ext, [&](std::string_view a, std::string_view value) {
        if (a == "guid") v.guid = value;
        else if (a == "name") v.name = value;
        else if (a == "typeOfVariable") {
            auto t = parse_variable_type(std::string(value));
            if (!t)
                throw Error(m_file, v.loc, fmt::format("<Variable> has typeOfVariable=\"{}\"; expected one of "
                                                       "Text, Boolean, Integer, Float, Date, DateTime", value));
            v.type = *t;
        } else return false;
        return true;
    });
    children(n, v.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "Description" && !v.description) v.description = text(k);
        else return false;
        return true;
    });
    return v;
}

VariableValue QdeReader::read_variable_value(const XmlElement& n) {
    VariableValue vv;
    vv.loc = loc(n);
    attributes(n, vv.ext, [](std::string_view, std::string_view) { return false; });
    bool has_ref = false;
    children(n, vv.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "VariableRef" && !has_ref) { vv.variable = read_ref(k); has_ref = true; return true; }
        if (vv.kind) return false;
        static const std::pair<const char*, VariableType> kinds[] = {
            {"TextValue", VariableType::Text},   {"BooleanValue", VariableType::Boolean},
            {"IntegerValue", VariableType::Integer}, {"FloatValue", VariableType::Float},
            {"DateValue", VariableType::Date},   {"DateTimeValue", VariableType::DateTime}};
        for (const auto& [name, kind] : kinds)
            if (cn == name) { vv.kind = kind; vv.value = text(k); return true; }
        return false;
    });
    if (!has_ref) throw Error(m_file, vv.loc, "<VariableValue> has no <VariableRef>");
    return vv;
}

Case QdeReader::read_case(const XmlElement& n) {
    Case c;
    c.loc = loc(n);
    attributes(n, c.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") c.guid = v;
        else if (a == "name") c.name = v;
        else return false;
        return true;
    });
    children(n, c.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "Description" && !c.description) c.description = text(k);
        else if (cn == "CodeRef") c.code_refs.push_back(read_ref(k));
        else if (cn == "VariableValue") c.variable_values.push_back(read_variable_value(k));
        else if (cn == "SourceRef") c.source_refs.push_back(read_ref(k));
        else if (cn == "SelectionRef") c.selection_refs.push_back(read_ref(k));
        else return false;
        return true;
    });
    return c;
}

Link QdeReader::read_link(const XmlElement& n) {
    Link l;
    l.loc = loc(n);
    attributes(n, l.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") l.guid = v;
        else if (a == "name") l.name = v;
        else if (a == "direction") l.direction = v;
        else if (a == "color") l.color = v;
        else if (a == "originGUID") l.origin = v;
        else if (a == "targetGUID") l.target = v;
        else return false;
        return true;
    });
    children(n, l.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn != "NoteRef") return false;
        l.note_refs.push_back(read_ref(k));
        return true;
    });
    return l;
}

Set QdeReader::read_set(const XmlElement& n) {
    Set s;
    s.loc = loc(n);
    attributes(n, s.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") s.guid = v;
        else if (a == "name") s.name = v;
        else return false;
        return true;
    });
    children(n, s.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "Description" && !s.description) s.description = text(k);
        else if (cn == "MemberCode") s.member_codes.push_back(read_ref(k));
        else if (cn == "MemberSource") s.member_sources.push_back(read_ref(k));
        else if (cn == "MemberNote") s.member_notes.push_back(read_ref(k));
        else return false;
        return true;
    });
    return s;
}

Graph QdeReader::read_graph(const XmlElement& n) {
    Graph g;
    g.loc = loc(n);
    attributes(n, g.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") g.guid = v;
        else if (a == "name") g.name = v;
        else return false;
        return true;
    });
    children(n, g.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "Vertex") g.vertices.push_back(read_vertex(k));
        else if (cn == "Edge") g.edges.push_back(read_edge(k));
        else return false;
        return true;
    });
    return g;
}

Vertex QdeReader::read_vertex(const XmlElement& n) {
    Vertex v;
    v.loc = loc(n);
    attributes(n, v.ext, [&](std::string_view a, std::string_view val) {
        if (a == "guid") v.guid = val;
        else if (a == "representedGUID") v.represented = val;
        else if (a == "name") v.name = val;
        else if (a == "firstX") v.first_x = val;
        else if (a == "firstY") v.first_y = val;
        else if (a == "secondX") v.second_x = val;
        else if (a == "secondY") v.second_y = val;
        else if (a == "shape") v.shape = val;
        else if (a == "color") v.color = val;
        else return false;
        return true;
    });
    children(n, v.ext, [](std::string_view, const XmlElement&) { return false; });
    return v;
}

Edge QdeReader::read_edge(const XmlElement& n) {
    Edge e;
    e.loc = loc(n);
    attributes(n, e.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") e.guid = v;
        else if (a == "representedGUID") e.represented = v;
        else if (a == "name") e.name = v;
        else if (a == "sourceVertex") e.source_vertex = v;
        else if (a == "targetVertex") e.target_vertex = v;
        else if (a == "color") e.color = v;
        else if (a == "direction") e.direction = v;
        else if (a == "lineStyle") e.line_style = v;
        else return false;
        return true;
    });
    children(n, e.ext, [](std::string_view, const XmlElement&) { return false; });
    return e;
}

}  // namespace detail

Project parse_project_xml(std::string_view xml, const std::string& file_label, Diagnostics& diagnostics,
                          const ReadOptions& options, std::shared_ptr<const SourceStore> store) {
    return detail::parse_project_buffer(std::string(xml), file_label, diagnostics, options, std::move(store));
}

namespace detail {
Project parse_project_buffer(std::string xml, const std::string& file_label, Diagnostics& diagnostics,
                             const ReadOptions& options, std::shared_ptr<const SourceStore> store) {
    const std::size_t bom = prepare_xml(xml, file_label, diagnostics);
    QdeReader reader(xml.data() + bom, xml.size() - bom, file_label, diagnostics, options);
    return reader.read(std::move(store));
}
}  // namespace detail

}  // namespace refi

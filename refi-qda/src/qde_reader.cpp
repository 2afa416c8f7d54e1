// project.qde -> refi::Project. Lenient by design (REFI-QDA-NOTES §8): any namespace or none, any child order,
// unknown attributes and elements kept in Extensions at their position, optional attributes optional.
// Fatal only where the model cannot hold the input (malformed XML, a non-integer position, a Coding without
// CodeRef); everything else is left to validate().
#include <fmt/format.h>

#include <charconv>
#include <pugixml.hpp>
#include <sstream>

#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "project_reader.hpp"
#include "xml_location.hpp"

namespace refi {

namespace {

std::string_view local_name(const char* qname) {
    std::string_view n(qname);
    auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool is_prefixed(const char* qname) { return std::strchr(qname, ':') != nullptr; }

class QdeReader {
public:
    /// `buffer` is parsed in place (no copy of a 35 MB document) and must outlive the reader.
    QdeReader(char* buffer, std::size_t size, std::string file, Diagnostics& diagnostics, const ReadOptions& options)
        : m_buffer(buffer), m_size(size), m_file(std::move(file)), m_diag(diagnostics), m_options(options),
          m_lines(std::string_view(buffer, size)) {}

    Project read(std::shared_ptr<const SourceStore> store) {
        pugi::xml_document doc;
        // parse_ws_pcdata_single keeps <Description> </Description>; parse_eol normalises line ends as XML requires.
        unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single;
        pugi::xml_parse_result r = doc.load_buffer_inplace(m_buffer, m_size, flags, pugi::encoding_utf8);
        if (!r) throw Error(m_file, m_lines.at(r.offset), fmt::format("malformed XML: {}", r.description()));
        pugi::xml_node root = doc.document_element();
        if (!root) throw Error(m_file, {}, "no root element");
        std::string_view root_name = local_name(root.name());
        if (root_name == "CodeBook")
            throw Error(m_file, loc(root), "this is a codebook (<CodeBook>), not a project; use a .qdc reader");
        if (root_name != "Project")
            throw Error(m_file, loc(root), fmt::format("root element is <{}>, expected <Project>", root.name()));

        Project p;
        p.store = std::move(store);
        p.loc = loc(root);
        bool has_name = false;
        attributes(root, p.ext, [&](std::string_view n, const char* v) {
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

        children(root, p.ext, [&](std::string_view n, pugi::xml_node c) {
            if (n == "Users") {
                container(c, p.containers.users, "User", [&](pugi::xml_node u) { p.users.push_back(read_user(u)); });
            } else if (n == "CodeBook") {
                p.has_codebook = true;
                children(c, p.containers.codebook, [&](std::string_view cn, pugi::xml_node codes) {
                    if (cn != "Codes") return false;
                    container(codes, p.containers.codes, "Code",
                              [&](pugi::xml_node code) { p.codes.push_back(read_code(code)); });
                    return true;
                });
            } else if (n == "Variables") {
                container(c, p.containers.variables, "Variable",
                          [&](pugi::xml_node v) { p.variables.push_back(read_variable(v)); });
            } else if (n == "Cases") {
                container(c, p.containers.cases, "Case", [&](pugi::xml_node k) { p.cases.push_back(read_case(k)); });
            } else if (n == "Sources") {
                read_sources(c, p);
            } else if (n == "Notes") {
                container(c, p.containers.notes, "Note",
                          [&](pugi::xml_node note) { p.notes.push_back(read_text_source(note, SourceKind::Text)); });
            } else if (n == "Links") {
                container(c, p.containers.links, "Link", [&](pugi::xml_node l) { p.links.push_back(read_link(l)); });
            } else if (n == "Sets") {
                container(c, p.containers.sets, "Set", [&](pugi::xml_node s) { p.sets.push_back(read_set(s)); });
            } else if (n == "Graphs") {
                container(c, p.containers.graphs, "Graph", [&](pugi::xml_node g) { p.graphs.push_back(read_graph(g)); });
            } else if (n == "Description") {
                p.description = text(c);
            } else if (n == "NoteRef") {
                p.note_refs.push_back(read_ref(c));
            } else {
                return false;
            }
            return true;
        });
        return p;
    }

private:
    char* m_buffer;
    std::size_t m_size;
    std::string m_file;
    Diagnostics& m_diag;
    const ReadOptions& m_options;
    detail::LineMap m_lines;
    PositionCounting m_counting = PositionCounting::CodePoints;
    Project* m_project = nullptr;

    Location loc(pugi::xml_node n) const {
        // offset_debug points at the name; the element starts one byte earlier at '<'.
        return m_lines.at(n.offset_debug() > 0 ? n.offset_debug() - 1 : n.offset_debug());
    }

    /// Unprefixed attributes go to `known` (true when it took them); the rest, namespace declarations and
    /// xsi:schemaLocation included, are kept in order.
    template <class F>
    void attributes(pugi::xml_node n, Extensions& ext, F&& known) {
        for (pugi::xml_attribute a : n.attributes()) {
            if (is_prefixed(a.name()) || !known(std::string_view(a.name()), a.value()))
                ext.attributes.push_back({a.name(), a.value()});
        }
    }

    /// Element children by local name; those `known` does not take are kept verbatim with their position.
    template <class F>
    void children(pugi::xml_node n, Extensions& ext, F&& known) {
        std::size_t position = 0;
        // The next sibling is taken first so that `known` may remove the child it has read (read_sources does).
        for (pugi::xml_node c = n.first_child(), next; c; c = next) {
            next = c.next_sibling();
            if (c.type() != pugi::node_element) continue;
            if (!known(local_name(c.name()), c)) ext.elements.push_back({position, raw(c)});
            ++position;
        }
    }

    /// A container (Users, Codes, ...): its own attributes/unknown children, and its items. The schema requires
    /// at least one item; Taguette writes <Sets/>, so an empty one is accepted with a warning.
    template <class F>
    void container(pugi::xml_node n, Extensions& ext, std::string_view item, F&& read_item) {
        attributes(n, ext, [](std::string_view, const char*) { return false; });
        std::size_t count = 0;
        children(n, ext, [&](std::string_view cn, pugi::xml_node c) {
            if (cn != item) return false;
            read_item(c);
            ++count;
            return true;
        });
        if (count == 0)
            m_diag.warning("empty-container", m_file, loc(n),
                           fmt::format("<{}> is empty; the schema requires at least one <{}> (it is dropped on write)",
                                       local_name(n.name()), item));
    }

    static std::string raw(pugi::xml_node n) {
        std::ostringstream out;
        n.print(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
        return out.str();
    }

    static std::string text(pugi::xml_node n) {
        std::string out;
        for (pugi::xml_node c : n.children())
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
        return out;
    }

    std::int64_t integer(pugi::xml_node n, const char* attr_name, const char* value) {
        std::string_view v(value);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
        if (!v.empty() && v.front() == '+') v.remove_prefix(1);
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
        if (v.empty() || ec != std::errc() || ptr != v.data() + v.size())
            throw Error(m_file, loc(n), fmt::format("<{}> has {}=\"{}\", which is not an integer", local_name(n.name()),
                                                    attr_name, value));
        return out;
    }

    void require(pugi::xml_node n, bool present, const char* attr_name) {
        if (!present)
            throw Error(m_file, loc(n), fmt::format("<{}> has no {} attribute", local_name(n.name()), attr_name));
    }

    Ref read_ref(pugi::xml_node n, const char* attr = "targetGUID") {
        Ref r;
        r.loc = loc(n);
        attributes(n, r.ext, [&](std::string_view a, const char* v) {
            if (a != attr) return false;
            r.target = v;
            return true;
        });
        children(n, r.ext, [](std::string_view, pugi::xml_node) { return false; });
        return r;
    }

    bool authorship(std::string_view n, const char* v, Authorship& a) {
        if (n == "creatingUser") a.creating_user = v;
        else if (n == "creationDateTime") a.creation_date_time = v;
        else if (n == "modifyingUser") a.modifying_user = v;
        else if (n == "modifiedDateTime") a.modified_date_time = v;
        else return false;
        return true;
    }

    User read_user(pugi::xml_node n) {
        User u;
        u.loc = loc(n);
        attributes(n, u.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") u.guid = v;
            else if (a == "name") u.name = v;
            else if (a == "id") u.id = v;
            else return false;
            return true;
        });
        children(n, u.ext, [](std::string_view, pugi::xml_node) { return false; });
        return u;
    }

    Code read_code(pugi::xml_node n) {
        Code c;
        c.loc = loc(n);
        bool has_codable = false;
        attributes(n, c.ext, [&](std::string_view a, const char* v) {
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
        children(n, c.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Description" && !c.description) c.description = text(k);
            else if (cn == "NoteRef") c.note_refs.push_back(read_ref(k));
            else if (cn == "Code") c.children.push_back(read_code(k));
            else return false;
            return true;
        });
        return c;
    }

    Variable read_variable(pugi::xml_node n) {
        Variable v;
        v.loc = loc(n);
        attributes(n, v.ext, [&](std::string_view a, const char* value) {
            if (a == "guid") v.guid = value;
            else if (a == "name") v.name = value;
            else if (a == "typeOfVariable") {
                auto t = parse_variable_type(value);
                if (!t)
                    throw Error(m_file, v.loc, fmt::format("<Variable> has typeOfVariable=\"{}\"; expected one of "
                                                           "Text, Boolean, Integer, Float, Date, DateTime", value));
                v.type = *t;
            } else return false;
            return true;
        });
        children(n, v.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Description" && !v.description) v.description = text(k);
            else return false;
            return true;
        });
        return v;
    }

    VariableValue read_variable_value(pugi::xml_node n) {
        VariableValue vv;
        vv.loc = loc(n);
        attributes(n, vv.ext, [](std::string_view, const char*) { return false; });
        bool has_ref = false;
        children(n, vv.ext, [&](std::string_view cn, pugi::xml_node k) {
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

    Case read_case(pugi::xml_node n) {
        Case c;
        c.loc = loc(n);
        attributes(n, c.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") c.guid = v;
            else if (a == "name") c.name = v;
            else return false;
            return true;
        });
        children(n, c.ext, [&](std::string_view cn, pugi::xml_node k) {
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

    Coding read_coding(pugi::xml_node n) {
        Coding c;
        c.loc = loc(n);
        attributes(n, c.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") c.guid = v;
            else if (a == "creatingUser") c.creating_user = v;
            else if (a == "creationDateTime") c.creation_date_time = v;
            else return false;
            return true;
        });
        bool has_code = false;
        children(n, c.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "CodeRef" && !has_code) { c.code = read_ref(k); has_code = true; }
            else if (cn == "NoteRef") c.note_refs.push_back(read_ref(k));
            else return false;
            return true;
        });
        if (!has_code) throw Error(m_file, c.loc, "<Coding> has no <CodeRef>");
        return c;
    }

    /// Reads into `s` (constructed in place in its vector: a Selection is large and 100,000 moves show up).
    void read_selection(pugi::xml_node n, SelectionKind kind, Selection& s) {
        s.kind = kind;
        s.loc = loc(n);
        bool has_start = false, has_end = false, has_page = false, has_fx = false, has_fy = false, has_sx = false,
             has_sy = false, has_begin = false, has_finish = false;
        attributes(n, s.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") s.guid = v;
            else if (a == "name") s.name = v;
            else if (authorship(a, v, s.authorship)) {}
            else if (kind == SelectionKind::PlainText && a == "startPosition") { s.start = integer(n, "startPosition", v); has_start = true; }
            else if (kind == SelectionKind::PlainText && a == "endPosition") { s.end = integer(n, "endPosition", v); has_end = true; }
            else if (kind == SelectionKind::PDF && a == "page") { s.page = integer(n, "page", v); has_page = true; }
            else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "firstX") { s.first_x = integer(n, "firstX", v); has_fx = true; }
            else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "firstY") { s.first_y = integer(n, "firstY", v); has_fy = true; }
            else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "secondX") { s.second_x = integer(n, "secondX", v); has_sx = true; }
            else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "secondY") { s.second_y = integer(n, "secondY", v); has_sy = true; }
            else if ((kind == SelectionKind::Audio || kind == SelectionKind::Video) && a == "begin") { s.begin = integer(n, "begin", v); has_begin = true; }
            else if ((kind == SelectionKind::Audio || kind == SelectionKind::Video) && a == "end") { s.finish = integer(n, "end", v); has_finish = true; }
            else if (kind == SelectionKind::Transcript && a == "fromSyncPoint") s.from_sync_point = v;
            else if (kind == SelectionKind::Transcript && a == "toSyncPoint") s.to_sync_point = v;
            else return false;
            return true;
        });
        switch (kind) {
            case SelectionKind::PlainText:
                require(n, has_start, "startPosition");
                require(n, has_end, "endPosition");
                break;
            case SelectionKind::PDF:
                require(n, has_page, "page");
                [[fallthrough]];
            case SelectionKind::Picture:
                require(n, has_fx, "firstX");
                require(n, has_fy, "firstY");
                require(n, has_sx, "secondX");
                require(n, has_sy, "secondY");
                break;
            case SelectionKind::Audio:
            case SelectionKind::Video:
                require(n, has_begin, "begin");
                require(n, has_finish, "end");
                break;
            case SelectionKind::Transcript: break;
        }
        children(n, s.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Description" && !s.description) s.description = text(k);
            else if (cn == "Coding") s.codings.push_back(read_coding(k));
            else if (cn == "NoteRef") s.note_refs.push_back(read_ref(k));
            else if (kind == SelectionKind::PDF && cn == "Representation" && !s.representation)
                s.representation.emplace() = read_text_source(k, SourceKind::Text);
            else return false;
            return true;
        });
    }

    SyncPoint read_sync_point(pugi::xml_node n) {
        SyncPoint sp;
        sp.loc = loc(n);
        attributes(n, sp.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") sp.guid = v;
            else if (a == "timeStamp") sp.time_stamp = v;
            else if (a == "position") sp.position = v;
            else return false;
            return true;
        });
        children(n, sp.ext, [](std::string_view, pugi::xml_node) { return false; });
        return sp;
    }

    Transcript read_transcript(pugi::xml_node n) {
        Transcript t;
        t.loc = loc(n);
        attributes(n, t.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") t.guid = v;
            else if (a == "name") t.name = v;
            else if (a == "richTextPath") t.rich_text_path = v;
            else if (a == "plainTextPath") t.plain_text_path = v;
            else return authorship(a, v, t.authorship);
            return true;
        });
        children(n, t.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Description" && !t.description) t.description = text(k);
            else if (cn == "PlainTextContent" && !t.plain_text_content) t.plain_text_content = text(k);
            else if (cn == "SyncPoint") t.sync_points.push_back(read_sync_point(k));
            else if (cn == "TranscriptSelection") read_selection(k, SelectionKind::Transcript, t.selections.emplace_back());
            else if (cn == "NoteRef") t.note_refs.push_back(read_ref(k));
            else return false;
            return true;
        });
        return t;
    }

    /// TextSource, Note, TextDescription and Representation share TextSourceType.
    Source read_text_source(pugi::xml_node n, SourceKind kind) { return read_source(n, kind); }

    Source read_source(pugi::xml_node n, SourceKind kind) {
        Source s;
        read_source(n, kind, s);
        return s;
    }

    void read_source(pugi::xml_node n, SourceKind kind, Source& s) {
        s.kind = kind;
        s.selections.reserve(element_children(n));
        s.loc = loc(n);
        attributes(n, s.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") s.guid = v;
            else if (a == "name") s.name = v;
            else if (kind == SourceKind::Text && a == "richTextPath") s.rich_text_path = v;
            else if (kind == SourceKind::Text && a == "plainTextPath") s.plain_text_path = v;
            else if (kind != SourceKind::Text && a == "path") s.path = v;
            else if (kind != SourceKind::Text && a == "currentPath") s.current_path = v;
            else return authorship(a, v, s.authorship);
            return true;
        });
        children(n, s.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Description" && !s.description) s.description = text(k);
            else if (cn == "Coding") s.codings.push_back(read_coding(k));
            else if (cn == "NoteRef") s.note_refs.push_back(read_ref(k));
            else if (cn == "VariableValue") s.variable_values.push_back(read_variable_value(k));
            else if (kind == SourceKind::Text && cn == "PlainTextContent" && !s.plain_text_content) s.plain_text_content = text(k);
            else if (kind == SourceKind::Text && cn == "PlainTextSelection") read_selection(k, SelectionKind::PlainText, s.selections.emplace_back());
            else if (kind == SourceKind::Picture && cn == "TextDescription" && !s.text_description)
                s.text_description.emplace() = read_text_source(k, SourceKind::Text);
            else if (kind == SourceKind::Picture && cn == "PictureSelection") read_selection(k, SelectionKind::Picture, s.selections.emplace_back());
            else if (kind == SourceKind::PDF && cn == "PDFSelection") read_selection(k, SelectionKind::PDF, s.selections.emplace_back());
            else if (kind == SourceKind::PDF && cn == "Representation" && !s.representation)
                s.representation.emplace() = read_text_source(k, SourceKind::Text);
            else if ((kind == SourceKind::Audio || kind == SourceKind::Video) && cn == "Transcript") s.transcripts.push_back(read_transcript(k));
            else if (kind == SourceKind::Audio && cn == "AudioSelection") read_selection(k, SelectionKind::Audio, s.selections.emplace_back());
            else if (kind == SourceKind::Video && cn == "VideoSelection") read_selection(k, SelectionKind::Video, s.selections.emplace_back());
            else return false;
            return true;
        });
        if (kind == SourceKind::Text) convert_positions(s);
    }

    static std::size_t element_children(pugi::xml_node n) {
        std::size_t count = 0;
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) count += c.type() == pugi::node_element;
        return count;
    }

    /// Tool positions -> code points (NVivo: UTF-16 units; ATLAS.ti: CRLF as one). Needs the text, so only
    /// text sources with selections in a non-standard dialect are loaded here.
    void convert_positions(Source& s) {
        if (m_counting == PositionCounting::CodePoints || s.selections.empty()) return;
        std::optional<std::string> text_content;
        try {
            text_content = load_plain_text(*m_project, s);
        } catch (const Error& e) {
            m_diag.warning("position-not-converted", m_file, s.loc,
                           fmt::format("positions of <{}> '{}' kept as written: {}", element_name(s.kind),
                                       s.name.value_or(s.guid), e.what()));
            return;
        }
        if (!text_content) {
            m_diag.warning("position-not-converted", m_file, s.loc,
                           fmt::format("text of <{}> '{}' is not available; its positions are kept as written in "
                                       "the {} dialect", element_name(s.kind), s.name.value_or(s.guid),
                                       to_string(m_project->dialect)));
            return;
        }
        OffsetMap map(*text_content, m_counting);
        for (auto& sel : s.selections) {
            sel.start = map.to_code_points(sel.start);
            sel.end = map.to_code_points(sel.end);
        }
    }

    void read_sources(pugi::xml_node n, Project& p) {
        p.sources.reserve(element_children(n));
        attributes(n, p.containers.sources, [](std::string_view, const char*) { return false; });
        std::size_t count = 0;
        children(n, p.containers.sources, [&](std::string_view cn, pugi::xml_node k) {
            static const std::pair<const char*, SourceKind> kinds[] = {
                {"TextSource", SourceKind::Text}, {"PictureSource", SourceKind::Picture},
                {"PDFSource", SourceKind::PDF},   {"AudioSource", SourceKind::Audio},
                {"VideoSource", SourceKind::Video}};
            for (const auto& [name, kind] : kinds)
                if (cn == name) {
                    read_source(k, kind, p.sources.emplace_back());
                    // Sources hold nearly all of a large project; freeing each one's DOM once it is in the model
                    // lets the model reuse that memory, so the peak stays near the size of the model (bench/).
                    n.remove_child(k);
                    ++count;
                    return true;
                }
            return false;
        });
        if (count == 0)
            m_diag.warning("empty-container", m_file, loc(n), "<Sources> is empty; the schema requires at least one source");
    }

    Link read_link(pugi::xml_node n) {
        Link l;
        l.loc = loc(n);
        attributes(n, l.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") l.guid = v;
            else if (a == "name") l.name = v;
            else if (a == "direction") l.direction = v;
            else if (a == "color") l.color = v;
            else if (a == "originGUID") l.origin = v;
            else if (a == "targetGUID") l.target = v;
            else return false;
            return true;
        });
        children(n, l.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn != "NoteRef") return false;
            l.note_refs.push_back(read_ref(k));
            return true;
        });
        return l;
    }

    Set read_set(pugi::xml_node n) {
        Set s;
        s.loc = loc(n);
        attributes(n, s.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") s.guid = v;
            else if (a == "name") s.name = v;
            else return false;
            return true;
        });
        children(n, s.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Description" && !s.description) s.description = text(k);
            else if (cn == "MemberCode") s.member_codes.push_back(read_ref(k));
            else if (cn == "MemberSource") s.member_sources.push_back(read_ref(k));
            else if (cn == "MemberNote") s.member_notes.push_back(read_ref(k));
            else return false;
            return true;
        });
        return s;
    }

    Graph read_graph(pugi::xml_node n) {
        Graph g;
        g.loc = loc(n);
        attributes(n, g.ext, [&](std::string_view a, const char* v) {
            if (a == "guid") g.guid = v;
            else if (a == "name") g.name = v;
            else return false;
            return true;
        });
        children(n, g.ext, [&](std::string_view cn, pugi::xml_node k) {
            if (cn == "Vertex") g.vertices.push_back(read_vertex(k));
            else if (cn == "Edge") g.edges.push_back(read_edge(k));
            else return false;
            return true;
        });
        return g;
    }

    Vertex read_vertex(pugi::xml_node n) {
        Vertex v;
        v.loc = loc(n);
        attributes(n, v.ext, [&](std::string_view a, const char* val) {
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
        children(n, v.ext, [](std::string_view, pugi::xml_node) { return false; });
        return v;
    }

    Edge read_edge(pugi::xml_node n) {
        Edge e;
        e.loc = loc(n);
        attributes(n, e.ext, [&](std::string_view a, const char* v) {
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
        children(n, e.ext, [](std::string_view, pugi::xml_node) { return false; });
        return e;
    }
};

}  // namespace

Project parse_project_xml(std::string_view xml, const std::string& file_label, Diagnostics& diagnostics,
                          const ReadOptions& options, std::shared_ptr<const SourceStore> store) {
    return detail::parse_project_buffer(std::string(xml), file_label, diagnostics, options, std::move(store));
}

namespace detail {
Project parse_project_buffer(std::string xml, const std::string& file_label, Diagnostics& diagnostics,
                             const ReadOptions& options, std::shared_ptr<const SourceStore> store) {
    std::size_t bom = xml.size() - strip_bom(xml).size();
    QdeReader reader(xml.data() + bom, xml.size() - bom, file_label, diagnostics, options);
    return reader.read(std::move(store));
}
}  // namespace detail

}  // namespace refi

// Validation, pass 2: required attributes, XSD types, references between elements (dangling ones are warnings),
// selection positions against their text, and the files a project names.
#include <algorithm>

#include "refi/annotation.hpp"
#include "validate_files.hpp"
#include "validate_lexical.hpp"
#include "validator.hpp"

namespace refi::detail {

const Known* Validator::reference(std::string_view target, std::initializer_list<Kind> kinds, const What& what,
                                  Location loc) {
    std::string_view g = trim(target);
    if (g.empty()) {
        error("missing-attribute", loc, fmt::format("{} has no target GUID", what.str()));
        return nullptr;
    }
    if (!is_valid_guid(g)) {
        error("invalid-guid", loc, fmt::format("{} names \"{}\", which is not a GUID", what.str(), target));
        return nullptr;
    }
    const Known* found = m_known.find(g);
    const char* wanted = kinds.size() == 0 ? "any element" : noun(*kinds.begin());
    if (!found) {
        warning("dangling-reference", loc,
                fmt::format("{} points to {}, which is not {} of the project", what.str(), target, wanted));
        return nullptr;
    }
    if (kinds.size() == 0 || std::find(kinds.begin(), kinds.end(), found->kind) != kinds.end()) return found;
    if (found->kind == Kind::Case && *kinds.begin() == Kind::Code)
        warning("dangling-reference", loc,
                fmt::format("{} points to {}, which is a <Case>, not a code (NVivo writes cases as nodes)",
                            what.str(), target));
    else
        warning("dangling-reference", loc,
                fmt::format("{} points to {}, which is a <{}>, not {}", what.str(), target, found->element,
                            wanted));
    return nullptr;
}

void Validator::ref(const Ref& r, std::initializer_list<Kind> kinds, const char* ref_element, const Owner& owner,
                    Location owner_loc) {
    reference(r.target, kinds, What{"<{}> in {}", ref_element, owner}, at(r.loc, owner_loc));
}


void Validator::optional_ref_text(const std::string* target, std::initializer_list<Kind> kinds,
                                  const char* attribute, const Owner& owner, Location loc) {
    if (target) reference(*target, kinds, What{"@{} of {}", attribute, owner}, loc);
}

void Validator::date_time_text(const std::string* value, const char* attribute, const Owner& owner,
                               Location loc) {
    if (value && !detail::is_xsd_date_time(*value))
        error("invalid-date", loc,
              fmt::format("@{} of {} is \"{}\", not an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm])",
                          attribute, owner.str(), *value));
}

void Validator::color(const std::optional<std::string>& value, const Owner& owner, Location loc) {
    if (value && !detail::is_rgb_color(*value))
        error("invalid-color", loc, fmt::format("@color of {} is \"{}\", not #RGB or #RRGGBB", owner.str(), *value));
}

void Validator::integer(const std::optional<std::string>& value, const char* attribute, const Owner& owner,
                        Location loc, bool required) {
    if (!value || trim(*value).empty()) {
        if (required) error("missing-attribute", loc, fmt::format("{} has no @{}", owner.str(), attribute));
        return;
    }
    if (!detail::is_xsd_integer(*value))
        error("invalid-number", loc,
              fmt::format("@{} of {} is \"{}\", not an integer", attribute, owner.str(), *value));
}

void Validator::enumeration(const std::optional<std::string>& value, std::initializer_list<const char*> allowed,
                            const char* attribute, const Owner& owner, Location loc) {
    if (!value) return;
    std::string_view v = trim(*value);
    for (const char* a : allowed)
        if (v == a) return;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    error("invalid-enumeration", loc,
          fmt::format("@{} of {} is \"{}\", not one of {}", attribute, owner.str(), *value, list));
}

void Validator::required_name(const std::string& name, const Owner& owner, Location loc) {
    if (trim(name).empty()) error("missing-attribute", loc, fmt::format("{} has no @name", owner.str()));
}

void Validator::authorship(const Authorship& a, const Owner& owner, Location loc) {
    optional_ref(a.creating_user, {Kind::User}, "creatingUser", owner, loc);
    optional_ref(a.modifying_user, {Kind::User}, "modifyingUser", owner, loc);
    date_time(a.creation_date_time, "creationDateTime", owner, loc);
    date_time(a.modified_date_time, "modifiedDateTime", owner, loc);
}

void Validator::check_code(const Code& c) {
    const Owner owner{"Code", c.guid};
    required_name(c.name, owner, c.loc);
    if (trim(c.is_codable).empty())
        error("missing-attribute", c.loc, fmt::format("{} has no @isCodable", owner.str()));
    else if (!detail::is_xsd_boolean(c.is_codable))
        error("invalid-boolean", c.loc,
              fmt::format("@isCodable of {} is \"{}\", not true, false, 1 or 0", owner.str(), c.is_codable));
    color(c.color, owner, c.loc);
    note_refs(c.note_refs, owner, c.loc);
    for (const auto& child : c.children) check_code(child);
}

void Validator::check_coding(const Coding& c) {
    const Owner owner{"Coding", c.guid};
    if (trim(c.code.target).empty()) {
        error("missing-attribute", c.loc, fmt::format("{} has no <CodeRef> with a @targetGUID", owner.str()));
    } else {
        ref(c.code, {Kind::Code}, "CodeRef", owner, c.loc);
    }
    optional_ref(c.creating_user, {Kind::User}, "creatingUser", owner, c.loc);
    date_time(c.creation_date_time, "creationDateTime", owner, c.loc);
    note_refs(c.note_refs, owner, c.loc);
}

void Validator::check_variable_value(const VariableValue& v, const Owner& owner) {
    Location loc = at(v.loc, at(v.variable.loc, {}));
    auto what = [&] { return fmt::format("<VariableValue> in {}", owner.str()); };
    const Known* known = reference(v.variable.target, {Kind::Variable},
                                   What{"<{}> of <VariableValue> in {}", "VariableRef", owner},
                                   at(v.variable.loc, loc));
    if (!v.kind) return;
    bool ok = true;
    switch (*v.kind) {
        case VariableType::Text: break;
        case VariableType::Boolean: ok = detail::is_xsd_boolean(v.value); break;
        case VariableType::Integer: ok = detail::is_xsd_integer(v.value); break;
        case VariableType::Float: ok = detail::is_xsd_decimal(v.value); break;
        case VariableType::Date: ok = detail::is_xsd_date(v.value); break;
        case VariableType::DateTime: ok = detail::is_xsd_date_time(v.value); break;
    }
    if (!ok)
        error("invalid-variable-value", loc,
              fmt::format("<{}Value> \"{}\" of {} is not a valid {}", to_string(*v.kind), v.value, what(),
                          to_string(*v.kind)));
    if (!known) return;
    const Variable* const* variable = m_vars.find(trim(v.variable.target));
    if (variable && (*variable)->type != *v.kind)
        warning("invalid-variable-value", loc,
                fmt::format("{} gives a <{}Value> for the {} variable \"{}\"", what(), to_string(*v.kind),
                            to_string((*variable)->type), (*variable)->name));
}

void Validator::check_selection(const Selection& s, std::optional<std::int64_t> text_length,
                                const GuidMap<bool>* sync_points) {
    const Owner owner{element_name(s.kind), s.guid};
    authorship(s.authorship, owner, s.loc);
    const SelectionGeometry& g = s.geometry();
    switch (s.kind) {
        case SelectionKind::PlainText:
            if (s.start < 0 || s.end < 0)
                error("position-out-of-range", s.loc,
                      fmt::format("{} has a negative position (start {}, end {})", owner.str(), s.start, s.end));
            else if (s.start > s.end)
                error("position-inverted", s.loc,
                      fmt::format("{} starts at {}, after its end {}", owner.str(), s.start, s.end));
            else if (text_length && s.end > *text_length)
                error("position-out-of-range", s.loc,
                      fmt::format("{} ends at {}, beyond the end of its text ({} characters)", owner.str(), s.end,
                                  *text_length));
            break;
        case SelectionKind::Audio:
        case SelectionKind::Video:
            if (g.begin < 0 || g.finish < 0)
                error("position-out-of-range", s.loc,
                      fmt::format("{} has a negative time (begin {}, end {})", owner.str(), g.begin, g.finish));
            else if (g.begin > g.finish)
                error("position-inverted", s.loc,
                      fmt::format("{} begins at {} ms, after its end {} ms", owner.str(), g.begin, g.finish));
            break;
        case SelectionKind::PDF:
            if (g.page < 0)
                error("position-out-of-range", s.loc, fmt::format("{} is on page {}", owner.str(), g.page));
            break;
        case SelectionKind::Transcript:
            for (const auto* sp : {&s.from_sync_point, &s.to_sync_point}) {
                if (!*sp) continue;
                const char* attribute = sp == &s.from_sync_point ? "fromSyncPoint" : "toSyncPoint";
                const Known* k = reference(**sp, {Kind::SyncPoint}, What{"@{} of {}", attribute, owner},
                                           s.loc);
                if (k && sync_points && !sync_points->contains(trim(**sp)))
                    warning("dangling-reference", s.loc,
                            fmt::format("@{} of {} names a <SyncPoint> of another transcript", attribute, owner.str()));
            }
            break;
        case SelectionKind::Picture: break;
    }
    for (const auto& c : s.codings) check_coding(c);
    note_refs(s.note_refs, owner, s.loc);
    if (s.representation) check_source(*s.representation, "Representation");
}

void Validator::check_transcript(const Transcript& t) {
    const Owner owner{"Transcript", t.guid};
    authorship(t.authorship, owner, t.loc);
    std::optional<std::int64_t> length;
    if (m_o.check_text) {
        length = detail::checked_text_length(m_p, t, owner.str(), m_file, m_out);
    }
    GuidMap<bool> sync_points;
    for (const auto& sp : t.sync_points) {
        const Owner sp_owner{"SyncPoint", sp.guid};
        sync_points.insert(trim(sp.guid), true);
        integer(sp.time_stamp, "timeStamp", sp_owner, sp.loc, false);
        integer(sp.position, "position", sp_owner, sp.loc, false);
    }
    for (const auto& sel : t.selections) check_selection(sel, length, &sync_points);
    note_refs(t.note_refs, owner, t.loc);
}

void Validator::check_source(const Source& s, const char* element, const Source* positions_in,
                             bool positions_unknown) {
    const Owner owner{element, s.guid};
    authorship(s.authorship, owner, s.loc);
    std::optional<std::int64_t> length;
    if (m_o.check_text && !positions_unknown) {
        if (positions_in) {
            // The source's own text problems are reported where the source is checked, not again here.
            Diagnostics quiet;
            length = detail::checked_text_length(m_p, *positions_in, {}, m_file, quiet);
        } else if (s.kind == SourceKind::Text) {
            length = detail::checked_text_length(m_p, s, owner.str(), m_file, m_out);
        }
    }
    for (const auto& sel : s.selections) check_selection(sel, length, nullptr);
    for (const auto& c : s.codings) check_coding(c);
    note_refs(s.note_refs, owner, s.loc);
    for (const auto& v : s.variable_values) check_variable_value(v, owner);
    if (s.text_description) check_source(*s.text_description, "TextDescription");
    if (s.representation) check_source(*s.representation, "Representation");
    for (const auto& t : s.transcripts) check_transcript(t);
}

void Validator::check_case(const Case& c) {
    const Owner owner{"Case", c.guid};
    for (const auto& r : c.code_refs) ref(r, {Kind::Code}, "CodeRef", owner, c.loc);
    for (const auto& v : c.variable_values) check_variable_value(v, owner);
    for (const auto& r : c.source_refs) ref(r, {Kind::Source, Kind::Text}, "SourceRef", owner, c.loc);
    for (const auto& r : c.selection_refs) ref(r, {Kind::Selection}, "SelectionRef", owner, c.loc);
}

void Validator::check_link(const Link& l) {
    const Owner owner{"Link", l.guid};
    enumeration(l.direction, {"Associative", "OneWay", "Bidirectional"}, "direction", owner, l.loc);
    color(l.color, owner, l.loc);
    optional_ref(l.origin, {}, "originGUID", owner, l.loc);
    optional_ref(l.target, {}, "targetGUID", owner, l.loc);
    note_refs(l.note_refs, owner, l.loc);
}

void Validator::check_set(const Set& s) {
    const Owner owner{"Set", s.guid};
    required_name(s.name, owner, s.loc);
    for (const auto& r : s.member_codes) ref(r, {Kind::Code}, "MemberCode", owner, s.loc);
    for (const auto& r : s.member_sources) ref(r, {Kind::Source, Kind::Text}, "MemberSource", owner, s.loc);
    for (const auto& r : s.member_notes) ref(r, {Kind::Note}, "MemberNote", owner, s.loc);
}

void Validator::check_graph(const Graph& g) {
    GuidMap<bool> vertices;
    for (const auto& v : g.vertices) {
        const Owner owner{"Vertex", v.guid};
        vertices.insert(trim(v.guid), true);
        optional_ref(v.represented, {}, "representedGUID", owner, v.loc);
        integer(v.first_x, "firstX", owner, v.loc, true);
        integer(v.first_y, "firstY", owner, v.loc, true);
        integer(v.second_x, "secondX", owner, v.loc, false);
        integer(v.second_y, "secondY", owner, v.loc, false);
        enumeration(v.shape,
                    {"Person", "Oval", "Rectangle", "RoundedRectangle", "Star", "LeftTriangle", "RightTriangle",
                     "UpTriangle", "DownTriangle", "Note"},
                    "shape", owner, v.loc);
        color(v.color, owner, v.loc);
    }
    for (const auto& e : g.edges) {
        const Owner owner{"Edge", e.guid};
        optional_ref(e.represented, {}, "representedGUID", owner, e.loc);
        for (const auto* end : {&e.source_vertex, &e.target_vertex}) {
            const char* attribute = end == &e.source_vertex ? "sourceVertex" : "targetVertex";
            const Known* k = reference(*end, {Kind::Vertex}, What{"@{} of {}", attribute, owner}, e.loc);
            if (k && !vertices.contains(trim(*end)))
                warning("dangling-reference", e.loc,
                        fmt::format("@{} of {} names a <Vertex> of another graph", attribute, owner.str()));
        }
        color(e.color, owner, e.loc);
        enumeration(e.direction, {"Associative", "OneWay", "Bidirectional"}, "direction", owner, e.loc);
        enumeration(e.line_style, {"dotted", "dashed", "solid"}, "lineStyle", owner, e.loc);
    }
}

void Validator::check_project() {
    const Owner owner{"Project", {}};
    required_name(m_p.name, owner, m_p.loc);
    optional_ref(m_p.creating_user, {Kind::User}, "creatingUserGUID", owner, m_p.loc);
    optional_ref(m_p.modifying_user, {Kind::User}, "modifyingUserGUID", owner, m_p.loc);
    date_time(m_p.creation_date_time, "creationDateTime", owner, m_p.loc);
    date_time(m_p.modified_date_time, "modifiedDateTime", owner, m_p.loc);
    if (m_p.has_codebook && m_p.codes.empty())
        warning("empty-container", m_p.loc, "<CodeBook> has no <Code> (the schema requires at least one)");
    for (const auto& c : m_p.codes) check_code(c);
    for (const auto& v : m_p.variables) required_name(v.name, Owner{"Variable", v.guid}, v.loc);
    for (const auto& c : m_p.cases) check_case(c);
    for (const auto& s : m_p.sources) check_source(s, element_name(s.kind));
    const std::vector<const Source*> annotated = m_p.notes.empty() ? std::vector<const Source*>() : annotated_sources(m_p);
    for (std::size_t i = 0; i < m_p.notes.size(); ++i) {
        const Note& n = m_p.notes[i];
        if (annotated[i]) {
            m_out.info("annotation-note", m_file, n.loc,
                       fmt::format("{} is a text annotation of {} (QualCoder's form): its selection positions count "
                                   "in that source's text", tag("Note", n.guid), tag("TextSource", annotated[i]->guid)));
            check_source(n, "Note", annotated[i]);
        } else if (looks_like_annotation(m_p, n)) {
            // QualCoder's export gives only the first annotation of each source a NoteRef: the others name no
            // source, so their positions cannot be checked against any text (QualCoder's importer skips them).
            warning("annotation-without-source", n.loc,
                    fmt::format("{} is a QualCoder text annotation that no source refers to (QualCoder writes a "
                                "<NoteRef> only for the first annotation of each source); its positions cannot be "
                                "checked and QualCoder will not import it", tag("Note", n.guid)));
            check_source(n, "Note", nullptr, true);  // the rest of the note is still checked
        } else {
            check_source(n, "Note");
        }
    }
    for (const auto& l : m_p.links) check_link(l);
    for (const auto& s : m_p.sets) check_set(s);
    for (const auto& g : m_p.graphs) check_graph(g);
    note_refs(m_p.note_refs, owner, m_p.loc);
    // The same list the writer warns from (convert), so both name the same files.
    if (m_o.check_text)
        for (const auto& m : detail::missing_files(m_p))
            warning("missing-source-file", m.loc, detail::missing_file_message(m));
}

}  // namespace refi::detail

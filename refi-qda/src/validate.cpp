// Validation: two walks over the model. The first registers every GUID (so duplicates are found across the whole
// project and references can point forwards); the second checks attributes, types, references and positions.
// Each finding names the element and its line:column as the reader recorded it.
#include "refi/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "refi/guid.hpp"
#include "validate_files.hpp"
#include "validate_lexical.hpp"

namespace refi {
namespace {

enum class Kind { User, Code, Variable, Case, Source, Note, Text, Selection, Coding, Transcript, SyncPoint, Link, Set,
                  Graph, Vertex, Edge };

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

// A map keyed by GUID identity (case and braces ignored). Well-formed GUIDs are packed into 128 bits, so the
// hundreds of thousands of lookups of a large project allocate nothing; malformed ones (already reported) fall
// back to their normalised text.
template <class T>
class GuidMap {
public:
    /// Inserts unless present; returns the entry and whether it was inserted.
    std::pair<T*, bool> insert(std::string_view guid, T value) {
        if (auto k = key_of(guid)) {
            auto [it, inserted] = m_fast.try_emplace(*k, std::move(value));
            return {&it->second, inserted};
        }
        auto [it, inserted] = m_other.try_emplace(normalize_guid(guid), std::move(value));
        return {&it->second, inserted};
    }
    const T* find(std::string_view guid) const {
        if (auto k = key_of(guid)) {
            auto it = m_fast.find(*k);
            return it == m_fast.end() ? nullptr : &it->second;
        }
        auto it = m_other.find(normalize_guid(guid));
        return it == m_other.end() ? nullptr : &it->second;
    }
    bool contains(std::string_view guid) const { return find(guid) != nullptr; }

private:
    struct Key {
        std::uint64_t hi = 0, lo = 0;
        bool operator==(const Key&) const = default;
    };
    struct Hash {
        // splitmix64 finaliser: tool GUIDs are often sequential or hash-derived with shared prefixes.
        std::size_t operator()(const Key& k) const {
            std::uint64_t x = k.hi ^ (k.lo + 0x9E3779B97F4A7C15ull + (k.hi << 6) + (k.hi >> 2));
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
            return static_cast<std::size_t>(x ^ (x >> 31));
        }
    };
    static std::optional<Key> key_of(std::string_view g) {
        if (g.size() == 38 && g.front() == '{' && g.back() == '}') g = g.substr(1, 36);
        if (g.size() != 36) return std::nullopt;
        Key k;
        int digits = 0;
        for (std::size_t i = 0; i < 36; ++i) {
            char c = g[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') return std::nullopt;
                continue;
            }
            unsigned v;
            if (c >= '0' && c <= '9') v = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v = static_cast<unsigned>(c - 'A' + 10);
            else return std::nullopt;
            std::uint64_t& half = digits < 16 ? k.hi : k.lo;
            half = (half << 4) | v;
            ++digits;
        }
        return k;
    }
    std::unordered_map<Key, T, Hash> m_fast;
    std::unordered_map<std::string, T> m_other;
};

struct Known {
    Kind kind;
    const char* element;  // a literal: the map holds hundreds of thousands of these
    Location loc;
};

// GUIDType and the other attribute types are xsd:token: surrounding whitespace is not part of the value.
std::string_view trim(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

std::string tag(std::string_view element, std::string_view guid) {
    return guid.empty() ? fmt::format("<{}>", element) : fmt::format("<{} guid=\"{}\">", element, guid);
}

// An element named in messages, e.g. `<Coding guid="...">`. Built only when a finding is made: a large project
// means hundreds of thousands of checks and few findings.
struct Owner {
    const char* element;
    std::string_view guid;
    std::string str() const { return tag(element, guid); }
};

// The thing a reference check is about: "<CodeRef> in <Coding ...>", "@creatingUser of <TextSource ...>".
struct What {
    const char* pattern;  // "<{}> in {}" or "@{} of {}"
    const char* name;
    const Owner& owner;
    std::string str() const { return fmt::format(fmt::runtime(pattern), name, owner.str()); }
};

Location at(Location own, Location fallback) { return own.known() ? own : fallback; }

class Validator {
public:
    Validator(const Project& project, const ValidateOptions& options, Diagnostics& out)
        : m_p(project), m_o(options), m_out(out), m_file(options.file_label.empty() ? "project.qde" : options.file_label) {}

    void run() {
        register_all();
        check_project();
    }

private:
    const Project& m_p;
    const ValidateOptions& m_o;
    Diagnostics& m_out;
    std::string m_file;
    GuidMap<Known> m_known;            // GUID -> first element with it
    GuidMap<const Variable*> m_vars;   // for VariableValue types

    void error(const char* id, Location loc, std::string message) { m_out.error(id, m_file, loc, std::move(message)); }
    void warning(const char* id, Location loc, std::string message) {
        m_out.warning(id, m_file, loc, std::move(message));
    }

    // ---------------------------------------------------------------- pass 1: identities
    void identify(const std::string& guid, Kind kind, const char* element, Location loc) {
        std::string_view g = trim(guid);
        if (g.empty()) {
            error("missing-attribute", loc, fmt::format("<{}> has no @guid", element));
            return;
        }
        if (!is_valid_guid(g))
            error("invalid-guid", loc,
                  fmt::format("{} has an invalid @guid (GUIDType is 8-4-4-4-12 hex digits, optionally in braces)",
                              tag(element, guid)));
        auto [first_ptr, inserted] = m_known.insert(g, Known{kind, element, loc});
        if (!inserted) {
            const Known& first = *first_ptr;
            std::string where = first.loc.known() ? fmt::format(" at line {}", first.loc.line) : std::string();
            error("duplicate-guid", loc,
                  fmt::format("{} reuses the GUID of the <{}>{}", tag(element, guid), first.element, where));
        }
    }

    void register_code(const Code& c) {
        identify(c.guid, Kind::Code, "Code", c.loc);
        for (const auto& child : c.children) register_code(child);
    }

    // ATLAS.ti writes a PDF quotation twice: as a PDFSelection and, with the same GUID, as a PlainTextSelection
    // of the PDF's Representation. That is one selection seen two ways, not a clash: noted as info.
    void register_selection(const Selection& s, const GuidMap<bool>* mirrored = nullptr) {
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

    void register_source(const Source& s, Kind kind, const char* element,
                         const GuidMap<bool>* mirrored = nullptr) {
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

    void register_all() {
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
    }

    // ---------------------------------------------------------------- pass 2: references
    /// Checks one GUID-valued reference. `kinds` empty: any element of the project will do (Link ends, Vertex).
    /// Returns the element found, or null.
    const Known* reference(std::string_view target, std::initializer_list<Kind> kinds, const What& what,
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

    void ref(const Ref& r, std::initializer_list<Kind> kinds, const char* ref_element, const Owner& owner,
             Location owner_loc) {
        reference(r.target, kinds, What{"<{}> in {}", ref_element, owner}, at(r.loc, owner_loc));
    }

    void note_refs(const std::vector<Ref>& refs, const Owner& owner, Location loc) {
        for (const auto& r : refs) ref(r, {Kind::Note}, "NoteRef", owner, loc);
    }

    void optional_ref(const std::optional<std::string>& target, std::initializer_list<Kind> kinds,
                      const char* attribute, const Owner& owner, Location loc) {
        if (target) reference(*target, kinds, What{"@{} of {}", attribute, owner}, loc);
    }

    // ---------------------------------------------------------------- pass 2: types
    void date_time(const std::optional<std::string>& value, const char* attribute, const Owner& owner,
                   Location loc) {
        if (value && !detail::is_xsd_date_time(*value))
            error("invalid-date", loc,
                  fmt::format("@{} of {} is \"{}\", not an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm])",
                              attribute, owner.str(), *value));
    }

    void color(const std::optional<std::string>& value, const Owner& owner, Location loc) {
        if (value && !detail::is_rgb_color(*value))
            error("invalid-color", loc, fmt::format("@color of {} is \"{}\", not #RGB or #RRGGBB", owner.str(), *value));
    }

    void integer(const std::optional<std::string>& value, const char* attribute, const Owner& owner,
                 Location loc, bool required) {
        if (!value || trim(*value).empty()) {
            if (required) error("missing-attribute", loc, fmt::format("{} has no @{}", owner.str(), attribute));
            return;
        }
        if (!detail::is_xsd_integer(*value))
            error("invalid-number", loc, fmt::format("@{} of {} is \"{}\", not an integer", attribute, owner.str(), *value));
    }

    void enumeration(const std::optional<std::string>& value, std::initializer_list<const char*> allowed,
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

    void required_name(const std::string& name, const Owner& owner, Location loc) {
        if (trim(name).empty()) error("missing-attribute", loc, fmt::format("{} has no @name", owner.str()));
    }

    void authorship(const Authorship& a, const Owner& owner, Location loc) {
        optional_ref(a.creating_user, {Kind::User}, "creatingUser", owner, loc);
        optional_ref(a.modifying_user, {Kind::User}, "modifyingUser", owner, loc);
        date_time(a.creation_date_time, "creationDateTime", owner, loc);
        date_time(a.modified_date_time, "modifiedDateTime", owner, loc);
    }

    // ---------------------------------------------------------------- pass 2: elements
    void check_code(const Code& c) {
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

    void check_coding(const Coding& c) {
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

    void check_variable_value(const VariableValue& v, const Owner& owner) {
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

    void check_selection(const Selection& s, std::optional<std::int64_t> text_length,
                         const GuidMap<bool>* sync_points) {
        const Owner owner{element_name(s.kind), s.guid};
        authorship(s.authorship, owner, s.loc);
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
                if (s.begin < 0 || s.finish < 0)
                    error("position-out-of-range", s.loc,
                          fmt::format("{} has a negative time (begin {}, end {})", owner.str(), s.begin, s.finish));
                else if (s.begin > s.finish)
                    error("position-inverted", s.loc,
                          fmt::format("{} begins at {} ms, after its end {} ms", owner.str(), s.begin, s.finish));
                break;
            case SelectionKind::PDF:
                if (s.page < 0)
                    error("position-out-of-range", s.loc, fmt::format("{} is on page {}", owner.str(), s.page));
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

    void check_transcript(const Transcript& t) {
        const Owner owner{"Transcript", t.guid};
        authorship(t.authorship, owner, t.loc);
        std::optional<std::int64_t> length;
        if (m_o.check_text) {
            length = detail::checked_text_length(m_p, t, owner.str(), m_file, m_out);
            detail::check_file_exists(m_p, t.rich_text_path, owner.str(), "richTextPath", t.loc, m_file, m_out);
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

    void check_source(const Source& s, const char* element) {
        const Owner owner{element, s.guid};
        authorship(s.authorship, owner, s.loc);
        std::optional<std::int64_t> length;
        if (m_o.check_text) {
            if (s.kind == SourceKind::Text) {
                length = detail::checked_text_length(m_p, s, owner.str(), m_file, m_out);
                detail::check_file_exists(m_p, s.rich_text_path, owner.str(), "richTextPath", s.loc, m_file, m_out);
            } else {
                detail::check_file_exists(m_p, s.path, owner.str(), "path", s.loc, m_file, m_out);
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

    void check_case(const Case& c) {
        const Owner owner{"Case", c.guid};
        for (const auto& r : c.code_refs) ref(r, {Kind::Code}, "CodeRef", owner, c.loc);
        for (const auto& v : c.variable_values) check_variable_value(v, owner);
        for (const auto& r : c.source_refs) ref(r, {Kind::Source, Kind::Text}, "SourceRef", owner, c.loc);
        for (const auto& r : c.selection_refs) ref(r, {Kind::Selection}, "SelectionRef", owner, c.loc);
    }

    void check_link(const Link& l) {
        const Owner owner{"Link", l.guid};
        enumeration(l.direction, {"Associative", "OneWay", "Bidirectional"}, "direction", owner, l.loc);
        color(l.color, owner, l.loc);
        optional_ref(l.origin, {}, "originGUID", owner, l.loc);
        optional_ref(l.target, {}, "targetGUID", owner, l.loc);
        note_refs(l.note_refs, owner, l.loc);
    }

    void check_set(const Set& s) {
        const Owner owner{"Set", s.guid};
        required_name(s.name, owner, s.loc);
        for (const auto& r : s.member_codes) ref(r, {Kind::Code}, "MemberCode", owner, s.loc);
        for (const auto& r : s.member_sources) ref(r, {Kind::Source, Kind::Text}, "MemberSource", owner, s.loc);
        for (const auto& r : s.member_notes) ref(r, {Kind::Note}, "MemberNote", owner, s.loc);
    }

    void check_graph(const Graph& g) {
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

    void check_project() {
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
        for (const auto& n : m_p.notes) check_source(n, "Note");
        for (const auto& l : m_p.links) check_link(l);
        for (const auto& s : m_p.sets) check_set(s);
        for (const auto& g : m_p.graphs) check_graph(g);
        note_refs(m_p.note_refs, owner, m_p.loc);
    }
};

}  // namespace

Diagnostics validate(const Project& project, const ValidateOptions& options) {
    Diagnostics found;
    Validator(project, options, found).run();
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

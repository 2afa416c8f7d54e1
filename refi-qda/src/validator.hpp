#pragma once
// Private: the validation walk shared by validate.cpp (pass 1: every GUID, duplicates) and validate_checks.cpp
// (pass 2: attributes, types, references, positions, files).

#include <fmt/format.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "guid_map.hpp"
#include "refi/error.hpp"
#include "refi/model.hpp"
#include "refi/validate.hpp"

namespace refi::detail {

enum class Kind { User, Code, Variable, Case, Source, Note, Text, Selection, Coding, Transcript, SyncPoint, Link, Set,
                  Graph, Vertex, Edge };

/// "a code", "a note", ...: what a reference expected, for messages.
const char* noun(Kind k);

struct Known {
    Kind kind;
    const char* element;  // a literal: the index holds hundreds of thousands of these
    Location loc;
    std::string_view guid;  // as spelled, a view into the project
};

// GUIDType and the other attribute types are xsd:token: surrounding whitespace is not part of the value.
inline std::string_view trim(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

inline std::string tag(std::string_view element, std::string_view guid) {
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

inline Location at(Location own, Location fallback) { return own.known() ? own : fallback; }

/// One validation run: register_all() (pass 1), then check_project() (pass 2); findings go to `out`.
class Validator {
public:
    Validator(const Project& project, const ValidateOptions& options, Diagnostics& out)
        : m_p(project), m_o(options), m_out(out),
          m_file(options.file_label.empty() ? "project.qde" : options.file_label) {}

    void run();

private:
    const Project& m_p;
    const ValidateOptions& m_o;
    Diagnostics& m_out;
    std::string m_file;
    GuidIndex<Known> m_known;          // GUID -> first element with it (sealed at the end of pass 1)
    GuidMap<const Variable*> m_vars;   // for VariableValue types

    void error(const char* id, Location loc, std::string message) { m_out.error(id, m_file, loc, std::move(message)); }
    void warning(const char* id, Location loc, std::string message);

    // ---------------------------------------------------------------- pass 1: identities
    void identify(const std::string& guid, Kind kind, const char* element, Location loc);

    void register_code(const Code& c);

    // ATLAS.ti writes a PDF quotation twice: as a PDFSelection and, with the same GUID, as a PlainTextSelection
    // of the PDF's Representation. That is one selection seen two ways, not a clash: noted as info.
    void register_selection(const Selection& s, const GuidMap<bool>* mirrored = nullptr);

    void register_source(const Source& s, Kind kind, const char* element,
                         const GuidMap<bool>* mirrored = nullptr);

    void register_all();

    // ---------------------------------------------------------------- pass 2: references
    /// Checks one GUID-valued reference. `kinds` empty: any element of the project will do (Link ends, Vertex).
    /// Returns the element found, or null.
    const Known* reference(std::string_view target, std::initializer_list<Kind> kinds, const What& what,
                           Location loc);

    void ref(const Ref& r, std::initializer_list<Kind> kinds, const char* ref_element, const Owner& owner,
             Location owner_loc);

    template <class Refs>  // std::vector<Ref> or CompactVector<Ref>
    void note_refs(const Refs& refs, const Owner& owner, Location loc) {
        for (const auto& r : refs) ref(r, {Kind::Note}, "NoteRef", owner, loc);
    }

    /// `target`: a std::optional<std::string> or a refi::OptString.
    template <class OptionalText>
    void optional_ref(const OptionalText& target, std::initializer_list<Kind> kinds, const char* attribute,
                      const Owner& owner, Location loc) {
        optional_ref_text(text_or_null(target), kinds, attribute, owner, loc);
    }
    void optional_ref_text(const std::string* target, std::initializer_list<Kind> kinds, const char* attribute,
                           const Owner& owner, Location loc);

    // ---------------------------------------------------------------- pass 2: types
    template <class OptionalText>
    void date_time(const OptionalText& value, const char* attribute, const Owner& owner, Location loc) {
        date_time_text(text_or_null(value), attribute, owner, loc);
    }
    void date_time_text(const std::string* value, const char* attribute, const Owner& owner, Location loc);

    void color(const std::optional<std::string>& value, const Owner& owner, Location loc);

    void integer(const std::optional<std::string>& value, const char* attribute, const Owner& owner,
                 Location loc, bool required);

    void enumeration(const std::optional<std::string>& value, std::initializer_list<const char*> allowed,
                     const char* attribute, const Owner& owner, Location loc);

    void required_name(const std::string& name, const Owner& owner, Location loc);

    void authorship(const Authorship& a, const Owner& owner, Location loc);

    // ---------------------------------------------------------------- pass 2: elements
    void check_code(const Code& c);

    void check_coding(const Coding& c);

    void check_variable_value(const VariableValue& v, const Owner& owner);

    void check_selection(const Selection& s, std::optional<std::int64_t> text_length,
                         const GuidMap<bool>* sync_points);

    void check_transcript(const Transcript& t);

    /// `positions_in`: the source whose text the selections of `s` count in, when not `s` itself (a QualCoder
    /// annotation note, refi/annotation.hpp).
    /// `positions_unknown`: the text they count in is not known, so their range is not checked.
    void check_source(const Source& s, const char* element, const Source* positions_in = nullptr,
                      bool positions_unknown = false);

    void check_case(const Case& c);

    void check_link(const Link& l);

    void check_set(const Set& s);

    void check_graph(const Graph& g);

    void check_project();
};

}  // namespace refi::detail

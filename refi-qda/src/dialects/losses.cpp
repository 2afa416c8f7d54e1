// What a target tool does not import, counted in a project: the counters each profile lists, and the
// `dropped-by-dialect` warnings convert prints for them (nothing a target leaves behind goes unsaid).
#include <fmt/format.h>

#include <unordered_set>

#include "refi/dialect.hpp"
#include "refi/guid.hpp"

namespace refi {

namespace losses {

namespace {

using GuidSet = std::unordered_set<std::string>;

void selection_guids(const Source& s, GuidSet& out) {
    for (const auto& sel : s.selections)
        if (sel.kind == SelectionKind::PlainText) out.insert(normalize_guid(sel.guid));
    if (s.representation) selection_guids(*s.representation, out);
    if (s.text_description) selection_guids(*s.text_description, out);
}

void source_note_refs(const Source& s, GuidSet& out) {
    for (const auto& r : s.note_refs) out.insert(normalize_guid(r.target));
    for (const auto& sel : s.selections)
        for (const auto& r : sel.note_refs) out.insert(normalize_guid(r.target));
    if (s.representation) source_note_refs(*s.representation, out);
    if (s.text_description) source_note_refs(*s.text_description, out);
}

std::size_t code_refs(const std::vector<Code>& codes) {
    std::size_t n = 0;
    for (const auto& c : codes) n += c.note_refs.size() + code_refs(c.children);
    return n;
}

/// Notes a text source refers to by NoteRef: QualCoder reads them as annotations (refi.py:1605, 1785).
GuidSet annotation_notes(const Project& p) {
    GuidSet out;
    for (const auto& s : p.sources)
        if (s.kind == SourceKind::Text)
            for (const auto& r : s.note_refs) out.insert(normalize_guid(r.target));
    return out;
}

}  // namespace

std::size_t variable_values(const Project& p) {
    std::size_t n = 0;
    for (const auto& s : p.sources) n += s.variable_values.size();
    for (const auto& c : p.cases) n += c.variable_values.size();
    return n;
}

std::size_t source_note_ref_notes(const Project& p) {
    GuidSet referred;
    for (const auto& s : p.sources) source_note_refs(s, referred);
    std::size_t n = 0;
    for (const auto& note : p.notes) n += referred.count(normalize_guid(note.guid));
    return n;
}

std::size_t transcript_codings(const Project& p) {
    std::size_t n = 0;
    for (const auto& s : p.sources)
        for (const auto& t : s.transcripts)
            for (const auto& sel : t.selections) n += sel.codings.size();
    return n;
}

std::size_t unrepresented_vertices(const Project& p) {
    std::size_t n = 0;
    for (const auto& g : p.graphs)
        for (const auto& v : g.vertices) n += !v.represented || v.represented->empty();
    return n;
}

std::size_t graphs(const Project& p) { return p.graphs.size(); }

std::size_t links_not_annotations(const Project& p) {
    GuidSet notes, selections;
    for (const auto& n : p.notes) notes.insert(normalize_guid(n.guid));
    for (const auto& s : p.sources) selection_guids(s, selections);
    std::size_t n = 0;
    for (const auto& l : p.links) {
        bool annotation = l.origin && l.target && notes.count(normalize_guid(*l.origin)) &&
                          selections.count(normalize_guid(*l.target));
        n += !annotation;
    }
    return n;
}

std::size_t code_note_refs(const Project& p) { return code_refs(p.codes); }

std::size_t notes_without_text_file(const Project& p) {
    GuidSet annotations = annotation_notes(p);
    std::size_t n = 0;
    for (const auto& note : p.notes) {
        bool journal = note.plain_text_path && !note.plain_text_path->empty() && note.name && !note.name->empty();
        n += !journal && !annotations.count(normalize_guid(note.guid));
    }
    return n;
}

std::size_t set_members_not_sources(const Project& p) {
    std::size_t n = 0;
    for (const auto& s : p.sets) n += s.member_codes.size() + s.member_notes.size();
    return n;
}

std::size_t sources(const Project& p) { return p.sources.size(); }
std::size_t notes(const Project& p) { return p.notes.size(); }
std::size_t cases(const Project& p) { return p.cases.size(); }

}  // namespace losses

void warn_dropped_by_dialect(const Project& project, Dialect target, const std::string& file,
                             Diagnostics& diagnostics) {
    const DialectProfile& profile = dialect_profile(target);
    for (const auto& loss : profile.losses) {
        std::size_t n = loss.count(project);
        if (n == 0) continue;
        diagnostics.warning("dropped-by-dialect", file, {},
                            fmt::format("{} {} {} not imported by {}: {}; they are written for other readers", n,
                                        loss.what, n == 1 ? "is" : "are", profile.tool, loss.why));
    }
}

void warn_dropped_by_codebook(const Project& project, const std::string& file, Diagnostics& diagnostics) {
    std::size_t sets = 0, sources = 0, notes = 0, emptied = 0;
    for (const auto& s : project.sets) {
        if (s.member_sources.empty() && s.member_notes.empty()) continue;
        ++sets;
        sources += s.member_sources.size();
        notes += s.member_notes.size();
        emptied += s.member_codes.empty();
    }
    if (sets == 0) return;
    diagnostics.warning(
        "dropped-by-dialect", file, {},
        fmt::format("a codebook (.qdc) holds code sets only: {} source member(s) (document groups, as MAXQDA and "
                    "ATLAS.ti write them) and {} note member(s) of {} set(s) are dropped; {} of these sets are "
                    "written with no members; convert to .qdpx to keep them",
                    sources, notes, sets, emptied));
}

}  // namespace refi

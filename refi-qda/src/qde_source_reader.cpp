// project.qde sources: the five source kinds, their selections, transcripts and codings, and the conversion of
// each tool's positions to code points (REFI-QDA-NOTES §6).
#include <fmt/format.h>

#include <algorithm>

#include "qde_reader.hpp"
#include "refi/annotation.hpp"
#include "refi/text.hpp"

namespace refi::detail {

Coding QdeReader::read_coding(const XmlElement& n) {
    Coding c;
    c.loc = loc(n);
    attributes(n, c.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") c.guid = v;
        else if (a == "creatingUser") share(c.creating_user, m_last_user, v);
        else if (a == "creationDateTime") share(c.creation_date_time, m_last_date, v);
        else return false;
        return true;
    });
    bool has_code = false;
    children(n, c.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "CodeRef" && !has_code) { c.code = read_ref(k); has_code = true; }
        else if (cn == "NoteRef") c.note_refs.push_back(read_ref(k));
        else return false;
        return true;
    });
    if (!has_code) throw Error(m_file, c.loc, "<Coding> has no <CodeRef>");
    return c;
}

void QdeReader::read_selection(const XmlElement& n, SelectionKind kind, Selection& s) {
    s.kind = kind;
    s.loc = loc(n);
    bool has_start = false, has_end = false, has_page = false, has_fx = false, has_fy = false, has_sx = false,
         has_sy = false, has_begin = false, has_finish = false;
    attributes(n, s.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") s.guid = v;
        else if (a == "name") s.name = v;
        else if (authorship(a, v, s.authorship)) {}
        else if (kind == SelectionKind::PlainText && a == "startPosition") { s.start = integer(n, "startPosition", v); has_start = true; }
        else if (kind == SelectionKind::PlainText && a == "endPosition") { s.end = integer(n, "endPosition", v); has_end = true; }
        else if (kind == SelectionKind::PDF && a == "page") { s.set_geometry().page = integer(n, "page", v); has_page = true; }
        else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "firstX") { s.set_geometry().first_x = integer(n, "firstX", v); has_fx = true; }
        else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "firstY") { s.set_geometry().first_y = integer(n, "firstY", v); has_fy = true; }
        else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "secondX") { s.set_geometry().second_x = integer(n, "secondX", v); has_sx = true; }
        else if ((kind == SelectionKind::PDF || kind == SelectionKind::Picture) && a == "secondY") { s.set_geometry().second_y = integer(n, "secondY", v); has_sy = true; }
        else if ((kind == SelectionKind::Audio || kind == SelectionKind::Video) && a == "begin") { s.set_geometry().begin = integer(n, "begin", v); has_begin = true; }
        else if ((kind == SelectionKind::Audio || kind == SelectionKind::Video) && a == "end") { s.set_geometry().finish = integer(n, "end", v); has_finish = true; }
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
    children(n, s.ext, [&](std::string_view cn, const XmlElement& k) {
        if (cn == "Description" && !s.description) s.description = text(k);
        else if (cn == "Coding") s.codings.push_back(read_coding(k));
        else if (cn == "NoteRef") s.note_refs.push_back(read_ref(k));
        else if (kind == SelectionKind::PDF && cn == "Representation" && !s.representation)
            s.representation.emplace() = read_text_source(k, SourceKind::Text);
        else return false;
        return true;
    });
}

SyncPoint QdeReader::read_sync_point(const XmlElement& n) {
    SyncPoint sp;
    sp.loc = loc(n);
    attributes(n, sp.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") sp.guid = v;
        else if (a == "timeStamp") sp.time_stamp = v;
        else if (a == "position") sp.position = v;
        else return false;
        return true;
    });
    children(n, sp.ext, [](std::string_view, const XmlElement&) { return false; });
    return sp;
}

Transcript QdeReader::read_transcript(const XmlElement& n) {
    Transcript t;
    t.loc = loc(n);
    attributes(n, t.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") t.guid = v;
        else if (a == "name") t.name = v;
        else if (a == "richTextPath") t.rich_text_path = v;
        else if (a == "plainTextPath") t.plain_text_path = v;
        else return authorship(a, v, t.authorship);
        return true;
    });
    children(n, t.ext, [&](std::string_view cn, const XmlElement& k) {
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

Source QdeReader::read_text_source(const XmlElement& n, SourceKind kind) { return read_source(n, kind); }

Source QdeReader::read_source(const XmlElement& n, SourceKind kind) {
    Source s;
    read_source(n, kind, s);
    return s;
}

void QdeReader::read_source(const XmlElement& n, SourceKind kind, Source& s) {
    s.kind = kind;
    // Room for as many selections as the source before had (interviews of one project are alike): a Selection is
    // large, and growing the vector by doubling moved each about once more. More room than used is given back.
    s.selections.reserve(m_last_selections);
    s.loc = loc(n);
    attributes(n, s.ext, [&](std::string_view a, std::string_view v) {
        if (a == "guid") s.guid = v;
        else if (a == "name") s.name = v;
        else if (kind == SourceKind::Text && a == "richTextPath") s.rich_text_path = v;
        else if (kind == SourceKind::Text && a == "plainTextPath") s.plain_text_path = v;
        else if (kind != SourceKind::Text && a == "path") s.path = v;
        else if (kind != SourceKind::Text && a == "currentPath") s.current_path = v;
        else return authorship(a, v, s.authorship);
        return true;
    });
    children(n, s.ext, [&](std::string_view cn, const XmlElement& k) {
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
    m_last_selections = s.selections.size();
    if (s.selections.capacity() > 2 * s.selections.size() + 16) s.selections.shrink_to_fit();
    if (kind == SourceKind::Text && !m_defer_positions) convert_positions(s);
}

void QdeReader::convert_note_positions(Project& p) {
    if (m_counting == PositionCounting::CodePoints) return;
    const std::vector<const Source*> annotated = annotated_sources(p);
    for (std::size_t i = 0; i < p.notes.size(); ++i) convert_positions(p.notes[i], annotated[i]);
}

void QdeReader::convert_positions(Source& s, const Source* text_of) {
    if (m_counting == PositionCounting::CodePoints || s.selections.empty()) return;
    std::shared_ptr<const std::string> text_content;
    try {
        text_content = shared_plain_text(*m_project, text_of ? *text_of : s);
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
    if (m_mapped_text != text_content) {
        m_map.emplace(*text_content, m_counting);
        m_mapped_text = text_content;
    }
    const OffsetMap& map = *m_map;
    for (auto& sel : s.selections) {
        sel.start = map.to_code_points(sel.start);
        sel.end = map.to_code_points(sel.end);
    }
}

void QdeReader::read_sources(const XmlElement& n, Project& p) {
    attributes(n, p.containers.sources, [](std::string_view, std::string_view) { return false; });
    static const std::pair<std::string_view, SourceKind> kinds[] = {
        {"TextSource", SourceKind::Text}, {"PictureSource", SourceKind::Picture}, {"PDFSource", SourceKind::PDF},
        {"AudioSource", SourceKind::Audio}, {"VideoSource", SourceKind::Video}};
    children(n, p.containers.sources, [&](std::string_view cn, const XmlElement& c) {
        for (const auto& [name, kind] : kinds)
            if (cn == name) {
                read_source(c, kind, p.sources.emplace_back());
                return true;
            }
        return false;
    });
    if (p.sources.empty())
        m_diag.warning("empty-container", m_file, loc(n), "<Sources> is empty; the schema requires at least one source");
}

}  // namespace refi::detail

// project.qde sources: the five source kinds, their selections, transcripts and codings, and the conversion of
// each tool's positions to code points (REFI-QDA-NOTES §6).
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>

#include "qde_reader.hpp"
#include "refi/annotation.hpp"
#include "refi/text.hpp"

namespace refi::detail {

Coding QdeReader::read_coding(pugi::xml_node n) {
    Coding c;
    c.loc = loc(n);
    attributes(n, c.ext, [&](std::string_view a, const char* v) {
        if (a == "guid") c.guid = v;
        else if (a == "creatingUser") share(c.creating_user, m_last_user, v);
        else if (a == "creationDateTime") share(c.creation_date_time, m_last_date, v);
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

void QdeReader::read_selection(pugi::xml_node n, SelectionKind kind, Selection& s) {
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

SyncPoint QdeReader::read_sync_point(pugi::xml_node n) {
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

Transcript QdeReader::read_transcript(pugi::xml_node n) {
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

Source QdeReader::read_text_source(pugi::xml_node n, SourceKind kind) { return read_source(n, kind); }

Source QdeReader::read_source(pugi::xml_node n, SourceKind kind) {
    Source s;
    read_source(n, kind, s);
    return s;
}

void QdeReader::read_source(pugi::xml_node n, SourceKind kind, Source& s) {
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
    if (kind == SourceKind::Text && !m_defer_positions) convert_positions(s);
}

std::size_t QdeReader::element_children(pugi::xml_node n) {
    std::size_t count = 0;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) count += c.type() == pugi::node_element;
    return count;
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

bool QdeReader::two_threads_for(std::size_t sources) const {
    // One thread unless asked: on the shared two-core machine of bench/README.md ("read: analyses' fast path") two
    // saved no wall time under load and cost 5-10% more CPU at 1,000,000 codings (a second malloc arena does not
    // reuse the DOM memory this thread frees).
    return sources >= 2 && m_options.threads >= 2;
}

void QdeReader::read_sources(pugi::xml_node n, Project& p) {
    attributes(n, p.containers.sources, [](std::string_view, const char*) { return false; });
    // The sources in document order first (unknown children kept with their position, as children() keeps
    // them), so that they can be read in rounds on two cores.
    struct Item {
        pugi::xml_node node;
        SourceKind kind;
        std::size_t offset;
    };
    std::vector<Item> items;
    std::size_t position = 0;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        static const std::pair<const char*, SourceKind> kinds[] = {
            {"TextSource", SourceKind::Text}, {"PictureSource", SourceKind::Picture},
            {"PDFSource", SourceKind::PDF},   {"AudioSource", SourceKind::Audio},
            {"VideoSource", SourceKind::Video}};
        const std::string_view cn = local_name(c.name());
        bool known = false;
        for (const auto& [name, kind] : kinds)
            if (cn == name) {
                items.push_back({c, kind, static_cast<std::size_t>(std::max<std::ptrdiff_t>(c.offset_debug(), 0))});
                known = true;
                break;
            }
        if (!known) p.containers.sources.elements.push_back({position, raw(c)});
        ++position;
    }
    p.sources.resize(items.size());
    // Sources hold nearly all of a large project; freeing each one's DOM once it is in the model lets the model
    // reuse that memory, so the peak stays near the size of the model (bench/).
    const std::size_t span = items.empty() ? 0 : items.back().offset - items.front().offset;
    if (!two_threads_for(items.size())) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            read_source(items[i].node, items[i].kind, p.sources[i]);
            n.remove_child(items[i].node);
        }
    } else {
        // Two cores, in rounds of a few MB: this thread reads the first half of a round (by bytes), a second
        // reader the rest; then the round's DOM is freed here while the other thread is stopped (pugixml's
        // document is not for two threads that modify it). The second reader's diagnostics follow this one's,
        // and the first error in document order is the one thrown, as when one thread reads everything.
        // Rounds of about 2 MiB (at most 64); a small project in rounds of four sources.
        constexpr std::size_t k_round_bytes = 2u << 20;
        const std::size_t rounds = span >= k_round_bytes ? std::clamp<std::size_t>(span / k_round_bytes, 1, 64)
                                                         : (items.size() + 3) / 4;
        Diagnostics second_diagnostics;
        QdeReader second(*this, second_diagnostics);
        std::size_t begin = 0;
        for (std::size_t r = 1; r <= rounds && begin < items.size(); ++r) {
            // This round: the sources starting before the r-th share of the span (the last round takes the rest).
            const std::size_t until = items.front().offset + span / rounds * r;
            std::size_t end = begin + 1;
            while (end < items.size() && (r == rounds || items[end].offset < until)) ++end;
            const std::size_t middle_offset = items[begin].offset + (items[end - 1].offset - items[begin].offset) / 2;
            std::size_t middle = begin + 1;
            while (middle < end && items[middle].offset <= middle_offset) ++middle;
            std::exception_ptr first_error, second_error;
            std::thread helper;
            try {
                helper = std::thread([&, middle, end] {
                    try {
                        for (std::size_t i = middle; i < end; ++i)
                            second.read_source(items[i].node, items[i].kind, p.sources[i]);
                    } catch (...) {
                        second_error = std::current_exception();
                    }
                });
            } catch (const std::system_error&) {
                middle = end;  // no second thread to be had: this one reads the whole round
            }
            try {
                for (std::size_t i = begin; i < middle; ++i) read_source(items[i].node, items[i].kind, p.sources[i]);
            } catch (...) {
                first_error = std::current_exception();
            }
            if (helper.joinable()) helper.join();
            if (first_error) std::rethrow_exception(first_error);
            m_diag.append(second_diagnostics);
            second_diagnostics = Diagnostics();
            if (second_error) std::rethrow_exception(second_error);
            for (std::size_t i = begin; i < end; ++i) n.remove_child(items[i].node);
            begin = end;
        }
    }
    if (items.empty())
        m_diag.warning("empty-container", m_file, loc(n), "<Sources> is empty; the schema requires at least one source");
}

}  // namespace refi::detail

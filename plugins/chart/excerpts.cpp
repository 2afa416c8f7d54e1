// Collecting a unit's excerpts: exact text at code-point offsets, source order, coder names.
#include "chart/excerpts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <unordered_map>

#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer::chart {

const std::string* TextCache::text_of(const refi::Source& source) {
    auto it = m_texts.find(&source);
    if (it == m_texts.end()) it = m_texts.emplace(&source, refi::shared_plain_text(m_project, source)).first;
    return it->second.get();
}

const std::string* TextCache::text_of(const refi::Transcript& transcript) {
    auto it = m_texts.find(&transcript);
    if (it == m_texts.end()) it = m_texts.emplace(&transcript, refi::shared_plain_text(m_project, transcript)).first;
    return it->second.get();
}

const std::string* TextCache::coder_name(const refi::ProjectIndex& index, const refi::OptString& user) {
    static const std::string none;
    if (!user) return &none;
    auto it = m_coder_names.find(*user);
    if (it == m_coder_names.end()) it = m_coder_names.emplace(*user, user_display_name(index, user.to_optional())).first;
    return &it->second;
}

const std::string* TextCache::intern(std::string key) { return &*m_keys.insert(std::move(key)).first; }

const std::string* TextCache::source_label(const refi::Source& source) {
    auto it = m_source_labels.find(&source);
    if (it == m_source_labels.end()) it = m_source_labels.emplace(&source, source_display_name(source)).first;
    return &it->second;
}

std::string user_display_name(const refi::ProjectIndex& index, const std::optional<refi::Guid>& user) {
    if (!user || user->empty()) return {};
    if (const refi::User* u = index.find_user(*user)) {
        if (u->name && !u->name->empty()) return *u->name;
        if (u->id && !u->id->empty()) return *u->id;
    }
    return *user;
}

namespace {

// Selections of one text are visited in start order, so the byte position of each start is found by walking
// forward from the previous one: linear in the text, not quadratic, for sources with thousands of codings.
class TextCursor {
public:
    explicit TextCursor(std::string_view text) : m_text(text) {}
    std::string_view slice(std::int64_t start, std::int64_t end) {
        start = std::max<std::int64_t>(start, 0);
        if (end <= start) return {};
        if (start < m_cp) { m_cp = 0; m_byte = 0; }
        if (start > m_cp) {
            m_byte += refi::substr_code_points(m_text.substr(m_byte), 0, start - m_cp).size();
            m_cp = start;
        }
        return refi::substr_code_points(m_text.substr(m_byte), 0, end - start);
    }
private:
    std::string_view m_text;
    std::int64_t m_cp = 0;
    std::size_t m_byte = 0;
};

std::optional<std::int64_t> parse_int(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || p != s->data() + s->size()) return std::nullopt;
    return v;
}

struct Collector {
    const refi::ProjectIndex& index;
    std::vector<Excerpt>& out;
    TextCache& texts;
    // ATLAS.ti writes a PDF quotation twice with one GUID: a PDFSelection (page, area, its own Representation's
    // PlainTextContent) and a PlainTextSelection of the PDF's text Representation. Per source: normalised GUID ->
    // the PDFSelection, and the PDFSelection -> the text of its mirror, so the pair shows as one excerpt.
    std::unordered_map<std::string, const refi::Selection*> pdf_by_guid;
    std::unordered_map<const refi::Selection*, std::string_view> mirror_text;

    void start_source(const refi::Source& top) {
        pdf_by_guid.clear();
        mirror_text.clear();
        if (top.kind != refi::SourceKind::PDF || !top.representation) return;
        for (const auto& s : top.selections)
            if (s.kind == refi::SelectionKind::PDF) pdf_by_guid.emplace(refi::normalize_guid(s.guid), &s);
    }

    const refi::Selection* mirrored_pdf(const refi::Selection& text_selection) const {
        if (pdf_by_guid.empty()) return nullptr;
        auto it = pdf_by_guid.find(refi::normalize_guid(text_selection.guid));
        return it == pdf_by_guid.end() ? nullptr : it->second;
    }

    // A PDF quotation's text: its own Representation (the text of that page's area: a quotation spanning pages is
    // one PDFSelection per page, each with its part), else the mirrored range of the PDF's text.
    std::string_view pdf_text(const refi::Selection& pdf) {
        if (pdf.representation)
            if (const std::string* own = texts.text_of(*pdf.representation); own && !own->empty()) return *own;
        auto it = mirror_text.find(&pdf);
        return it == mirror_text.end() ? std::string_view() : it->second;
    }

    Excerpt pdf_excerpt(const refi::Source& top, const refi::Selection& pdf) {
        Excerpt e = base_for(top, pdf, "pdf");
        e.start = e.end = pdf.geometry().page;
        e.text = pdf_text(pdf);
        return e;
    }

    void add_codings(const refi::Selection& sel, Excerpt base) {
        base.dedupe_key = &sel;
        for (const auto& coding : sel.codings) {
            Excerpt e = base;
            e.coder = texts.coder_name(index, coding.creating_user ? coding.creating_user : sel.authorship.creating_user);
            e.code_key = texts.intern(refi::normalize_guid(coding.code.target));
            out.push_back(e);
        }
    }

    Excerpt base_for(const refi::Source& top, const refi::Selection& sel, const char* kind) {
        Excerpt e;
        e.kind = kind;
        e.source = &top;
        e.source_label = texts.source_label(top);
        e.selection = &sel;
        return e;
    }

    // PlainTextSelections of a text-bearing element (TextSource, PDF Representation, Picture TextDescription).
    void text_selections(const refi::Source& top, const refi::Source& holder) {
        std::vector<const refi::Selection*> sels;
        for (const auto& s : holder.selections)
            if (s.kind == refi::SelectionKind::PlainText &&
                (!s.codings.empty() || (&holder == top.representation.get() && mirrored_pdf(s))))
                sels.push_back(&s);
        if (sels.empty()) return;
        std::stable_sort(sels.begin(), sels.end(), [](auto* a, auto* b) {
            return a->start != b->start ? a->start < b->start : a->end < b->end;
        });
        const std::string* text = texts.text_of(holder);
        TextCursor cursor(text ? std::string_view(*text) : std::string_view());
        std::vector<std::pair<const refi::Selection*, const refi::Selection*>> mirrors;  // text, its PDFSelection
        for (const auto* s : sels) {
            std::string_view slice = cursor.slice(s->start, s->end);
            if (const refi::Selection* pdf = &holder == top.representation.get() ? mirrored_pdf(*s) : nullptr) {
                mirror_text.emplace(pdf, slice);
                mirrors.emplace_back(s, pdf);
                continue;
            }
            Excerpt e = base_for(top, *s, "text");
            e.start = s->start;
            e.end = s->end;
            e.text = slice;
            add_codings(*s, e);
        }
        // The mirror's codings become codings of the PDF quotation: same excerpt, same dedupe key, so a cell
        // holding both shows (and counts) it once, and a code only the mirror carries still gets the quotation.
        for (const auto& [text_sel, pdf] : mirrors) {
            Excerpt e = pdf_excerpt(top, *pdf);
            add_codings(*text_sel, e);
            for (std::size_t i = out.size() - text_sel->codings.size(); i < out.size(); ++i) out[i].dedupe_key = pdf;
        }
    }

    void media_selections(const refi::Source& top) {
        for (const auto& s : top.selections) {
            if (s.codings.empty() || s.kind == refi::SelectionKind::PlainText) continue;
            Excerpt e;
            switch (s.kind) {
                case refi::SelectionKind::PDF: e = pdf_excerpt(top, s); break;
                case refi::SelectionKind::Picture: e = base_for(top, s, "picture"); break;
                case refi::SelectionKind::Audio:
                case refi::SelectionKind::Video:
                    e = base_for(top, s, s.kind == refi::SelectionKind::Audio ? "audio" : "video");
                    e.start = s.geometry().begin;
                    e.end = s.geometry().finish;
                    break;
                default: e = base_for(top, s, "text"); break;
            }
            add_codings(s, e);
        }
    }

    // TranscriptSelections carry sync points, whose @position is a character offset in the transcript text.
    void transcript_selections(const refi::Source& top) {
        for (const auto& t : top.transcripts) {
            for (const auto& s : t.selections) {
                if (s.codings.empty()) continue;
                Excerpt e = base_for(top, s, "transcript");
                std::optional<std::int64_t> from, to;
                for (const auto& sp : t.sync_points) {
                    if (s.from_sync_point && refi::same_guid(sp.guid, *s.from_sync_point)) from = parse_int(sp.position);
                    if (s.to_sync_point && refi::same_guid(sp.guid, *s.to_sync_point)) to = parse_int(sp.position);
                }
                if (from && to) {
                    e.start = *from;
                    e.end = *to;
                    if (const std::string* text = texts.text_of(t)) e.text = TextCursor(*text).slice(*from, *to);
                }
                add_codings(s, e);
            }
        }
    }

    void whole_source(const refi::Source& top) {
        for (const auto& coding : top.codings) {
            Excerpt e;
            e.kind = "source";
            e.source = &top;
            e.source_label = texts.source_label(top);
            e.coder = texts.coder_name(index, coding.creating_user);
            e.code_key = texts.intern(refi::normalize_guid(coding.code.target));
            e.dedupe_key = &top;
            out.push_back(e);
        }
    }
};

}  // namespace

std::vector<Excerpt> collect_excerpts(const refi::ProjectIndex& index, const Unit& unit, TextCache& texts) {
    std::vector<Excerpt> out;
    Collector c{index, out, texts, {}, {}};
    if (unit.the_case) {
        for (const auto& ref : unit.the_case->code_refs) {
            Excerpt e;
            e.kind = "case";
            e.coder = texts.coder_name(index, std::nullopt);
            e.code_key = texts.intern(refi::normalize_guid(ref.target));
            e.dedupe_key = unit.the_case;
            out.push_back(e);
        }
    }
    for (const refi::Source* source : unit.sources) {
        if (!source) continue;
        c.start_source(*source);
        c.whole_source(*source);
        if (source->kind == refi::SourceKind::Text) c.text_selections(*source, *source);
        if (source->representation) c.text_selections(*source, *source->representation);
        if (source->text_description) c.text_selections(*source, *source->text_description);
        c.media_selections(*source);
        c.transcript_selections(*source);
    }
    return out;
}

CellExcerpts::Key CellExcerpts::key_of(const Excerpt& e) {
    // A text range is identified by where its text starts in the loaded plain text (the TextCache holds one
    // copy per text), so two selections of the same characters meet whoever made them.
    const bool text_range = std::string_view(e.kind) == "text" && !e.text.empty();
    return text_range ? Key{e.text.data(), e.start, e.end} : Key{e.dedupe_key, 0, -1};
}

void CellExcerpts::clear() {
    excerpts.clear();
    coders.clear();
    merged.clear();
    m_keys.clear();
    m_seen.clear();
}

void CellExcerpts::add(const Excerpt& e) {
    constexpr std::size_t small = 8;  // up to this many excerpts, a loop is cheaper than a hash map
    const Key key = key_of(e);
    std::size_t at = excerpts.size();
    if (m_seen.empty()) {
        for (std::size_t i = 0; i < m_keys.size(); ++i)
            if (m_keys[i] == key) {
                at = i;
                break;
            }
        if (at == excerpts.size() && excerpts.size() == small)
            for (std::size_t i = 0; i < m_keys.size(); ++i) m_seen.emplace(m_keys[i], i);
    }
    if (!m_seen.empty()) at = m_seen.emplace(key, excerpts.size()).first->second;
    if (at == excerpts.size()) {
        excerpts.push_back(&e);
        m_keys.push_back(key);
        coders.push_back(*e.coder);
        merged.emplace_back();
        return;
    }
    if (e.selection && e.selection != excerpts[at]->selection) merged[at].push_back(&e);
    std::string& names = coders[at];
    if (e.coder->empty()) return;
    // Compare whole names: "Ann" must not count as already listed in "Anna".
    std::string_view rest = names;
    while (!rest.empty()) {
        auto comma = rest.find(", ");
        if (rest.substr(0, comma) == *e.coder) return;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 2);
    }
    names += (names.empty() ? "" : ", ") + *e.coder;
}

static std::string clock(std::int64_t ms) {
    std::int64_t s = ms / 1000;
    return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

std::string format_excerpt(const Excerpt& e, const std::string* coder_override) {
    std::string out;
    append_excerpt(out, e, coder_override);
    return out;
}

namespace {

void append_int(std::string& out, std::int64_t v) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
    (void)ec;  // 24 characters hold any int64
    out.append(digits, end);
}

}  // namespace

void append_excerpt(std::string& out, const Excerpt& e, const std::string* coder_override) {
    // Written piece by piece into `out` (no fmt, no temporary strings): a wide chart's html or xlsx rebuilds
    // every excerpt of every cell for each pass over its streamed rows.
    const std::string_view kind = e.kind;
    out += '[';
    if (kind == "case") {
        out += "whole case";
    } else {
        if (e.source_label) out += *e.source_label;
        else if (e.source) out += source_display_name(*e.source);
        if (kind == "source") {
            out += ", whole source";
        } else if (kind == "pdf") {
            // The model keeps the page as written (0-based, as ATLAS.ti and MAXQDA count); readers count pages
            // from 1.
            out += " p. ";
            append_int(out, e.start + 1);
        } else if (kind == "picture") {
            out += ", picture region";
        } else if (kind == "audio" || kind == "video") {
            fmt::format_to(std::back_inserter(out), " {}\u2013{}", clock(e.start), clock(e.end));
        } else {
            out += ' ';
            append_int(out, e.start);
            out += "\u2013";
            append_int(out, e.end);
        }
    }
    const std::string& coder = coder_override ? *coder_override : *e.coder;
    if (!coder.empty()) {
        out += ", ";
        out += coder;
    }
    out += ']';
    if (!e.text.empty()) {
        out += ' ';
        out += e.text;
    }
}

void set_cell_text(std::string& text, const CellExcerpts* cell) {
    text.clear();
    if (!cell) return;
    for (std::size_t i = 0; i < cell->excerpts.size(); ++i) {
        if (!text.empty()) text += "\n\n";
        append_excerpt(text, *cell->excerpts[i], &cell->coders[i]);
    }
}

}  // namespace framer::chart

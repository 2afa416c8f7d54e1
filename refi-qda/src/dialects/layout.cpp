// Applying a profile's archive conventions (text files' BOM and line breaks, file names, GUID case) to a copy of
// the project before it is written, so that the one writer writes every dialect. Positions are code points of the
// text in the model; when a text's line breaks change, its selections move with the characters they cover, and
// the writer then counts them over exactly the bytes written.
#include "layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <set>
#include <unordered_map>

#include "../input_label.hpp"
#include "refi/annotation.hpp"
#include "refi/guid.hpp"
#include "refi/source_store.hpp"
#include "refi/text.hpp"

namespace refi::detail {

namespace {

// --- GUID case -------------------------------------------------------------------------------------------

class Recase {
public:
    explicit Recase(GuidCase c) : m_case(c) {}

    void operator()(std::string& g) const {
        if (m_case == GuidCase::AsRead || !is_valid_guid(g)) return;  // not a GUID: left as read
        g = normalize_guid(g);                                          // upper case, no braces
        if (m_case == GuidCase::Lower) g = ascii_lower(g);
    }
    void operator()(std::optional<std::string>& g) const {
        if (g) (*this)(*g);
    }
    void operator()(OptString& g) const {
        if (!g) return;
        if (g.shares(m_last_in)) {  // the same user GUID on coding after coding: recased once, still shared
            g = m_last_out;
            return;
        }
        std::string s = *g;
        (*this)(s);
        m_last_in = g;
        if (s != *g) g = std::move(s);
        m_last_out = g;
    }
    void operator()(Ref& r) const { (*this)(r.target); }
    void operator()(std::vector<Ref>& refs) const {
        for (auto& r : refs) (*this)(r);
    }
    void operator()(CompactVector<Ref>& refs) const {
        for (auto& r : refs) (*this)(r);
    }
    void operator()(Authorship& a) const {
        (*this)(a.creating_user);
        (*this)(a.modifying_user);
    }
    void operator()(Coding& c) const {
        (*this)(c.guid);
        (*this)(c.creating_user);
        (*this)(c.code);
        (*this)(c.note_refs);
    }
    void operator()(std::vector<Coding>& codings) const {
        for (auto& c : codings) (*this)(c);
    }
    void operator()(VariableValue& v) const { (*this)(v.variable); }
    void operator()(Selection& s) const {
        (*this)(s.guid);
        (*this)(s.authorship);
        (*this)(s.codings);
        (*this)(s.note_refs);
        (*this)(s.from_sync_point);
        (*this)(s.to_sync_point);
        if (s.representation) (*this)(*s.representation);
    }
    void operator()(Source& s) const {
        (*this)(s.guid);
        (*this)(s.authorship);
        if (s.text_description) (*this)(*s.text_description);
        if (s.representation) (*this)(*s.representation);
        for (auto& t : s.transcripts) {
            (*this)(t.guid);
            (*this)(t.authorship);
            for (auto& p : t.sync_points) (*this)(p.guid);
            for (auto& sel : t.selections) (*this)(sel);
            (*this)(t.note_refs);
        }
        for (auto& sel : s.selections) (*this)(sel);
        (*this)(s.codings);
        (*this)(s.note_refs);
        for (auto& v : s.variable_values) (*this)(v);
    }
    void operator()(Code& c) const {
        (*this)(c.guid);
        (*this)(c.note_refs);
        for (auto& child : c.children) (*this)(child);
    }
    void operator()(Project& p) const {
        if (m_case == GuidCase::AsRead) return;
        (*this)(p.creating_user);
        (*this)(p.modifying_user);
        for (auto& u : p.users) (*this)(u.guid);
        for (auto& c : p.codes) (*this)(c);
        for (auto& v : p.variables) (*this)(v.guid);
        for (auto& c : p.cases) {
            (*this)(c.guid);
            (*this)(c.code_refs);
            for (auto& v : c.variable_values) (*this)(v);
            (*this)(c.source_refs);
            (*this)(c.selection_refs);
        }
        for (auto& s : p.sources) (*this)(s);
        for (auto& n : p.notes) (*this)(n);
        for (auto& l : p.links) {
            (*this)(l.guid);
            (*this)(l.origin);
            (*this)(l.target);
            (*this)(l.note_refs);
        }
        for (auto& s : p.sets) {
            (*this)(s.guid);
            (*this)(s.member_codes);
            (*this)(s.member_sources);
            (*this)(s.member_notes);
        }
        for (auto& g : p.graphs) {
            (*this)(g.guid);
            for (auto& v : g.vertices) {
                (*this)(v.guid);
                (*this)(v.represented);
            }
            for (auto& e : g.edges) {
                (*this)(e.guid);
                (*this)(e.represented);
                (*this)(e.source_vertex);
                (*this)(e.target_vertex);
            }
        }
        (*this)(p.note_refs);
    }

private:
    GuidCase m_case;
    mutable OptString m_last_in, m_last_out;  ///< the GUID recased last, and what it became
};

// --- the files the project names ----------------------------------------------------------------------------

/// One path attribute naming an internal file, and the element it belongs to.
struct PathUse {
    std::optional<std::string>* attribute;
    std::string owner_guid;  ///< the element's GUID (already in the target's case): the tool's file name
    Source* text_holder;     ///< the TextSourceType whose plainTextPath this is (its selections count in the text)
};

void collect(Source& s, std::vector<PathUse>& out) {
    out.push_back({&s.plain_text_path, s.guid, &s});
    out.push_back({&s.rich_text_path, s.guid, nullptr});
    out.push_back({&s.path, s.guid, nullptr});
    if (s.text_description) collect(*s.text_description, out);
    if (s.representation) collect(*s.representation, out);
    for (auto& t : s.transcripts) {
        // A transcript's SyncPoint positions count in its text in a way no tool documents: its file is renamed
        // but its bytes are left as they are.
        out.push_back({&t.plain_text_path, t.guid, nullptr});
        out.push_back({&t.rich_text_path, t.guid, nullptr});
    }
    for (auto& sel : s.selections)
        if (sel.representation) collect(*sel.representation, out);
}

std::string file_extension(const std::string& name) {
    auto slash = name.rfind('/');
    auto dot = name.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    return name.substr(dot);
}

std::string base_name(const std::string& entry) {
    auto slash = entry.rfind('/');
    return slash == std::string::npos ? entry : entry.substr(slash + 1);
}

// --- line breaks ----------------------------------------------------------------------------------------------

struct LineBreaks {
    std::size_t crlf = 0, lone_lf = 0, lone_cr = 0;
    std::vector<std::int64_t> lf_positions;  ///< code point index of every LF (of CRLF or alone), in order
};

LineBreaks scan(std::string_view text) {
    LineBreaks b;
    std::int64_t cp = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) ++cp;  // counts the code point this byte starts
        if (c == '\n') {
            b.lf_positions.push_back(cp - 1);
            (i > 0 && text[i - 1] == '\r') ? ++b.crlf : ++b.lone_lf;
        } else if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
            ++b.lone_cr;
        }
    }
    return b;
}

std::string with_line_ending(std::string_view text, LineEnding target) {
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (target == LineEnding::Lf && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (target == LineEnding::Crlf && c == '\n') out += '\r';
        out += c;
    }
    return out;
}

/// Moves a code point position over the text whose line breaks change: CRLF -> LF removes the CR before each LF,
/// LF -> CRLF inserts one. Positions past the end move by all of them, as the writer extrapolates.
std::int64_t moved(std::int64_t pos, const std::vector<std::int64_t>& lfs, LineEnding target) {
    if (pos <= 0) return pos;
    if (target == LineEnding::Crlf) {
        auto before = std::lower_bound(lfs.begin(), lfs.end(), pos) - lfs.begin();  // LFs at index < pos
        return pos + before;
    }
    // CRLF -> LF: each CR sits at its LF's index - 1; count CRs at index < pos.
    auto before = std::lower_bound(lfs.begin(), lfs.end(), pos + 1) - lfs.begin();
    return pos - before;
}

/// Whether a position lies between the CR and the LF of a CRLF (it would have no place in LF text).
bool inside_crlf(std::int64_t pos, const std::vector<std::int64_t>& lfs) {
    return std::binary_search(lfs.begin(), lfs.end(), pos);
}

void for_each_position(Source& holder, const std::function<void(std::int64_t&)>& f) {
    for (auto& sel : holder.selections)
        if (sel.kind == SelectionKind::PlainText) {
            f(sel.start);
            f(sel.end);
        }
}

struct TextFile {
    std::string entry;              ///< as in the store
    std::vector<Source*> holders;   ///< TextSourceTypes whose selections count in it (no inline text)
    bool named_by_text = false;     ///< some plainTextPath names it
};

}  // namespace

std::string rename_key(const std::string& entry) {
    std::string lower = ascii_lower(entry);
    if (lower.rfind("sources/", 0) == 0) return lower;
    return "sources/" + lower;
}

Layout lay_out(const Project& project, const DialectProfile& profile, bool files, Diagnostics& diagnostics) {
    Layout out{project, {}};
    Project& p = out.project;
    Recase(profile.guid_case)(p);
    if (!files || !p.store) return out;
    const SourceStore& store = *p.store;
    const std::string label = input_label(project);

    std::vector<PathUse> uses;
    for (auto& s : p.sources) collect(s, uses);
    for (auto& n : p.notes) collect(n, uses);

    // Which entry each internal path names; text files with the holders whose positions count in them.
    std::vector<std::string> entry_of(uses.size());
    std::vector<TextFile> texts;
    std::unordered_map<std::string, std::size_t> text_index;  // rename_key(entry) -> texts[]
    for (std::size_t i = 0; i < uses.size(); ++i) {
        auto& attr = *uses[i].attribute;
        if (!attr || attr->empty()) continue;
        ResolvedPath r = resolve_path(*attr);
        if (r.kind != ResolvedPath::Kind::Internal && r.kind != ResolvedPath::Kind::Bare) continue;
        auto entry = store.find_internal(r.path);
        if (!entry) continue;  // missing: the writer warns, and the path is kept
        entry_of[i] = *entry;
        if (uses[i].text_holder) {
            auto [it, fresh] = text_index.try_emplace(rename_key(*entry), texts.size());
            if (fresh) texts.push_back({*entry, {}, true});
            // Positions of a holder with inline text count in that text, not in the file.
            if (!uses[i].text_holder->plain_text_content) texts[it->second].holders.push_back(uses[i].text_holder);
        }
    }

    // A QualCoder annotation note's positions count in the text of the source that refers to it: they move with
    // that text (refi/annotation.hpp).
    {
        std::unordered_map<const Source*, std::size_t> text_of;
        for (std::size_t t = 0; t < texts.size(); ++t)
            for (Source* h : texts[t].holders) text_of.emplace(h, t);
        auto annotated = annotated_sources(p);
        for (std::size_t i = 0; i < annotated.size() && i < p.notes.size(); ++i) {
            if (!annotated[i]) continue;
            auto it = text_of.find(annotated[i]);
            if (it != text_of.end()) texts[it->second].holders.push_back(&p.notes[i]);
        }
    }

    // The tool's file names: <owner GUID><ext>, unless another entry has that name already.
    std::set<std::string> taken;
    for (const auto& e : store.entries()) taken.insert(rename_key(e));
    std::unordered_map<std::string, std::string> new_name;    // rename_key(entry) -> base name written
    std::unordered_map<std::string, std::string> entry_name;  // rename_key(entry) -> entry as stored
    for (std::size_t i = 0; i < uses.size(); ++i) {
        if (entry_of[i].empty()) continue;
        std::string key = rename_key(entry_of[i]);
        if (new_name.count(key)) continue;
        entry_name[key] = entry_of[i];
        std::string name = base_name(entry_of[i]);
        if (profile.file_naming == FileNaming::ByGuid) {
            std::string wanted = uses[i].owner_guid + file_extension(name);
            std::string wanted_key = rename_key(wanted);
            if (wanted_key == key || !taken.count(wanted_key)) {
                taken.insert(wanted_key);
                name = wanted;
            }
        }
        new_name[key] = name;
    }
    // Every internal path is written as internal://NAME (QualCoder's importer splits on "internal:/", QC#803).
    for (std::size_t i = 0; i < uses.size(); ++i)
        if (!entry_of[i].empty()) *uses[i].attribute = "internal://" + new_name[rename_key(entry_of[i])];

    // Text files: the tool's BOM and line breaks, positions moved with the characters.
    std::map<std::string, std::string> rewritten;
    std::vector<std::string> removed;
    std::size_t kept_line_breaks = 0;
    std::string first_kept;
    for (auto& t : texts) {
        std::string bytes = store.read(t.entry, std::numeric_limits<std::uint64_t>::max());
        std::string_view body = strip_bom(bytes);
        std::string key = rename_key(t.entry);
        std::string target_entry = "sources/" + new_name[key];
        bool renamed = base_name(t.entry) != new_name[key];
        if (!is_valid_utf8(body)) {
            // Not UTF-8 (ATLAS.ti's cp1252 transcripts): copied as it is; validate reports it.
            if (renamed) out.renames[key] = target_entry;
            continue;
        }
        LineBreaks breaks = scan(body);
        bool change = false;
        if (profile.line_ending == LineEnding::Lf) change = breaks.crlf > 0;
        else change = breaks.lone_lf > 0;
        bool uniform = breaks.lone_cr == 0 && (breaks.crlf == 0 || breaks.lone_lf == 0);
        if (change && uniform && profile.line_ending == LineEnding::Lf)
            for (Source* h : t.holders)
                for (const auto& sel : h->selections)
                    if (sel.kind == SelectionKind::PlainText &&
                        (inside_crlf(sel.start, breaks.lf_positions) || inside_crlf(sel.end, breaks.lf_positions)))
                        uniform = false;
        if (change && !uniform) {
            change = false;
            if (kept_line_breaks++ == 0) first_kept = t.entry;
        }
        std::string text = change ? with_line_ending(body, profile.line_ending) : std::string(body);
        if (change)
            for (Source* h : t.holders)
                for_each_position(*h, [&](std::int64_t& pos) { pos = moved(pos, breaks.lf_positions, profile.line_ending); });
        std::string written = (profile.bom ? "\xEF\xBB\xBF" : "") + text;
        if (written == bytes && !renamed) continue;
        if (renamed) removed.push_back(t.entry);
        rewritten[target_entry] = std::move(written);
    }
    // Other files (docx, media) keep their bytes and are copied raw under their new name.
    for (const auto& [key, name] : new_name) {
        if (base_name(entry_name[key]) != name && !text_index.count(key)) out.renames[key] = "sources/" + name;
    }
    if (kept_line_breaks > 0)
        diagnostics.info("line-endings-kept", label, {},
                         fmt::format("{} text file(s) keep their line breaks instead of {}'s {} (mixed line breaks, "
                                     "or a position between CR and LF), first '{}'; positions are written over "
                                     "the text as it is",
                                     kept_line_breaks, profile.tool,
                                     profile.line_ending == LineEnding::Lf ? "LF" : "CRLF", first_kept));
    if (!rewritten.empty() || !removed.empty()) p.store = with_files(p.store, std::move(rewritten), removed);
    return out;
}

}  // namespace refi::detail

// Applying summaries to the project as standard REFI-QDA notes. Identity is the deterministic note GUID, so a
// second import updates (or removes) the same note; links and refs are repaired if a tool dropped them.
#include <ctime>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/units.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/source_store.hpp"
#include "refi/text.hpp"
#include "summaries/summaries.hpp"
#include "summaries/summary_notes.hpp"

namespace framer {

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

namespace {

// Normalised GUIDs of the notes being removed; every reference to one of them goes in a single pass.
using GuidSet = std::unordered_set<std::string>;

bool in(const GuidSet& set, const std::string& guid) { return set.count(refi::normalize_guid(guid)) != 0; }

template <class Refs>  // std::vector<Ref> or refi::CompactVector<Ref>
void drop_refs(Refs& refs, const GuidSet& guids) {
    refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const refi::Ref& r) { return in(guids, r.target); }),
               refs.end());
}

void drop_note_refs(std::vector<refi::Code>& codes, const GuidSet& guids) {
    for (auto& c : codes) {
        drop_refs(c.note_refs, guids);
        drop_note_refs(c.children, guids);
    }
}

void drop_note_refs(refi::Selection& s, const GuidSet& guids);
void drop_note_refs(refi::Source& s, const GuidSet& guids) {
    drop_refs(s.note_refs, guids);
    for (auto& c : s.codings) drop_refs(c.note_refs, guids);
    for (auto& sel : s.selections) drop_note_refs(sel, guids);
    for (auto& t : s.transcripts) {
        drop_refs(t.note_refs, guids);
        for (auto& sel : t.selections) drop_note_refs(sel, guids);
    }
    if (s.representation) drop_note_refs(*s.representation, guids);
    if (s.text_description) drop_note_refs(*s.text_description, guids);
}
void drop_note_refs(refi::Selection& s, const GuidSet& guids) {
    drop_refs(s.note_refs, guids);
    for (auto& c : s.codings) drop_refs(c.note_refs, guids);
    if (s.representation) drop_note_refs(*s.representation, guids);
}

// Removes the notes and everything that points at them, so no reference dangles. One walk of the project for
// all of them (removing one at a time walked the whole project per note).
void remove_notes(refi::Project& p, const GuidSet& guids) {
    if (guids.empty()) return;
    p.notes.erase(std::remove_if(p.notes.begin(), p.notes.end(), [&](const refi::Note& n) { return in(guids, n.guid); }),
                  p.notes.end());
    drop_note_refs(p.codes, guids);
    for (auto& s : p.sources) drop_note_refs(s, guids);
    for (auto& n : p.notes) drop_note_refs(n, guids);
    drop_refs(p.note_refs, guids);
    for (auto& set : p.sets) drop_refs(set.member_notes, guids);
    p.links.erase(std::remove_if(p.links.begin(), p.links.end(),
                                 [&](const refi::Link& l) {
                                     return (l.origin && in(guids, *l.origin)) || (l.target && in(guids, *l.target));
                                 }),
                  p.links.end());
    for (auto& l : p.links) drop_refs(l.note_refs, guids);
}

void index_codes(std::vector<refi::Code>& codes, std::unordered_map<std::string, refi::Code*>& out) {
    for (auto& c : codes) {
        out.emplace(refi::normalize_guid(c.guid), &c);  // the first in depth-first order wins, as a scan found it
        index_codes(c.children, out);
    }
}

std::string link_key(const std::string& origin, const std::string& target) {
    return refi::normalize_guid(origin) + "|" + refi::normalize_guid(target);
}

// Lookups that were scans: notes by GUID, codes by GUID, links by origin|target, each code's note refs. Built
// once, kept up to date as notes, links and refs are added; rebuilt after removals (which shift positions).
struct Indexes {
    std::unordered_map<std::string, std::size_t> notes;  // normalised GUID -> first note with it
    std::unordered_map<std::string, refi::Code*> codes;
    std::unordered_set<std::string> links;
    std::unordered_map<const refi::Code*, std::unordered_set<std::string>> code_note_refs;  // filled on first use

    explicit Indexes(refi::Project& p) { rebuild(p); }
    void rebuild(refi::Project& p) {
        notes.clear();
        codes.clear();
        links.clear();
        code_note_refs.clear();
        for (std::size_t i = 0; i < p.notes.size(); ++i) notes.emplace(refi::normalize_guid(p.notes[i].guid), i);
        index_codes(p.codes, codes);
        for (const auto& l : p.links)
            if (l.origin && l.target) links.insert(link_key(*l.origin, *l.target));
    }
};


/// The text file of a summary note: QualCoder imports a Note as a journal only through its plainTextPath.
std::string note_file(const std::string& note_guid) { return note_guid + ".txt"; }

void ensure_link(refi::Project& p, Indexes& ix, const std::string& note_guid, const std::string& target,
                 const std::string& name, bool lower) {
    if (!ix.links.insert(link_key(note_guid, target)).second) return;
    refi::Link link;
    link.guid = refi::make_guid_from("framer-summary-link", refi::normalize_guid(note_guid) + refi::normalize_guid(target));
    if (lower) link.guid = refi::ascii_lower(link.guid);
    link.name = name;
    link.direction = "OneWay";
    link.origin = note_guid;
    link.target = target;
    p.links.push_back(std::move(link));
}

void ensure_note_ref(Indexes& ix, refi::Code& code, const std::string& note_guid) {
    auto [refs, fresh] = ix.code_note_refs.try_emplace(&code);
    if (fresh)
        for (const auto& r : code.note_refs) refs->second.insert(refi::normalize_guid(r.target));
    if (!refs->second.insert(refi::normalize_guid(note_guid)).second) return;
    refi::Ref ref;
    ref.target = note_guid;
    code.note_refs.push_back(std::move(ref));
}

}  // namespace

SummaryStats apply_summaries(refi::Project& project, const std::vector<SummaryEntry>& entries,
                             const SummaryOptions& options) {
    SummaryStats stats;
    const bool lower = uses_lower_case_guids(project);
    std::map<std::string, std::string> files;  // sources/NAME -> text of the notes added or updated
    std::vector<std::string> removed_files;
    const std::string now = options.now.value_or(utc_now());
    std::unordered_map<std::string, std::string> unit_names;
    {
        refi::ProjectIndex index(project);
        for (auto kind : {UnitKind::Source, UnitKind::Case})
            for (const auto& u : build_units(project, index, kind)) unit_names[refi::normalize_guid(u.guid)] = u.name;
    }
    std::optional<std::string> author_guid;
    auto author = [&]() -> const std::string& {
        if (!author_guid) {
            for (const auto& u : project.users)
                if (u.name && *u.name == options.author) author_guid = u.guid;
            if (!author_guid) {
                refi::User user;
                user.guid = refi::make_guid_from("framer-user", options.author);
                if (lower) user.guid = refi::ascii_lower(user.guid);
                user.name = options.author;
                project.users.push_back(user);
                author_guid = user.guid;
            }
        }
        return *author_guid;
    };

    // Cleared cells are collected and removed in one pass at the end. Removal only filters, and an entry never
    // touches another entry's note, so the result is the same as removing each at once -- unless the same note
    // comes back later in `entries`; then the pending removals are applied first, exactly as before.
    Indexes ix(project);
    GuidSet to_remove;
    auto flush = [&] {
        remove_notes(project, to_remove);
        to_remove.clear();
        ix.rebuild(project);
    };
    for (const auto& e : entries) {
        std::string note_guid = summary_note_guid(e.unit_guid, e.code_guid);
        const std::string key = refi::normalize_guid(note_guid);
        if (to_remove.count(key)) flush();
        auto found = ix.notes.find(key);
        refi::Note* note = found == ix.notes.end() ? nullptr : &project.notes[found->second];
        if (note)
            note_guid = note->guid;  // as the project spells it
        else if (lower)
            note_guid = refi::ascii_lower(note_guid);
        const std::string path = "internal://" + note_file(note_guid);
        if (e.summary.empty()) {
            if (note) {
                if (note->plain_text_path == path) removed_files.push_back("sources/" + note_file(note_guid));
                to_remove.insert(key);
                ++stats.removed;
            }
            continue;
        }
        auto code_it = ix.codes.find(refi::normalize_guid(e.code_guid));
        if (code_it == ix.codes.end()) continue;  // check_chart_cells guarantees it exists
        refi::Code* code = code_it->second;
        const std::string unit_name = unit_names[refi::normalize_guid(e.unit_guid)];
        const std::string name = summary_note_name(unit_name, code->name);
        if (!note) {
            refi::Note added;
            added.kind = refi::SourceKind::Text;
            added.guid = note_guid;
            added.name = name;
            added.plain_text_content = e.summary;
            added.plain_text_path = path;
            files["sources/" + note_file(note_guid)] = e.summary;
            added.authorship.creating_user = author();
            added.authorship.creation_date_time = now;
            added.authorship.modifying_user = author();
            added.authorship.modified_date_time = now;
            ix.notes.emplace(key, project.notes.size());
            project.notes.push_back(std::move(added));
            ++stats.added;
        } else {
            std::optional<std::string> current = note->plain_text_content;
            if (current == e.summary && note->name == name && note->plain_text_path == path) {
                ++stats.unchanged;
            } else {
                // The text is inline (for tools that read PlainTextContent) and in the note's own text file (for
                // QualCoder); a rich file the note pointed at would otherwise disagree with it.
                note->plain_text_content = e.summary;
                note->plain_text_path = path;
                files["sources/" + note_file(note_guid)] = e.summary;
                note->rich_text_path.reset();
                note->name = name;
                note->authorship.modifying_user = author();
                note->authorship.modified_date_time = now;
                ++stats.updated;
            }
        }
        ensure_note_ref(ix, *code, note_guid);
        ensure_link(project, ix, note_guid, e.unit_guid, "Summary of " + unit_name, lower);
        ensure_link(project, ix, note_guid, code->guid, "Summary of " + code->name, lower);
    }
    remove_notes(project, to_remove);
    if (!files.empty() || !removed_files.empty())
        project.store = refi::with_files(project.store, std::move(files), removed_files);
    return stats;
}

}  // namespace framer

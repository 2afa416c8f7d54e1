// Applying summaries to the project as standard REFI-QDA notes. Identity is the deterministic note GUID, so a
// second import updates (or removes) the same note; links and refs are repaired if a tool dropped them.
#include <ctime>
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/units.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
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

refi::Code* find_code(std::vector<refi::Code>& codes, const std::string& guid) {
    for (auto& c : codes) {
        if (refi::same_guid(c.guid, guid)) return &c;
        if (auto* found = find_code(c.children, guid)) return found;
    }
    return nullptr;
}

void drop_refs(std::vector<refi::Ref>& refs, const std::string& guid) {
    refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const refi::Ref& r) { return refi::same_guid(r.target, guid); }),
               refs.end());
}

void drop_note_refs(std::vector<refi::Code>& codes, const std::string& guid) {
    for (auto& c : codes) {
        drop_refs(c.note_refs, guid);
        drop_note_refs(c.children, guid);
    }
}

void drop_note_refs(refi::Selection& s, const std::string& guid);
void drop_note_refs(refi::Source& s, const std::string& guid) {
    drop_refs(s.note_refs, guid);
    for (auto& c : s.codings) drop_refs(c.note_refs, guid);
    for (auto& sel : s.selections) drop_note_refs(sel, guid);
    for (auto& t : s.transcripts) {
        drop_refs(t.note_refs, guid);
        for (auto& sel : t.selections) drop_note_refs(sel, guid);
    }
    if (s.representation) drop_note_refs(*s.representation, guid);
    if (s.text_description) drop_note_refs(*s.text_description, guid);
}
void drop_note_refs(refi::Selection& s, const std::string& guid) {
    drop_refs(s.note_refs, guid);
    for (auto& c : s.codings) drop_refs(c.note_refs, guid);
    if (s.representation) drop_note_refs(*s.representation, guid);
}

// Removes the note and everything that points at it, so no reference dangles.
void remove_note(refi::Project& p, const std::string& guid) {
    p.notes.erase(std::remove_if(p.notes.begin(), p.notes.end(),
                                 [&](const refi::Note& n) { return refi::same_guid(n.guid, guid); }),
                  p.notes.end());
    drop_note_refs(p.codes, guid);
    for (auto& s : p.sources) drop_note_refs(s, guid);
    for (auto& n : p.notes) drop_note_refs(n, guid);
    drop_refs(p.note_refs, guid);
    for (auto& set : p.sets) drop_refs(set.member_notes, guid);
    p.links.erase(std::remove_if(p.links.begin(), p.links.end(),
                                 [&](const refi::Link& l) {
                                     return (l.origin && refi::same_guid(*l.origin, guid)) ||
                                            (l.target && refi::same_guid(*l.target, guid));
                                 }),
                  p.links.end());
    for (auto& l : p.links) drop_refs(l.note_refs, guid);
}

void ensure_link(refi::Project& p, const std::string& note_guid, const std::string& target, const std::string& name) {
    for (const auto& l : p.links)
        if (l.origin && l.target && refi::same_guid(*l.origin, note_guid) && refi::same_guid(*l.target, target)) return;
    refi::Link link;
    link.guid = refi::make_guid_from("framer-summary-link", refi::normalize_guid(note_guid) + refi::normalize_guid(target));
    link.name = name;
    link.direction = "OneWay";
    link.origin = note_guid;
    link.target = target;
    p.links.push_back(std::move(link));
}

void ensure_note_ref(refi::Code& code, const std::string& note_guid) {
    for (const auto& r : code.note_refs)
        if (refi::same_guid(r.target, note_guid)) return;
    refi::Ref ref;
    ref.target = note_guid;
    code.note_refs.push_back(std::move(ref));
}

}  // namespace

SummaryStats apply_summaries(refi::Project& project, const std::vector<SummaryEntry>& entries,
                             const SummaryOptions& options) {
    SummaryStats stats;
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
                user.name = options.author;
                project.users.push_back(user);
                author_guid = user.guid;
            }
        }
        return *author_guid;
    };

    for (const auto& e : entries) {
        const std::string note_guid = summary_note_guid(e.unit_guid, e.code_guid);
        auto it = std::find_if(project.notes.begin(), project.notes.end(),
                               [&](const refi::Note& n) { return refi::same_guid(n.guid, note_guid); });
        if (e.summary.empty()) {
            if (it != project.notes.end()) {
                remove_note(project, note_guid);
                ++stats.removed;
            }
            continue;
        }
        refi::Code* code = find_code(project.codes, e.code_guid);
        if (!code) continue;  // check_chart_cells guarantees it exists
        const std::string unit_name = unit_names[refi::normalize_guid(e.unit_guid)];
        const std::string name = summary_note_name(unit_name, code->name);
        if (it == project.notes.end()) {
            refi::Note note;
            note.kind = refi::SourceKind::Text;
            note.guid = note_guid;
            note.name = name;
            note.plain_text_content = e.summary;
            note.authorship.creating_user = author();
            note.authorship.creation_date_time = now;
            note.authorship.modifying_user = author();
            note.authorship.modified_date_time = now;
            project.notes.push_back(std::move(note));
            ++stats.added;
        } else {
            std::optional<std::string> current = it->plain_text_content;
            if (current == e.summary && it->name == name) {
                ++stats.unchanged;
            } else {
                // The text now lives inline; a file the note pointed at would otherwise win over it.
                it->plain_text_content = e.summary;
                it->plain_text_path.reset();
                it->rich_text_path.reset();
                it->name = name;
                it->authorship.modifying_user = author();
                it->authorship.modified_date_time = now;
                ++stats.updated;
            }
        }
        ensure_note_ref(*code, note_guid);
        ensure_link(project, note_guid, e.unit_guid, "Summary of " + unit_name);
        ensure_link(project, note_guid, code->guid, "Summary of " + code->name);
    }
    return stats;
}

}  // namespace framer

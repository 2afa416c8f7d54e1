// The document form of chart summaries: one generated TextSource per unit, a paragraph per summary coded with its
// code. The document is rebuilt whole from what it held plus the entries, so applying again updates it; its GUIDs
// (source, selections, codings) derive from unit and code, so they are stable.
#include "summaries/summary_document.hpp"

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
#include "summaries/summary_notes.hpp"

namespace framer {

namespace {

/// The codes in codebook order (depth first), with the path shown above each paragraph ("Theme › Subtheme").
void code_order(const std::vector<refi::Code>& codes, const std::string& prefix,
                std::vector<std::pair<const refi::Code*, std::string>>& out) {
    for (const auto& c : codes) {
        std::string path = prefix.empty() ? c.name : prefix + " \u203A " + c.name;
        out.emplace_back(&c, path);
        code_order(c.children, path, out);
    }
}

std::string guid_in(const std::string& guid, bool lower) { return lower ? refi::ascii_lower(guid) : guid; }

std::string key(const std::string& unit, const std::string& code) {
    return refi::normalize_guid(unit) + refi::normalize_guid(code);
}

void drop_source_refs(std::vector<refi::Ref>& refs, const std::string& guid) {
    refs.erase(std::remove_if(refs.begin(), refs.end(),
                              [&](const refi::Ref& r) { return refi::same_guid(r.target, guid); }),
               refs.end());
}

/// Everything that points at a removed generated source or its selections.
void remove_references(refi::Project& p, const refi::Source& removed) {
    std::unordered_set<std::string> selections;
    for (const auto& sel : removed.selections) selections.insert(refi::normalize_guid(sel.guid));
    for (auto& c : p.cases) {
        drop_source_refs(c.source_refs, removed.guid);
        c.selection_refs.erase(std::remove_if(c.selection_refs.begin(), c.selection_refs.end(),
                                              [&](const refi::Ref& r) {
                                                  return selections.count(refi::normalize_guid(r.target)) != 0;
                                              }),
                               c.selection_refs.end());
    }
    for (auto& s : p.sets) drop_source_refs(s.member_sources, removed.guid);
    p.links.erase(std::remove_if(p.links.begin(), p.links.end(),
                                 [&](const refi::Link& l) {
                                     auto hit = [&](const std::optional<std::string>& g) {
                                         return g && (refi::same_guid(*g, removed.guid) ||
                                                      selections.count(refi::normalize_guid(*g)));
                                     };
                                     return hit(l.origin) || hit(l.target);
                                 }),
                  p.links.end());
}


}  // namespace

std::string summary_document_guid(const refi::Guid& unit_guid) {
    return refi::make_guid_from("framer-summary-document", refi::normalize_guid(unit_guid));
}

std::string summary_document_name(const std::string& unit_name) { return "Framework summaries: " + unit_name; }

std::vector<std::pair<refi::Guid, std::string>> summaries_in_document(const refi::Project& project,
                                                                      const refi::Source& document) {
    std::vector<std::pair<refi::Guid, std::string>> out;
    if (!is_generated_summary_source(document)) return out;
    auto text = refi::load_plain_text(project, document);
    if (!text) return out;
    for (const auto& sel : document.selections) {
        if (sel.kind != refi::SelectionKind::PlainText || sel.codings.empty()) continue;
        out.emplace_back(sel.codings.front().code.target,
                         std::string(refi::substr_code_points(*text, sel.start, sel.end)));
    }
    return out;
}

SummaryStats apply_summary_documents(refi::Project& project, const std::vector<SummaryEntry>& entries,
                                     const SummaryOptions& options) {
    SummaryStats stats;
    if (entries.empty()) return stats;
    const bool lower = uses_lower_case_guids(project);
    const std::string now = options.now.value_or(utc_now());

    // Units by GUID (the entries were checked against them), and the cases among them.
    std::unordered_map<std::string, std::string> unit_names;
    std::unordered_map<std::string, bool> unit_is_case;
    {
        refi::ProjectIndex index(project);
        for (auto kind : {UnitKind::Source, UnitKind::Case})
            for (const auto& u : build_units(project, index, kind)) {
                unit_names[refi::normalize_guid(u.guid)] = u.name;
                unit_is_case[refi::normalize_guid(u.guid)] = kind == UnitKind::Case;
            }
    }
    std::vector<std::pair<const refi::Code*, std::string>> order;
    code_order(project.codes, "", order);

    // The units the entries touch, in the order they first appear.
    std::vector<std::string> units;
    std::unordered_map<std::string, std::vector<const SummaryEntry*>> by_unit;
    for (const auto& e : entries) {
        std::string u = refi::normalize_guid(e.unit_guid);
        if (!by_unit.count(u)) units.push_back(u);
        by_unit[u].push_back(&e);
    }

    std::string author_guid;
    for (const auto& u : project.users)
        if (u.name && *u.name == options.author) author_guid = u.guid;
    if (author_guid.empty()) {
        refi::User user;
        user.guid = guid_in(refi::make_guid_from("framer-user", options.author), lower);
        user.name = options.author;
        project.users.push_back(user);
        author_guid = user.guid;
    }

    std::map<std::string, std::string> files;
    std::vector<std::string> removed_files;
    for (const auto& unit_key : units) {
        const std::string& unit_guid = by_unit[unit_key].front()->unit_guid;
        const std::string unit_name = unit_names[unit_key];
        const std::string name = summary_document_name(unit_name);
        // The generated source: by its GUID, else (a tool re-minted the GUIDs) by name and marker.
        const std::string doc_guid = summary_document_guid(unit_guid);
        auto found = std::find_if(project.sources.begin(), project.sources.end(), [&](const refi::Source& s) {
            return refi::same_guid(s.guid, doc_guid) || (is_generated_summary_source(s) && s.name == name);
        });
        // What it held (code GUID normalised -> text), then the entries applied.
        std::map<std::string, std::string> held;
        if (found != project.sources.end())
            for (auto& [code, text] : summaries_in_document(project, *found)) held[refi::normalize_guid(code)] = text;
        std::map<std::string, std::string> wanted = held;
        for (const SummaryEntry* e : by_unit[unit_key]) {
            std::string code = refi::normalize_guid(e->code_guid);
            auto it = held.find(code);
            if (e->summary.empty()) {
                if (it != held.end()) ++stats.removed;
                wanted.erase(code);
            } else {
                if (it == held.end()) ++stats.added;
                else if (it->second == e->summary) ++stats.unchanged;
                else ++stats.updated;
                wanted[code] = e->summary;
            }
        }
        if (wanted == held && found != project.sources.end()) continue;  // nothing to rebuild

        refi::Source doc;
        if (found != project.sources.end()) {
            doc = *found;  // keeps what a tool added (variables, notes, a description after the marker)
            if (doc.plain_text_path) {
                auto r = refi::resolve_path(*doc.plain_text_path);
                removed_files.push_back("sources/" + r.path);
            }
        } else {
            doc.guid = guid_in(doc_guid, lower);
            doc.authorship.creating_user = author_guid;
            doc.authorship.creation_date_time = now;
        }
        doc.kind = refi::SourceKind::Text;
        doc.name = name;
        doc.description = k_generated_summary_marker;
        doc.plain_text_content.reset();
        doc.rich_text_path.reset();
        doc.authorship.modifying_user = author_guid;
        doc.authorship.modified_date_time = now;
        doc.selections.clear();

        if (wanted.empty()) {
            if (found != project.sources.end()) {
                refi::Source gone = *found;
                project.sources.erase(found);
                remove_references(project, gone);
            }
            continue;
        }
        // The text: a title line, then per summary (codebook order) the code's path on its own line and the
        // summary as the paragraph below it. Only the summary is coded. Newlines are LF and the file has no BOM,
        // so the code point positions here are what every dialect counts, except NVivo over emoji, which the
        // writer converts.
        std::string text = name + "\n";
        std::int64_t cp = static_cast<std::int64_t>(refi::count_code_points(text));
        for (const auto& [code, path] : order) {
            auto it = wanted.find(refi::normalize_guid(code->guid));
            if (it == wanted.end()) continue;
            std::string heading = "\n" + path + "\n";
            text += heading;
            cp += static_cast<std::int64_t>(refi::count_code_points(heading));
            refi::Selection sel;
            sel.guid = guid_in(refi::make_guid_from("framer-summary-paragraph", key(unit_guid, code->guid)), lower);
            sel.name = path;
            sel.start = cp;
            std::string summary = it->second;
            // A paragraph is LF-separated like the rest of the text (a chart cell may hold CRLF from a spreadsheet).
            summary.erase(std::remove(summary.begin(), summary.end(), '\r'), summary.end());
            text += summary + "\n";
            cp += static_cast<std::int64_t>(refi::count_code_points(summary));
            sel.end = cp;
            cp += 1;
            sel.authorship.creating_user = author_guid;
            sel.authorship.creation_date_time = now;
            refi::Coding coding;
            coding.guid = guid_in(refi::make_guid_from("framer-summary-coding", key(unit_guid, code->guid)), lower);
            coding.creating_user = author_guid;
            coding.creation_date_time = now;
            coding.code.target = code->guid;
            sel.codings.push_back(std::move(coding));
            doc.selections.push_back(std::move(sel));
        }
        const std::string file = doc.guid + ".txt";
        doc.plain_text_path = "internal://" + file;
        files["sources/" + file] = text;
        std::string guid = doc.guid;
        if (found != project.sources.end())
            *found = std::move(doc);
        else
            project.sources.push_back(std::move(doc));
        // The participant's case refers to its summaries, so tools show them under the case (repaired if a tool
        // dropped the reference).
        if (unit_is_case[unit_key])
            for (auto& c : project.cases)
                if (refi::same_guid(c.guid, unit_guid) &&
                    std::none_of(c.source_refs.begin(), c.source_refs.end(),
                                 [&](const refi::Ref& r) { return refi::same_guid(r.target, guid); }))
                    c.source_refs.push_back({guid, {}, {}});
    }
    if (!files.empty() || !removed_files.empty())
        project.store = refi::with_files(project.store, std::move(files), removed_files);
    return stats;
}

}  // namespace framer

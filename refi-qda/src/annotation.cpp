// QualCoder's annotation notes: which notes are annotations, and of which source (see refi/annotation.hpp).
#include "refi/annotation.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace refi {

bool looks_like_annotation(const Project& project, const Note& note) {
    if (note.plain_text_path || note.rich_text_path) return false;
    bool any = false;
    std::int64_t furthest = 0;
    for (const auto& s : note.selections) {
        if (s.kind != SelectionKind::PlainText) continue;
        if (!s.codings.empty()) return false;  // a coded passage of the memo itself
        any = true;
        furthest = std::max(furthest, s.end);
    }
    if (!any) return false;
    if (project.dialect == Dialect::QualCoder) return true;
    const std::int64_t own = note.plain_text_content
                                 ? static_cast<std::int64_t>(count_code_points(strip_bom(*note.plain_text_content)))
                                 : 0;
    return furthest > own;
}

std::vector<const Source*> annotated_sources(const Project& project) {
    std::vector<const Source*> out(project.notes.size(), nullptr);
    if (project.notes.empty()) return out;
    // Normalised note GUID -> the one TextSource referring to it (null once a second one does).
    std::unordered_map<std::string, const Source*> referrer;
    for (const auto& s : project.sources) {
        if (s.kind != SourceKind::Text) continue;
        for (const auto& r : s.note_refs) {
            auto [it, fresh] = referrer.emplace(normalize_guid(r.target), &s);
            if (!fresh && it->second != &s) it->second = nullptr;
        }
    }
    for (std::size_t i = 0; i < project.notes.size(); ++i) {
        const Note& n = project.notes[i];
        auto it = referrer.find(normalize_guid(n.guid));
        if (it == referrer.end() || !it->second) continue;
        if (looks_like_annotation(project, n)) out[i] = it->second;
    }
    return out;
}

}  // namespace refi

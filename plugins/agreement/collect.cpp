// The walk mirrors tabulate's (theme_table/code_counts.cpp): codings anywhere in a source count for presence;
// only plain-text selections of the text that positions refer to count for characters and segments.
#include "agreement/collect.hpp"

#include <algorithm>

#include "core/units.hpp"
#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer::agreement {
namespace {

class Walker {
public:
    Walker(const CodeTree& tree, const std::array<std::vector<std::string>, 2>& coders, CollectStats& stats)
        : m_tree(tree), m_coders(coders), m_stats(stats) {}

    void walk(const refi::Source& source, Document& doc) {
        // The text positions refer to: a TextSource's own, or a PDF's Representation.
        const bool text_source = source.kind == refi::SourceKind::Text;
        add(source.codings, source.authorship.creating_user, doc, text_source || source.representation ? Whole : None);
        selections(source.selections, doc, text_source);
        if (source.representation) {
            add(source.representation->codings, source.representation->authorship.creating_user, doc, Whole);
            selections(source.representation->selections, doc, true);
        }
        if (source.text_description) {
            add(source.text_description->codings, source.text_description->authorship.creating_user, doc, None);
            selections(source.text_description->selections, doc, false);
        }
        for (const auto& t : source.transcripts) selections(t.selections, doc, false);
    }

private:
    const CodeTree& m_tree;
    const std::array<std::vector<std::string>, 2>& m_coders;
    CollectStats& m_stats;

    int coder_of(const refi::OptString& user) const {
        if (!user) return -1;
        const std::string g = refi::normalize_guid(*user);
        for (int i = 0; i < 2; ++i)
            if (std::find(m_coders[i].begin(), m_coders[i].end(), g) != m_coders[i].end()) return i;
        return -2;
    }

    void selections(const std::vector<refi::Selection>& list, Document& doc, bool on_text) {
        for (const auto& s : list) {
            const bool text = on_text && s.kind == refi::SelectionKind::PlainText;
            add(s.codings, s.authorship.creating_user, doc, text ? Range : None, Span{s.start, s.end});
            if (s.representation) {
                // A PDF selection's own Representation: its text is not the document's, so presence only.
                add(s.representation->codings, s.representation->authorship.creating_user, doc, None);
                selections(s.representation->selections, doc, false);
            }
        }
    }

    /// What a coding covers: a range of the document's text, all of it, or nothing measurable (presence only).
    enum Extent { Range, Whole, None };

    void add(const std::vector<refi::Coding>& codings, const refi::OptString& fallback_user,
             Document& doc, Extent extent, Span span = {}) {
        for (const auto& coding : codings) {
            const int coder = coder_of(coding.creating_user ? coding.creating_user : fallback_user);
            if (coder == -1) { ++m_stats.codings_without_user; continue; }
            if (coder == -2) { ++m_stats.codings_other_users; continue; }
            const int code = m_tree.find(coding.code.target);
            if (code < 0) { ++m_stats.codings_missing_code; continue; }
            CoderCodings& mine = doc.coders[static_cast<std::size_t>(coder)];
            ++mine.codings[code];
            ++mine.total;
            if (extent == Range)
                mine.spans[code].push_back(span);
            else if (extent == Whole)
                ++mine.whole[code];
            else
                ++m_stats.non_text_codings;
        }
    }
};

}  // namespace

std::vector<Document> collect_codings(const refi::Project& project, const CodeTree& tree,
                                      const std::array<std::vector<std::string>, 2>& coders, CollectStats& stats) {
    std::vector<Document> out;
    out.reserve(project.sources.size());
    Walker walker(tree, coders, stats);
    for (const auto& source : project.sources) {
        Document doc;
        doc.source = &source;
        doc.name = source_display_name(source);
        walker.walk(source, doc);
        out.push_back(std::move(doc));
    }
    return out;
}

void load_text(const refi::Project& project, Document& doc, CollectStats& stats) {
    const refi::Source& source = *doc.source;
    const refi::Source* holder = source.kind == refi::SourceKind::Text ? &source
                                 : source.representation          ? source.representation.get()
                                                                   : nullptr;
    if (holder) {
        doc.text = refi::load_plain_text(project, *holder);
        if (!doc.text) ++stats.sources_without_text;
    }
    doc.length = doc.text ? static_cast<std::int64_t>(refi::count_code_points(*doc.text)) : 0;
    for (auto& coder : doc.coders) {
        for (const auto& [code, n] : coder.whole) {
            if (!doc.text) { stats.non_text_codings += n; continue; }
            for (std::int64_t i = 0; i < n; ++i) coder.spans[code].push_back({0, doc.length});
        }
        for (auto& [code, spans] : coder.spans) {
            if (!doc.text) {
                // No text to measure against: these codings still count for presence.
                stats.non_text_codings += static_cast<std::int64_t>(spans.size());
                spans.clear();
                continue;
            }
            for (auto& s : spans) {
                Span cut{std::clamp<std::int64_t>(s.start, 0, doc.length), std::clamp<std::int64_t>(s.end, 0, doc.length)};
                if (!(cut == s)) ++stats.clamped_spans;
                s = cut;
            }
        }
    }
}

}  // namespace framer::agreement

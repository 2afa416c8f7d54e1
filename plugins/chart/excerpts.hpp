#pragma once
/// The coded data of one unit: every coding of its sources (and of the case itself) as an excerpt with its
/// exact text, in source order. Shared by the matrix chart and the per-unit chart.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/units.hpp"
#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer::chart {

/// One coding of a unit, resolved for display. Light on purpose (a 100,000-coding project makes 100,000 of
/// these): it points into the project and into the TextCache, which must outlive it.
struct Excerpt {
    const char* kind = "text";  ///< "text", "source" (whole source), "case" (the case itself), "pdf", "picture",
                                ///< "audio", "video", "transcript"
    std::string_view text;      ///< the coded text (code points [start, end) of the plain text); empty for media
    const refi::Source* source = nullptr;        ///< null for a coding of the case itself
    const refi::Selection* selection = nullptr;  ///< null for whole-source and case codings
    std::int64_t start = 0;     ///< code points (text), milliseconds (audio/video), page (pdf)
    std::int64_t end = 0;
    const std::string* coder = nullptr;     ///< user name (else initials, else GUID) of the coding, else of the selection
    const std::string* code_key = nullptr;  ///< normalised GUID of the code it is coded with (interned)
    const void* dedupe_key = nullptr;       ///< same selection (or whole source) coded twice in one cell shows once
    /// source_display_name(*source), made once per source (TextCache::source_label) rather than once per cell
    /// every time a streamed row is rebuilt; null: made when asked for.
    const std::string* source_label = nullptr;

    /// The source as the reader knows it (its name, else its file's name; see source_display_name).
    std::string source_name() const {
        return source_label ? *source_label : source ? source_display_name(*source) : std::string();
    }
};

/// Loads each source's plain text once, however many units share the source, and owns what excerpts point to.
class TextCache {
public:
    explicit TextCache(const refi::Project& project) : m_project(project) {}
    /// The plain text of a text-bearing element, or nullptr if it has none.
    const std::string* text_of(const refi::Source& source);
    const std::string* text_of(const refi::Transcript& transcript);
    /// Coder display name of a user GUID (as written), resolved once per project rather than once per coding.
    const std::string* coder_name(const refi::ProjectIndex& index, const refi::OptString& user);
    /// A stable copy of a normalised GUID, shared by every excerpt of that code.
    const std::string* intern(std::string key);
    /// source_display_name(source), made once per source.
    const std::string* source_label(const refi::Source& source);
private:
    const refi::Project& m_project;
    std::map<const void*, std::shared_ptr<const std::string>> m_texts;  ///< shared: sources over one file hold one copy
    std::unordered_map<std::string, std::string> m_coder_names;
    std::unordered_set<std::string> m_keys;
    std::unordered_map<const refi::Source*, std::string> m_source_labels;
};

/// The user's display name for a coder GUID: name, else id (initials), else the GUID as written.
std::string user_display_name(const refi::ProjectIndex& index, const std::optional<refi::Guid>& user);

/// Every coding of `unit`, in source order (the unit's sources in order, then by start and end).
std::vector<Excerpt> collect_excerpts(const refi::ProjectIndex& index, const Unit& unit, TextCache& texts);

/// The excerpts of one chart cell, in the order added: one per coded range, listing every coder who coded it.
/// Two coders who each selected the same range of the same text (double coding) give one excerpt showing both
/// names, not the same quotation twice; a selection coded twice with one code shows once. Media, PDF and
/// whole-source codings merge only when they are codings of the same selection or source.
class CellExcerpts {
public:
    void add(const Excerpt& e);
    /// Empty again, keeping what it allocated: one CellExcerpts serves every cell of a streamed table.
    void clear();
    std::vector<const Excerpt*> excerpts;
    std::vector<std::string> coders;  ///< per excerpt: "Marta Núñez, Daniel Okoro"
    /// Per excerpt: the other selections of the same range merged into it (the second coder's), so json keeps
    /// every coding's selection GUID.
    std::vector<std::vector<const Excerpt*>> merged;
private:
    struct Key {
        const void* where;
        std::int64_t start, end;
        bool operator==(const Key& o) const { return where == o.where && start == o.start && end == o.end; }
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<const void*>()(k.where) ^ (std::hash<std::int64_t>()(k.start) * 31u) ^
                   (std::hash<std::int64_t>()(k.end) * 131u);
        }
    };
    static Key key_of(const Excerpt& e);
    std::vector<Key> m_keys;  ///< key_of(*excerpts[i]), made once per excerpt added
    /// Built once a cell has more than a few excerpts (small cells, nearly all of them, compare in a loop).
    std::unordered_map<Key, std::size_t, KeyHash> m_seen;
};

/// How an excerpt reads in a document cell or the long csv: "[source start–end, coder] text".
/// `coder` overrides excerpt.coder when given.
std::string format_excerpt(const Excerpt& excerpt, const std::string* coder = nullptr);
/// The same, appended to `out`: a streamed table's cell is rebuilt for every pass of every exporter, into a
/// buffer it keeps, so it costs no temporary strings.
void append_excerpt(std::string& out, const Excerpt& excerpt, const std::string* coder = nullptr);
/// A document cell's text: its excerpts as append_excerpt writes them, a blank line apart, into `text` (cleared
/// first, so a streamed table's reused cell keeps its buffer); empty for a null cell.
void set_cell_text(std::string& text, const CellExcerpts* cell);

}  // namespace framer::chart

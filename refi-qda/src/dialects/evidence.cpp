// Evidence, not trust: which position counting a project's selections fit, checked against the text they cover.
// A project read in the wrong dialect shows every excerpt after an emoji or a CRLF shifted; this finds it.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "refi/dialect.hpp"
#include "refi/text.hpp"

namespace refi {

namespace {

constexpr PositionCounting k_countings[] = {PositionCounting::CodePoints, PositionCounting::Utf16Units,
                                            PositionCounting::CodePointsLfOnly};

/// The countings differ only over a CR or a 4-byte UTF-8 sequence.
bool countings_differ(std::string_view text) {
    // Eight bytes at a time (every text of a project is scanned here, most of them plain): a byte is '\r' or at
    // least 0xF0 exactly when the borrow test flags it (the flags of the first such byte are exact).
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0, n = text.size();
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        const std::uint64_t cr = w ^ (ones * '\r'), high = (w & (ones * 0xF0)) ^ (ones * 0xF0);
        if ((((cr - ones) & ~cr) | ((high - ones) & ~high)) & highs) return true;
    }
    for (; i < n; ++i)
        if (p[i] == '\r' || p[i] >= 0xF0) return true;
    return false;
}

/// Part of a word: ASCII letters and digits, and letters beyond ASCII (not punctuation, symbols or emoji).
bool wordish(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || c >= 0x1F000) return false;
    return c != 0xD7 && c != 0xF7;
}

bool at_boundaries(const CodePointIndex& t, std::int64_t start, std::int64_t end) {
    auto n = t.size();
    if (start < 0 || end > n || start >= end) return false;
    // Each end found once, its neighbours stepped to: this runs three times for every selection of a text with a
    // CR or an emoji (one per counting), and finding four code points by index each time was most of it.
    const std::size_t s = t.byte_of(start), e = t.byte_of(end);
    bool start_ok = start == 0 || !wordish(t.at_byte(t.previous_byte(s))) || !wordish(t.at_byte(s));
    bool end_ok = end == n || !wordish(t.at_byte(e)) || !wordish(t.at_byte(t.previous_byte(e)));
    return start_ok && end_ok;
}

std::u32string squeeze(std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xA0) out.push_back(c);
    return out;
}

/// A name that quotes the text: not empty, not MAXQDA's "start,end", the ellipsis of a cut quote removed.
std::optional<std::u32string> quoted_name(const std::optional<std::string>& name) {
    if (!name || name->empty()) return std::nullopt;
    bool numbers = true;
    for (char c : *name) numbers = numbers && ((c >= '0' && c <= '9') || c == ',' || c == ' ');
    if (numbers) return std::nullopt;
    std::u32string s = decode_utf8(*name);
    while (!s.empty() && (s.back() == 0x2026 || s.back() == '.')) s.pop_back();
    s = squeeze(s);
    if (s.size() < 4) return std::nullopt;
    return s;
}

bool name_fits(const std::u32string& name, const CodePointIndex& t, std::int64_t start, std::int64_t end) {
    auto n = t.size();
    if (start < 0 || end > n || start >= end) return false;
    // Only as much of the covered text as the name can match (a selection may cover a whole transcript).
    std::int64_t enough = std::min<std::int64_t>(end, start + static_cast<std::int64_t>(name.size()) * 4 + 64);
    std::u32string covered = squeeze(decode_utf8(t.slice(start, enough)));
    if (covered.size() < name.size() && enough < end) covered = squeeze(decode_utf8(t.slice(start, end)));
    // The name is the quote's beginning (or all of it), never longer than what it covers.
    return covered.rfind(name, 0) == 0;
}

std::string excerpt_of(const CodePointIndex& t, std::int64_t start, std::int64_t end) {
    std::string out;
    start = std::clamp<std::int64_t>(start, 0, t.size());
    end = std::clamp<std::int64_t>(end, start, std::min<std::int64_t>(t.size(), start + 40));
    for (char32_t c : decode_utf8(t.slice(start, end))) {
        if (c == '\r') { out += "\\r"; continue; }
        if (c == '\n') { out += "\\n"; continue; }
        append_utf8(out, c);
    }
    return out;
}

Dialect dialect_for(PositionCounting c, Dialect declared) {
    if (position_counting(declared) == c) return declared;
    switch (c) {
        case PositionCounting::Utf16Units: return Dialect::Nvivo;
        case PositionCounting::CodePointsLfOnly: return Dialect::Atlasti;
        case PositionCounting::CodePoints: return Dialect::Standard;
    }
    return Dialect::Standard;
}

/// The maps of the text last checked.
struct TextMaps {
    std::string probed_path;      ///< the plainTextPath whose bytes were looked at last
    bool probed_differs = false;  ///< whether they have a CR or a 4-byte character
    std::shared_ptr<const std::string> text;
    std::optional<CodePointIndex> cps;
    std::vector<OffsetMap> maps;
};

/// `kept`: where the texts go when the caller reads them next (position_evidence with texts), else null.
void check_holder(const Project& project, const Source& holder, const std::string& label, PositionEvidence& ev,
                  TextMaps& cache, std::vector<std::shared_ptr<const std::string>>* kept) {
    bool has_text_selection = false;
    for (const auto& s : holder.selections) has_text_selection |= s.kind == SelectionKind::PlainText;
    if (!has_text_selection) return;
    std::shared_ptr<const std::string> text;
    try {
        // The bytes first, as stored: most texts have neither a CR nor a 4-byte character, and those are passed
        // over without being checked and without the copy a text for use is (UTF-8 checked, shared). A BOM has
        // neither. Sources that share one file (NVivo: a source per case over one transcript) look at it once.
        // A caller that keeps the texts gets that copy at once: it would load it next anyway. Only a file's text
        // is kept: shared_plain_text shares those; inline PlainTextContent is copied anew for each caller.
        const bool from_file = holder.plain_text_path && !holder.plain_text_content;
        if (kept) {
            text = shared_plain_text(project, holder);
            if (text && from_file && (kept->empty() || kept->back() != text)) kept->push_back(text);
        } else if (from_file) {
            if (*holder.plain_text_path != cache.probed_path) {
                const std::optional<std::string> bytes = plain_text_bytes(project, holder);
                cache.probed_path = *holder.plain_text_path;
                cache.probed_differs = bytes && countings_differ(*bytes);
            }
            if (!cache.probed_differs) return;
            // The shared copy, not the probed bytes: the caller (validate) may hold it already, and a private copy
            // beside it doubled a large text's peak (24 MB text: +14.6 MB, tests/cli/test_memory_bounds.cpp).
            text = shared_plain_text(project, holder);
        } else {
            text = shared_plain_text(project, holder);  // PlainTextContent inline
        }
    } catch (const Error&) {
        return;  // validate reports unreadable text; nothing to weigh here
    }
    if (!text || !countings_differ(*text)) return;
    // Sources that share one file (shared_plain_text gives them one copy) share its maps too.
    if (cache.text != text) {
        cache.text = text;
        cache.cps.emplace(*text);
        cache.maps.clear();
        for (auto c : k_countings) cache.maps.emplace_back(*text, c);
    }
    const CodePointIndex& cps = *cache.cps;
    // The declared counting is one of the three: its map is already there.
    std::size_t declared_at = 0;
    for (std::size_t c = 0; c < std::size(k_countings); ++c)
        if (k_countings[c] == position_counting(ev.declared)) declared_at = c;
    const OffsetMap& declared = cache.maps[declared_at];
    const std::vector<OffsetMap>& maps = cache.maps;
    std::vector<std::size_t> fitting(std::size(k_countings), 0);
    std::size_t checked = 0;
    std::string first_misfit;
    for (const auto& s : holder.selections) {
        if (s.kind != SelectionKind::PlainText) continue;
        // The numbers as the file holds them, then read in each counting.
        std::int64_t raw_start = declared.from_code_points(s.start), raw_end = declared.from_code_points(s.end);
        auto name = quoted_name(s.name.to_optional());
        ++checked;
        bool any = false;
        // Where two countings read the numbers as the same code points (before the text's first CR or emoji,
        // and UTF-16 beside code points in a text without emoji), the first one's answer is theirs too.
        std::int64_t starts[std::size(k_countings)], ends[std::size(k_countings)];
        bool fit[std::size(k_countings)];
        for (std::size_t c = 0; c < maps.size(); ++c) {
            starts[c] = maps[c].to_code_points(raw_start);
            ends[c] = maps[c].to_code_points(raw_end);
            std::size_t same = 0;
            while (same < c && (starts[same] != starts[c] || ends[same] != ends[c])) ++same;
            fit[c] = same < c ? fit[same]
                              : name ? name_fits(*name, cps, starts[c], ends[c]) : at_boundaries(cps, starts[c], ends[c]);
            if (fit[c]) ++fitting[c];
            any |= fit[c];
        }
        if (!any && first_misfit.empty())
            first_misfit = fmt::format("selection {} covers '{}'", s.guid, excerpt_of(cps, s.start, s.end));
    }
    if (checked == 0) return;
    ++ev.sources_checked;
    ev.checked += checked;
    for (std::size_t c = 0; c < maps.size(); ++c) ev.fits[c].fitting += fitting[c];
    std::size_t best = *std::max_element(fitting.begin(), fitting.end());
    if (checked >= 3 && best * 2 < checked)
        ev.misfits.push_back(fmt::format("{}: {} of {} selections fit no counting; first: {}", label, checked - best,
                                         checked, first_misfit.empty() ? "(none)" : first_misfit));
}

}  // namespace

const char* to_string(PositionCounting c) {
    switch (c) {
        case PositionCounting::CodePoints: return "code points";
        case PositionCounting::Utf16Units: return "UTF-16 units";
        case PositionCounting::CodePointsLfOnly: return "CRLF as one";
    }
    return "code points";
}

std::size_t PositionEvidence::fitting(PositionCounting c) const {
    for (const auto& f : fits)
        if (f.counting == c) return f.fitting;
    return 0;
}

namespace {

PositionEvidence gather_evidence(const Project& project, std::vector<std::shared_ptr<const std::string>>* kept) {
    PositionEvidence ev;
    ev.declared = project.dialect;
    for (auto c : k_countings) ev.fits.push_back({c, 0});
    TextMaps cache;
    for (const auto& s : project.sources) {
        std::string label = s.name && !s.name->empty() ? *s.name : s.guid;
        if (s.kind == SourceKind::Text) check_holder(project, s, label, ev, cache, kept);
        if (s.representation) check_holder(project, *s.representation, label, ev, cache, kept);
    }
    if (ev.checked == 0) return ev;
    PositionCounting mine = position_counting(ev.declared);
    std::size_t own = ev.fitting(mine);
    const PositionEvidence::Fit* best = nullptr;
    for (const auto& f : ev.fits)
        if (f.counting != mine && (!best || f.fitting > best->fitting)) best = &f;
    // Clearly better: more fit, and at most half as many misfits as the declared counting.
    if (best && best->fitting > own && (ev.checked - best->fitting) * 2 <= ev.checked - own)
        ev.better = dialect_for(best->counting, ev.declared);
    return ev;
}

}  // namespace

PositionEvidence position_evidence(const Project& project) { return gather_evidence(project, nullptr); }

PositionEvidence position_evidence(const Project& project, std::vector<std::shared_ptr<const std::string>>& texts) {
    return gather_evidence(project, &texts);
}

void warn_about_positions(const PositionEvidence& ev, const std::string& file, Diagnostics& diagnostics) {
    if (ev.better) {
        PositionCounting theirs = position_counting(*ev.better);
        diagnostics.warning(
            "positions-fit-another-dialect", file, {},
            fmt::format("the project is read as {} ({}), but its positions fit {} better: {} of {} selections that "
                        "tell the countings apart fit {}, {} fit {}; excerpts may be shifted: read it with --from {}",
                        to_string(ev.declared), to_string(position_counting(ev.declared)), to_string(*ev.better),
                        ev.fitting(theirs), ev.checked, to_string(theirs), ev.fitting(position_counting(ev.declared)),
                        to_string(position_counting(ev.declared)), to_string(*ev.better)));
    }
    for (const auto& m : ev.misfits)
        diagnostics.warning("positions-fit-no-dialect", file, {},
                            fmt::format("{} (read as {}; the analyses use that)", m, to_string(ev.declared)));
}

std::string describe_evidence(const Project& project, const PositionEvidence& ev) {
    std::string origin = project.origin ? fmt::format("origin '{}'", *project.origin) : std::string("no origin");
    std::string line;
    if (detect_dialect(project.origin) == project.dialect)
        line = fmt::format("{} names {}", origin, to_string(project.dialect));
    else
        line = fmt::format("{}, read as {} (--from)", origin, to_string(project.dialect));
    if (ev.checked == 0) return line + "; positions: no selection over text where the countings differ";
    line += fmt::format("; positions: of {} selection{} that tell the countings apart,", ev.checked,
                        ev.checked == 1 ? "" : "s");
    bool first = true;
    for (const auto& f : ev.fits) {
        line += fmt::format("{} {} fit {}", first ? "" : ",", f.fitting, to_string(f.counting));
        first = false;
    }
    if (ev.better) line += fmt::format(" (read it with --from {})", to_string(*ev.better));
    return line;
}

}  // namespace refi

// Plain text of sources (lazy, BOM stripped, UTF-8 checked) and position conversions between tools' counts.
#include "refi/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "refi/error.hpp"
#include "refi/external.hpp"
#include "refi/limits.hpp"
#include "refi/source_store.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace refi {

namespace {

std::atomic<int> g_external{-1};  // -1: not decided yet, read FRAMER_NO_EXTERNAL on first use

[[noreturn]] void refuse_external(const std::string& path) {
    throw Error(path, {}, "external file refused: --no-external (or FRAMER_NO_EXTERNAL=1) allows only files inside "
                          "the project");
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

std::optional<std::string> read_disk_file(const std::string& path, const std::string& label) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return std::nullopt;
    std::uint64_t cap = limits().max_text_bytes;
    if (size > cap)
        throw Error(label, {}, fmt::format("text file is {} bytes, more than the limit of {} (raise it with "
                                           "framer --max-text-size SIZE)", size, cap));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The bytes of the text (inline or from its file) as stored; `label` receives the name errors give it.
std::optional<std::string> load_bytes(const Project& project, const std::optional<std::string>& content,
                                      const std::optional<std::string>& plain_text_path, std::string& label) {
    if (content) return content;
    if (!plain_text_path || plain_text_path->empty()) return std::nullopt;
    ResolvedPath rp = resolve_path(*plain_text_path);
    std::optional<std::string> bytes;
    label = *plain_text_path;
    switch (rp.kind) {
        case ResolvedPath::Kind::Internal:
        case ResolvedPath::Kind::Bare: {
            if (!project.store) return std::nullopt;
            auto entry = project.store->find_internal(rp.path);
            if (!entry) return std::nullopt;
            label = project.store->origin_path() + ":" + *entry;
            bytes = project.store->read(*entry, limits().max_text_bytes);
            break;
        }
        case ResolvedPath::Kind::Relative: {
            if (!external_files_allowed()) refuse_external(*plain_text_path);
            if (!project.base_path) return std::nullopt;
            std::string base = resolve_path(*project.base_path).path;
            std::filesystem::path p = std::filesystem::path(base) / rp.path;
            label = p.string();
            bytes = read_disk_file(p.string(), label);
            break;
        }
        case ResolvedPath::Kind::Absolute:
            if (!external_files_allowed()) refuse_external(*plain_text_path);
            bytes = read_disk_file(rp.path, rp.path);
            break;
    }
    return bytes;
}

std::optional<std::string> load_text(const Project& project, const std::optional<std::string>& content,
                                     const std::optional<std::string>& plain_text_path) {
    std::string label;
    std::optional<std::string> bytes = load_bytes(project, content, plain_text_path, label);
    if (!bytes) return std::nullopt;
    if (content) return bytes;
    std::size_t bad = 0;
    if (!is_valid_utf8(*bytes, &bad))
        throw Error(label, {}, fmt::format("source text is not valid UTF-8 (byte offset {})", bad));
    // In place: a second copy of a 500 MB text only to drop three bytes would double the peak.
    if (std::size_t bom = bytes->size() - strip_bom(*bytes).size()) bytes->erase(0, bom);
    return bytes;
}
}  // namespace

void allow_external_files(bool allowed) { g_external = allowed ? 1 : 0; }

bool external_files_allowed() {
    int v = g_external.load();
    if (v < 0) {
        const char* env = std::getenv("FRAMER_NO_EXTERNAL");
        v = env && std::string_view(env) == "1" ? 0 : 1;
        g_external = v;
    }
    return v == 1;
}

ResolvedPath resolve_path(std::string_view uri) {
    ResolvedPath r;
    auto strip = [&](std::string_view scheme, ResolvedPath::Kind kind) {
        if (!starts_with_ci(uri, scheme)) return false;
        std::string_view rest = uri.substr(scheme.size());
        // The spec writes "relative:///AR/x.mp4" and "absolute:///C:/x": the path starts after the slashes;
        // keep a Unix absolute path's root but drop it before a drive letter.
        if (kind == ResolvedPath::Kind::Absolute) {
            while (rest.size() > 1 && rest[0] == '/' && rest[1] == '/') rest.remove_prefix(1);
            if (rest.size() >= 3 && rest[0] == '/' && std::isalpha(static_cast<unsigned char>(rest[1])) && rest[2] == ':')
                rest.remove_prefix(1);
        } else {
            while (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
        }
        r.kind = kind;
        r.path = std::string(rest);
        return true;
    };
    if (strip("internal://", ResolvedPath::Kind::Internal) || strip("relative://", ResolvedPath::Kind::Relative) ||
        strip("absolute://", ResolvedPath::Kind::Absolute))
        return r;
    r.kind = ResolvedPath::Kind::Bare;
    r.path = std::string(uri);
    return r;
}

std::optional<std::string> load_plain_text(const Project& project, const Source& source) {
    return load_text(project, source.plain_text_content, source.plain_text_path);
}

std::optional<std::string> load_plain_text(const Project& project, const Transcript& transcript) {
    return load_text(project, transcript.plain_text_content, transcript.plain_text_path);
}

std::optional<std::string> plain_text_bytes(const Project& project, const Source& source) {
    std::string label;
    return load_bytes(project, source.plain_text_content, source.plain_text_path, label);
}

namespace {

/// Texts loaded from files, by where they come from: (store, entry) for files inside the project, (none, path)
/// for files on disk. A weak reference each, so a text is freed when its last user lets go; a store that was
/// freed invalidates its entries (another store could be allocated at the same address).
class SharedTexts {
public:
    std::shared_ptr<const std::string> get(const Project& project, const std::optional<std::string>& content,
                                           const std::optional<std::string>& plain_text_path) {
        // Inline PlainTextContent belongs to one element: nothing to share.
        if (content || !plain_text_path || plain_text_path->empty()) {
            auto text = load_text(project, content, plain_text_path);
            return text ? std::make_shared<const std::string>(std::move(*text)) : nullptr;
        }
        Key key = key_of(project, *plain_text_path);
        if (key.where.empty()) {  // not found (or not a file): nothing to share, load_text says why
            auto text = load_text(project, content, plain_text_path);
            return text ? std::make_shared<const std::string>(std::move(*text)) : nullptr;
        }
        std::lock_guard lock(m_mutex);
        if (auto it = m_texts.find(key); it != m_texts.end()) {
            bool store_alive = key.store == nullptr || it->second.store.lock().get() == key.store;
            if (store_alive)
                if (auto text = it->second.text.lock()) return m_last = text;
            m_texts.erase(it);
        }
        auto loaded = load_text(project, content, plain_text_path);
        if (!loaded) return nullptr;
        auto text = std::make_shared<const std::string>(std::move(*loaded));
        // Pruned when the map has doubled since the last prune, not on every insert past a fixed size: a chart
        // holds every text it loads, so nothing expires, and pruning 10,000 sources' entries per source was 38%
        // of a 10,000-unit chart (bench/README.md, "chart: cost per coding").
        if (m_texts.size() >= m_prune_at) {
            prune();
            m_prune_at = std::max<std::size_t>(4096, 2 * m_texts.size());
        }
        m_texts[key] = {project.store, text};
        return m_last = text;
    }
private:
    struct Key {
        const SourceStore* store;
        std::string where;
        bool operator==(const Key& o) const { return store == o.store && where == o.where; }
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<std::string>()(k.where) ^ std::hash<const void*>()(k.store);
        }
    };
    struct Entry {
        std::weak_ptr<const SourceStore> store;
        std::weak_ptr<const std::string> text;
    };
    /// Where the text comes from, with its size (and time) so that a file changed in between is loaded anew.
    static Key key_of(const Project& project, const std::string& plain_text_path) {
        ResolvedPath rp = resolve_path(plain_text_path);
        bool internal = rp.kind == ResolvedPath::Kind::Internal || rp.kind == ResolvedPath::Kind::Bare;
        if (internal) {
            if (!project.store) return {nullptr, {}};
            auto entry = project.store->find_internal(rp.path);
            if (!entry) return {nullptr, {}};
            auto size = project.store->size(*entry);
            return {project.store.get(), fmt::format("{}\n{}", *entry, size ? *size : 0)};
        }
        std::string base = rp.kind == ResolvedPath::Kind::Relative && project.base_path
                               ? resolve_path(*project.base_path).path + "/" : std::string();
        std::error_code ec;
        std::filesystem::path file(base + rp.path);
        auto size = std::filesystem::file_size(file, ec);
        if (ec) return {nullptr, {}};
        auto time = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
        return {nullptr, fmt::format("{}\n{}\n{}", file.string(), size, time)};
    }
    void prune() {
        for (auto it = m_texts.begin(); it != m_texts.end();)
            it = it->second.text.expired() ? m_texts.erase(it) : std::next(it);
    }
    std::mutex m_mutex;
    std::unordered_map<Key, Entry, KeyHash> m_texts;
    std::size_t m_prune_at = 4096;
    std::shared_ptr<const std::string> m_last;  ///< the latest text stays loaded for the next source that names it
};

SharedTexts& shared_texts() {
    static SharedTexts texts;
    return texts;
}

}  // namespace

std::shared_ptr<const std::string> shared_plain_text(const Project& project, const Source& source) {
    return shared_texts().get(project, source.plain_text_content, source.plain_text_path);
}

std::shared_ptr<const std::string> shared_plain_text(const Project& project, const Transcript& transcript) {
    return shared_texts().get(project, transcript.plain_text_content, transcript.plain_text_path);
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + at;
    const unsigned char c = *p;
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return 0;
    if (text.size() - at < len) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_valid_utf8(std::string_view s, std::size_t* error_offset) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        // Sixteen ASCII bytes at a time: project.qde is nearly all ASCII, and a byte loop over it was a tenth of
        // `framer info` (bench/README.md, "read: analyses' fast path"). ASCII is always valid, so the first
        // non-ASCII byte is still examined below exactly as before.
        while (i + 16 <= n) {
            std::uint64_t a, b;
            std::memcpy(&a, p + i, 8);
            std::memcpy(&b, p + i + 8, 8);
            if ((a | b) & 0x8080808080808080ull) break;
            i += 16;
        }
        if (i >= n) break;
        if (p[i] < 0x80) { ++i; continue; }
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) {
            if (error_offset) *error_offset = i;
            return false;
        }
        i += len;
    }
    return true;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view strip_bom(std::string_view text) {
    if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
        static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
        text.remove_prefix(3);
    return text;
}


namespace {
// Eight bytes at a time (SWAR): long transcripts are mostly characters that take one position in every
// counting, and a byte-by-byte loop over a 500 MB text was most of `framer info`'s time.
constexpr std::uint64_t k_ones = 0x0101010101010101ull, k_highs = 0x8080808080808080ull;

std::uint64_t load_word(const unsigned char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}
/// Bytes of `w` that continue a UTF-8 sequence (10xxxxxx), as their high bits.
std::uint64_t continuation_bytes(std::uint64_t w) { return w & ~(w << 1) & k_highs; }
/// How many bytes a high-bit mask (only bits 7, 15, ... 63 set) marks. Multiplication rather than popcount: without
/// -mpopcnt, __builtin_popcountll is a call into libgcc, which cost more than the scan itself.
int count_marked(std::uint64_t high_bits) { return static_cast<int>(((high_bits >> 7) * k_ones) >> 56); }
/// Whether some byte of `w` equals `b` (exact: no false positives from borrows, see Hacker's Delight 6-1).
bool has_byte(std::uint64_t w, unsigned char b) {
    std::uint64_t x = w ^ (k_ones * b);
    return ((x - k_ones) & ~x & k_highs) != 0;
}
/// Whether some byte of `w` starts a 4-byte sequence (11110xxx; also catches the invalid F8-FF).
bool has_four_byte_lead(std::uint64_t w) { return has_byte(w & (k_ones * 0xF0), 0xF0); }
}  // namespace

std::size_t count_code_points(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w = load_word(p + i);
        n += 8 - static_cast<std::size_t>(count_marked(continuation_bytes(w)));
    }
    for (; i < s.size(); ++i) n += (p[i] & 0xC0) != 0x80;
    return n;
}

OffsetMap::OffsetMap(std::string_view text, PositionCounting counting) : m_counting(counting) {
    if (counting == PositionCounting::CodePoints) {  // identity: no table needed
        m_length_cp = static_cast<std::int64_t>(count_code_points(text));
        return;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size(), i = 0;
    std::int64_t cp = 0;
    bool utf16 = counting == PositionCounting::Utf16Units;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t w = load_word(p + i);
            if (!(utf16 ? has_four_byte_lead(w) : has_byte(w, '\r'))) {
                cp += 8 - count_marked(continuation_bytes(w));
                i += 8;
                continue;
            }
        }
        // A word with a candidate: byte by byte.
        std::size_t stop = std::min(n, i + 8);
        for (; i < stop; ++i) {
            unsigned char c = p[i];
            if ((c & 0xC0) == 0x80) continue;
            bool special = utf16 ? c >= 0xF0                                     // two UTF-16 units
                                 : c == '\r' && i + 1 < n && p[i + 1] == '\n';   // the CR of CRLF takes none
            if (special) {
                if (cp <= static_cast<std::int64_t>(UINT32_MAX) && m_special_wide.empty()) {
                    m_special.push_back(static_cast<std::uint32_t>(cp));
                } else {
                    if (m_special_wide.empty()) m_special_wide.assign(m_special.begin(), m_special.end());
                    m_special.clear();
                    m_special_wide.push_back(cp);
                }
            }
            ++cp;
        }
    }
    m_length_cp = cp;
}

std::int64_t OffsetMap::unit_of(std::int64_t cp) const {
    // The number of specials before cp (a lower bound over the sorted indices).
    std::size_t lo = 0, hi = specials();
    while (lo < hi) {
        std::size_t mid = lo + (hi - lo) / 2;
        if (special(mid) < cp) lo = mid + 1; else hi = mid;
    }
    auto before = static_cast<std::int64_t>(lo);
    return m_counting == PositionCounting::Utf16Units ? cp + before : cp - before;
}

namespace {
/// a + b, or INT64_MAX when that overflows: a position past the text stays past it (and is reported as such by
/// the checks) instead of wrapping round to a negative number.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? INT64_MAX : INT64_MIN;
    return sum;
}
}  // namespace

std::int64_t OffsetMap::to_code_points(std::int64_t u) const {
    if (m_counting == PositionCounting::CodePoints || u < 0) return u;
    std::int64_t last = unit_of(m_length_cp);
    if (u > last) return saturating_add(m_length_cp, u - last);  // u > last >= 0: the difference cannot overflow
    // The first code point whose position is >= u. Special j sits at code point s_j; in UTF-16 it starts at unit
    // s_j + j and covers two units, so the answer is u minus the specials that end at or before u; with CRLF as
    // one, the CR of pair j sits at position s_j - j (shared with its LF): the answer is u plus the CRs before u.
    // Both keys grow with j, so each count is one binary search over the specials.
    std::size_t lo = 0, hi = specials();
    while (lo < hi) {
        std::size_t mid = lo + (hi - lo) / 2;
        auto j = static_cast<std::int64_t>(mid);
        bool counts = m_counting == PositionCounting::Utf16Units ? special(mid) + j + 2 <= u
                                                                   : special(mid) - j < u;
        if (counts) lo = mid + 1; else hi = mid;
    }
    auto m = static_cast<std::int64_t>(lo);
    return m_counting == PositionCounting::Utf16Units ? u - m : u + m;
}

std::int64_t OffsetMap::from_code_points(std::int64_t cp) const {
    if (m_counting == PositionCounting::CodePoints || cp < 0) return cp;
    if (cp > m_length_cp) return saturating_add(unit_of(m_length_cp), cp - m_length_cp);
    return unit_of(cp);
}

namespace {
constexpr std::size_t k_block_bytes = 64;

std::size_t utf8_length(unsigned char lead) {
    return lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
}
}  // namespace

CodePointIndex::CodePointIndex(std::string_view text) : m_text(text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    m_checkpoints.reserve(n / k_block_bytes + 1);
    std::int64_t cp = 0;
    for (std::size_t block = 0; block < n; block += k_block_bytes) {
        m_checkpoints.push_back(static_cast<std::size_t>(cp));
        std::size_t end = std::min(n, block + k_block_bytes), i = block;
        for (; i + 8 <= end; i += 8) cp += 8 - count_marked(continuation_bytes(load_word(p + i)));
        for (; i < end; ++i) cp += (p[i] & 0xC0) != 0x80;
    }
    m_size = cp;
}

std::size_t CodePointIndex::byte_of(std::int64_t cp) const {
    if (cp <= 0) return 0;
    if (cp >= m_size) return m_text.size();
    // The last block that starts at or before code point cp, then its lead bytes up to the cp-th.
    auto target = static_cast<std::size_t>(cp);
    auto it = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), target);
    std::size_t block = static_cast<std::size_t>(it - m_checkpoints.begin()) - 1;
    std::size_t need = target - m_checkpoints[block];  // lead bytes to pass from the block's start
    const auto* p = reinterpret_cast<const unsigned char*>(m_text.data());
    std::size_t i = block * k_block_bytes;
    // Eight bytes at a time while the answer lies beyond them (the position check asks this for every end of
    // every selection it weighs), then byte by byte within the word that holds it.
    for (; i + 8 <= m_text.size(); i += 8) {
        const auto leads = static_cast<std::size_t>(8 - count_marked(continuation_bytes(load_word(p + i))));
        if (leads > need) break;
        need -= leads;
    }
    for (; i < m_text.size(); ++i) {
        if ((p[i] & 0xC0) == 0x80) continue;
        if (need == 0) return i;
        --need;
    }
    return m_text.size();
}

char32_t CodePointIndex::at_byte(std::size_t b) const {
    if (b >= m_text.size()) return 0;
    const auto* p = reinterpret_cast<const unsigned char*>(m_text.data()) + b;
    const std::size_t len = std::min(utf8_length(p[0]), m_text.size() - b);
    char32_t cp = len == 1 ? p[0] : len == 2 ? p[0] & 0x1F : len == 3 ? p[0] & 0x0F : p[0] & 0x07;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[k] & 0x3F);
    return cp;
}

std::size_t CodePointIndex::previous_byte(std::size_t b) const {
    b = std::min(b, m_text.size());
    if (b == 0) return 0;
    do --b;
    while (b > 0 && (static_cast<unsigned char>(m_text[b]) & 0xC0) == 0x80);
    return b;
}

std::string_view CodePointIndex::slice(std::int64_t start, std::int64_t end) const {
    std::size_t b = byte_of(start), e = byte_of(std::max(start, end));
    return m_text.substr(b, e - b);
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = p[i];
        std::size_t len = utf8_length(c);
        char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

namespace {

/// The byte where code point `n` of `s` begins (s.size() when it has no more): the n-th byte that is not a UTF-8
/// continuation byte. Sixteen bytes at a time where the whole block comes before it (a chart walks each text
/// from excerpt to excerpt this way).
std::size_t skip_code_points(std::string_view s, std::int64_t n) {
    std::size_t i = 0;
#if defined(__SSE2__)
    // As signed bytes, continuation bytes (0x80-0xBF) are the ones below -64.
    const __m128i below = _mm_set1_epi8(-64);
    while (n > 0 && i + 16 <= s.size()) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        const int continuation = _mm_movemask_epi8(_mm_cmplt_epi8(v, below));
        const int starts = 16 - __builtin_popcount(static_cast<unsigned>(continuation));
        if (starts > n) break;
        n -= starts;
        i += 16;
    }
#endif
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (n == 0) return i;
        --n;
    }
    return s.size();
}

}  // namespace

std::string_view substr_code_points(std::string_view s, std::int64_t start, std::int64_t end) {
    if (start < 0) start = 0;
    if (end < start) end = start;
    const std::size_t byte_start = skip_code_points(s, start);
    const std::size_t byte_end = byte_start + skip_code_points(s.substr(byte_start), end - start);
    return s.substr(byte_start, byte_end - byte_start);
}

}  // namespace refi

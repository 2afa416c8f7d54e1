// Plain text of sources (lazy, BOM stripped, UTF-8 checked) and position conversions between tools' counts.
#include "refi/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "refi/error.hpp"
#include "refi/external.hpp"
#include "refi/source_store.hpp"

namespace refi {

namespace {
constexpr std::uint64_t k_max_text_bytes = 512ull << 20;

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
    if (size > k_max_text_bytes)
        throw Error(label, {}, fmt::format("text file is {} bytes, more than the limit of {}", size, k_max_text_bytes));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::optional<std::string> load_text(const Project& project, const std::optional<std::string>& content,
                                     const std::optional<std::string>& plain_text_path) {
    if (content) return content;
    if (!plain_text_path || plain_text_path->empty()) return std::nullopt;
    ResolvedPath rp = resolve_path(*plain_text_path);
    std::optional<std::string> bytes;
    std::string label = *plain_text_path;
    switch (rp.kind) {
        case ResolvedPath::Kind::Internal:
        case ResolvedPath::Kind::Bare: {
            if (!project.store) return std::nullopt;
            auto entry = project.store->find_internal(rp.path);
            if (!entry) return std::nullopt;
            label = project.store->origin_path() + ":" + *entry;
            bytes = project.store->read(*entry, k_max_text_bytes);
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
    if (!bytes) return std::nullopt;
    std::size_t bad = 0;
    if (!is_valid_utf8(*bytes, &bad))
        throw Error(label, {}, fmt::format("source text is not valid UTF-8 (byte offset {})", bad));
    std::string_view text = strip_bom(*bytes);
    if (text.size() != bytes->size()) return std::string(text);
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

bool is_valid_utf8(std::string_view s, std::size_t* error_offset) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) { ++i; continue; }
        std::size_t len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else { if (error_offset) *error_offset = i; return false; }
        if (i + len > n) { if (error_offset) *error_offset = i; return false; }
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) { if (error_offset) *error_offset = i; return false; }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
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

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

OffsetMap::OffsetMap(std::string_view text, PositionCounting counting) : m_counting(counting) {
    m_length_cp = static_cast<std::int64_t>(count_code_points(text));
    if (counting == PositionCounting::CodePoints) return;  // identity: no table needed
    m_unit_of_cp.reserve(static_cast<std::size_t>(m_length_cp) + 1);
    std::int64_t unit = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char c = p[i];
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        m_unit_of_cp.push_back(unit);
        if (counting == PositionCounting::Utf16Units) {
            unit += len == 4 ? 2 : 1;
        } else {  // CodePointsLfOnly: the CR of a CRLF pair takes no position
            bool cr_before_lf = c == '\r' && i + 1 < n && p[i + 1] == '\n';
            unit += cr_before_lf ? 0 : 1;
        }
        i += len;
    }
    m_unit_of_cp.push_back(unit);
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
    std::int64_t last = m_unit_of_cp.back();
    if (u > last) return saturating_add(m_length_cp, u - last);  // u > last >= 0: the difference cannot overflow
    auto it = std::lower_bound(m_unit_of_cp.begin(), m_unit_of_cp.end(), u);
    return static_cast<std::int64_t>(it - m_unit_of_cp.begin());
}

std::int64_t OffsetMap::from_code_points(std::int64_t cp) const {
    if (m_counting == PositionCounting::CodePoints || cp < 0) return cp;
    if (cp > m_length_cp) return saturating_add(m_unit_of_cp.back(), cp - m_length_cp);
    return m_unit_of_cp[static_cast<std::size_t>(cp)];
}

std::string_view substr_code_points(std::string_view s, std::int64_t start, std::int64_t end) {
    if (start < 0) start = 0;
    if (end < start) end = start;
    std::size_t i = 0, byte_start = s.size(), byte_end = s.size();
    std::int64_t cp = 0;
    for (; i <= s.size(); ++i) {
        bool boundary = i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        if (!boundary) continue;
        if (cp == start) byte_start = i;
        if (cp == end) { byte_end = i; break; }
        ++cp;
    }
    if (byte_start > byte_end) byte_start = byte_end;
    return s.substr(byte_start, byte_end - byte_start);
}

}  // namespace refi

// GUIDs: normalised comparison (case, braces) and creation of new ones.
#include "refi/guid.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <random>

namespace refi {

namespace {
std::string_view without_braces(std::string_view g) {
    return g.size() >= 2 && g.front() == '{' && g.back() == '}' ? g.substr(1, g.size() - 2) : g;
}
// ASCII only, without the locale: a GUID's letters are a-f, and std::toupper per byte was 8% of `framer
// summaries` (every index look-up normalises its key).
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
}  // namespace

std::string normalize_guid(std::string_view g) {
    std::string out(without_braces(g));
    for (auto& c : out) c = ascii_upper(c);
    return out;
}

bool is_normalized_guid(std::string_view g) {
    if (without_braces(g).size() != g.size()) return false;
    for (char c : g)
        if (ascii_upper(c) != c) return false;
    return true;
}

// Without making the two normalised strings: merge compares GUIDs this way 100,000s of times.
bool same_guid(std::string_view a, std::string_view b) {
    a = without_braces(a);
    b = without_braces(b);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i] && ascii_upper(a[i]) != ascii_upper(b[i])) return false;
    return true;
}

bool is_valid_guid(std::string_view g) { return guid_bits(g).has_value(); }

// One pass, no locale (validate reads every GUID of a project through here).
std::optional<GuidBits> guid_bits(std::string_view g) {
    g = without_braces(g);
    if (g.size() != 36) return std::nullopt;
    GuidBits bits;
    int digits = 0;
    for (std::size_t i = 0; i < 36; ++i) {
        const char c = g[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return std::nullopt;
            continue;
        }
        unsigned v;
        if (c >= '0' && c <= '9') v = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v = static_cast<unsigned>(c - 'A' + 10);
        else return std::nullopt;
        std::uint64_t& half = digits < 16 ? bits.hi : bits.lo;
        half = (half << 4) | v;
        ++digits;
    }
    return bits;
}

static std::string format_guid(std::uint64_t hi, std::uint64_t lo) {
    return fmt::format("{:08X}-{:04X}-{:04X}-{:04X}-{:012X}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                       lo & 0xFFFFFFFFFFFFull);
}

std::string make_guid() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uint64_t hi = rng(), lo = rng();
    hi = (hi & ~0xF000ull) | 0x4000ull;                      // version 4
    lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48);      // RFC 4122 variant
    return format_guid(hi, lo);
}

namespace {
constexpr std::uint64_t k_fnv_basis = 0xcbf29ce484222325ull, k_fnv_prime = 0x100000001b3ull;
constexpr std::uint64_t k_seed_hi = 0x9e3779b97f4a7c15ull, k_seed_lo = 0xbf58476d1ce4e5b9ull;
inline void fnv_byte(std::uint64_t& h, unsigned char c) { h ^= c; h *= k_fnv_prime; }
inline void fnv_bytes(std::uint64_t& h, std::string_view s) { for (unsigned char c : s) fnv_byte(h, c); }
inline void fnv_end(std::uint64_t& h) { fnv_byte(h, 0xff); }  // fnv1a's mark after each of its two strings
GuidBits versioned(std::uint64_t hi, std::uint64_t lo) {
    return {(hi & ~0xF000ull) | 0x5000ull, (lo & ~(0xC000ull << 48)) | (0x8000ull << 48)};
}
}  // namespace

GuidFromPrefix::GuidFromPrefix(std::string_view name_space, std::string_view prefix)
    : m_name_space(name_space), m_hi(k_fnv_basis ^ k_seed_hi), m_lo(k_fnv_basis ^ k_seed_lo) {
    // make_guid_from: hi = fnv1a(name_space, name), lo = fnv1a(name, name_space), name = prefix + rest.
    fnv_bytes(m_hi, name_space);
    fnv_end(m_hi);
    fnv_bytes(m_hi, prefix);
    fnv_bytes(m_lo, prefix);
}

template <class Bytes>
GuidBits GuidFromPrefix::finish(Bytes&& bytes) const {
    std::uint64_t hi = m_hi, lo = m_lo;
    bytes(hi, lo);
    fnv_end(hi);
    fnv_end(lo);
    fnv_bytes(lo, m_name_space);
    fnv_end(lo);
    return versioned(hi, lo);
}

GuidBits GuidFromPrefix::with(std::string_view rest) const {
    return finish([&](std::uint64_t& hi, std::uint64_t& lo) {
        fnv_bytes(hi, rest);
        fnv_bytes(lo, rest);
    });
}

GuidBits GuidFromPrefix::with_normalized_guid(std::string_view g) const {
    g = without_braces(g);
    return finish([&](std::uint64_t& hi, std::uint64_t& lo) {
        for (char c : g) {
            const auto u = static_cast<unsigned char>(ascii_upper(c));  // as normalize_guid
            fnv_byte(hi, u);
            fnv_byte(lo, u);
        }
    });
}

// Two independent 64-bit FNV-1a hashes (GuidFromPrefix with nothing after the name); enough to make ids that are
// stable across runs and practically unique within one project (this is not a security boundary).
std::string make_guid_from(std::string_view name_space, std::string_view name) {
    const GuidBits bits = GuidFromPrefix(name_space, name).with({});
    return format_guid(bits.hi, bits.lo);
}

}  // namespace refi

// GUIDs: normalised comparison (case, braces) and creation of new ones.
#include "refi/guid.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <random>

namespace refi {

std::string normalize_guid(std::string_view g) {
    if (g.size() >= 2 && g.front() == '{' && g.back() == '}') g = g.substr(1, g.size() - 2);
    std::string out(g);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool same_guid(std::string_view a, std::string_view b) { return normalize_guid(a) == normalize_guid(b); }

bool is_valid_guid(std::string_view g) {
    if (g.size() >= 2 && g.front() == '{' && g.back() == '}') g = g.substr(1, g.size() - 2);
    if (g.size() != 36) return false;
    for (std::size_t i = 0; i < g.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? g[i] != '-' : !std::isxdigit(static_cast<unsigned char>(g[i]))) return false;
    }
    return true;
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

// Two independent 64-bit FNV-1a hashes; enough to make ids that are stable across runs and practically unique
// within one project (this is not a security boundary).
static std::uint64_t fnv1a(std::string_view a, std::string_view b, std::uint64_t seed) {
    std::uint64_t h = 0xcbf29ce484222325ull ^ seed;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) { h ^= c; h *= 0x100000001b3ull; }
        h ^= 0xff; h *= 0x100000001b3ull;
    };
    mix(a);
    mix(b);
    return h;
}

std::string make_guid_from(std::string_view name_space, std::string_view name) {
    std::uint64_t hi = fnv1a(name_space, name, 0x9e3779b97f4a7c15ull);
    std::uint64_t lo = fnv1a(name, name_space, 0xbf58476d1ce4e5b9ull);
    hi = (hi & ~0xF000ull) | 0x5000ull;
    lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48);
    return format_guid(hi, lo);
}

}  // namespace refi

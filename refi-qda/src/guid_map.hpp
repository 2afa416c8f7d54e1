#pragma once
// Private: a map keyed by GUID identity, for validation's hundreds of thousands of lookups.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "refi/guid.hpp"

namespace refi::detail {

// A map keyed by GUID identity (case and braces ignored). Well-formed GUIDs are packed into 128 bits, so the
// hundreds of thousands of lookups of a large project allocate nothing; malformed ones (already reported) fall
// back to their normalised text.
template <class T>
class GuidMap {
public:
    /// Inserts unless present; returns the entry and whether it was inserted.
    std::pair<T*, bool> insert(std::string_view guid, T value) {
        if (auto k = key_of(guid)) {
            auto [it, inserted] = m_fast.try_emplace(*k, std::move(value));
            return {&it->second, inserted};
        }
        auto [it, inserted] = m_other.try_emplace(normalize_guid(guid), std::move(value));
        return {&it->second, inserted};
    }
    const T* find(std::string_view guid) const {
        if (auto k = key_of(guid)) {
            auto it = m_fast.find(*k);
            return it == m_fast.end() ? nullptr : &it->second;
        }
        auto it = m_other.find(normalize_guid(guid));
        return it == m_other.end() ? nullptr : &it->second;
    }
    bool contains(std::string_view guid) const { return find(guid) != nullptr; }

private:
    struct Key {
        std::uint64_t hi = 0, lo = 0;
        bool operator==(const Key&) const = default;
    };
    struct Hash {
        // splitmix64 finaliser: tool GUIDs are often sequential or hash-derived with shared prefixes.
        std::size_t operator()(const Key& k) const {
            std::uint64_t x = k.hi ^ (k.lo + 0x9E3779B97F4A7C15ull + (k.hi << 6) + (k.hi >> 2));
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
            return static_cast<std::size_t>(x ^ (x >> 31));
        }
    };
    static std::optional<Key> key_of(std::string_view g) {
        if (g.size() == 38 && g.front() == '{' && g.back() == '}') g = g.substr(1, 36);
        if (g.size() != 36) return std::nullopt;
        Key k;
        int digits = 0;
        for (std::size_t i = 0; i < 36; ++i) {
            char c = g[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') return std::nullopt;
                continue;
            }
            unsigned v;
            if (c >= '0' && c <= '9') v = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v = static_cast<unsigned>(c - 'A' + 10);
            else return std::nullopt;
            std::uint64_t& half = digits < 16 ? k.hi : k.lo;
            half = (half << 4) | v;
            ++digits;
        }
        return k;
    }
    std::unordered_map<Key, T, Hash> m_fast;
    std::unordered_map<std::string, T> m_other;
};

}  // namespace refi::detail

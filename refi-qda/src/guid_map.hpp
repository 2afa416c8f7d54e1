#pragma once
// Private: a map keyed by GUID identity, for validation's hundreds of thousands of lookups.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "refi/guid.hpp"

namespace refi::detail {

/// A well-formed GUID as 128 bits: case and braces do not matter, and comparing or hashing allocates nothing.
struct GuidKey {
    std::uint64_t hi = 0, lo = 0;
    bool operator==(const GuidKey&) const = default;
    bool operator<(const GuidKey& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
};

struct GuidKeyHash {
    // splitmix64 finaliser: tool GUIDs are often sequential or hash-derived with shared prefixes.
    std::size_t operator()(const GuidKey& k) const {
        std::uint64_t x = k.hi ^ (k.lo + 0x9E3779B97F4A7C15ull + (k.hi << 6) + (k.hi >> 2));
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return static_cast<std::size_t>(x ^ (x >> 31));
    }
};

/// The key of a GUIDType value (8-4-4-4-12 hex digits, optionally in braces), or nullopt for anything else.
inline std::optional<GuidKey> guid_key(std::string_view g) {
    if (g.size() == 38 && g.front() == '{' && g.back() == '}') g = g.substr(1, 36);
    if (g.size() != 36) return std::nullopt;
    GuidKey k;
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

// A map keyed by GUID identity (case and braces ignored). Well-formed GUIDs are packed into 128 bits, so the
// hundreds of thousands of lookups of a large project allocate nothing; malformed ones (already reported) fall
// back to their normalised text.
template <class T>
class GuidMap {
public:
    /// Inserts unless present; returns the entry and whether it was inserted.
    std::pair<T*, bool> insert(std::string_view guid, T value) {
        if (auto k = guid_key(guid)) {
            auto [it, inserted] = m_fast.try_emplace(*k, std::move(value));
            return {&it->second, inserted};
        }
        auto [it, inserted] = m_other.try_emplace(normalize_guid(guid), std::move(value));
        return {&it->second, inserted};
    }
    const T* find(std::string_view guid) const {
        if (auto k = guid_key(guid)) {
            auto it = m_fast.find(*k);
            return it == m_fast.end() ? nullptr : &it->second;
        }
        auto it = m_other.find(normalize_guid(guid));
        return it == m_other.end() ? nullptr : &it->second;
    }
    bool contains(std::string_view guid) const { return find(guid) != nullptr; }

private:
    std::unordered_map<GuidKey, T, GuidKeyHash> m_fast;
    std::unordered_map<std::string, T> m_other;
};

/// Every GUID of a project, built once and then queried. add() is a push_back and seal() one sort, after which
/// duplicates are neighbours: far cheaper than hashing the hundreds of thousands of selection and coding GUIDs of a
/// large project that nothing refers to.
template <class T>
class GuidIndex {
public:
    void add(std::string_view guid, T value) {
        auto index = static_cast<std::uint32_t>(m_values.size());
        m_values.push_back(std::move(value));
        if (auto k = guid_key(guid)) {
            m_sorted.push_back({*k, index});
        } else {
            auto [it, inserted] = m_other.try_emplace(normalize_guid(guid), index);
            if (!inserted) m_other_duplicates.emplace_back(index, it->second);
        }
    }

    /// Sorts, and calls on_duplicate(later, first) for each GUID added before; find() then gives the first.
    template <class F>
    void seal(F&& on_duplicate) {
        std::sort(m_sorted.begin(), m_sorted.end(), [](const Entry& a, const Entry& b) {
            return a.key == b.key ? a.index < b.index : a.key < b.key;
        });
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_sorted.size(); ++i) {
            if (kept > 0 && m_sorted[kept - 1].key == m_sorted[i].key)
                on_duplicate(m_values[m_sorted[i].index], m_values[m_sorted[kept - 1].index]);
            else
                m_sorted[kept++] = m_sorted[i];
        }
        m_sorted.resize(kept);
        for (auto [later, first] : m_other_duplicates) on_duplicate(m_values[later], m_values[first]);
    }

    const T* find(std::string_view guid) const {
        if (auto k = guid_key(guid)) {
            auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), *k,
                                       [](const Entry& e, const GuidKey& key) { return e.key < key; });
            return it != m_sorted.end() && it->key == *k ? &m_values[it->index] : nullptr;
        }
        auto it = m_other.find(normalize_guid(guid));
        return it == m_other.end() ? nullptr : &m_values[it->second];
    }

private:
    struct Entry {
        GuidKey key;
        std::uint32_t index;
    };
    std::vector<T> m_values;
    std::vector<Entry> m_sorted;
    std::unordered_map<std::string, std::uint32_t> m_other;  // malformed GUIDs (already reported), normalised
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_other_duplicates;
};

}  // namespace refi::detail

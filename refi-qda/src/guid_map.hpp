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

// A map keyed by GUID identity (case and braces ignored). Well-formed GUIDs are packed into 128 bits, so the
// hundreds of thousands of lookups of a large project allocate nothing; malformed ones (already reported) fall
// back to their normalised text.
template <class T>
class GuidMap {
public:
    /// Inserts unless present; returns the entry and whether it was inserted.
    std::pair<T*, bool> insert(std::string_view guid, T value) {
        if (auto k = guid_bits(guid)) {
            auto [it, inserted] = m_fast.try_emplace(*k, std::move(value));
            return {&it->second, inserted};
        }
        auto [it, inserted] = m_other.try_emplace(normalize_guid(guid), std::move(value));
        return {&it->second, inserted};
    }
    const T* find(std::string_view guid) const {
        if (auto k = guid_bits(guid)) {
            auto it = m_fast.find(*k);
            return it == m_fast.end() ? nullptr : &it->second;
        }
        auto it = m_other.find(normalize_guid(guid));
        return it == m_other.end() ? nullptr : &it->second;
    }
    bool contains(std::string_view guid) const { return find(guid) != nullptr; }

private:
    std::unordered_map<GuidBits, T, GuidBitsHash> m_fast;
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
        if (auto k = guid_bits(guid)) {
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
        if (auto k = guid_bits(guid)) {
            auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), *k,
                                       [](const Entry& e, const GuidBits& key) { return e.key < key; });
            return it != m_sorted.end() && it->key == *k ? &m_values[it->index] : nullptr;
        }
        auto it = m_other.find(normalize_guid(guid));
        return it == m_other.end() ? nullptr : &m_values[it->second];
    }

private:
    struct Entry {
        GuidBits key;
        std::uint32_t index;
    };
    std::vector<T> m_values;
    std::vector<Entry> m_sorted;
    std::unordered_map<std::string, std::uint32_t> m_other;  // malformed GUIDs (already reported), normalised
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_other_duplicates;
};

}  // namespace refi::detail

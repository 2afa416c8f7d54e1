// A SourceStore over several inputs' stores, so the merged project's text can be loaded (positions converted by the
// writer) and its files copied, without extracting anything to disk.
#include "merge/merged_store.hpp"

#include <limits>

#include "refi/error.hpp"
#include "refi/text.hpp"

namespace framer::merge {

MergedStore::MergedStore(std::shared_ptr<const refi::SourceStore> first) : m_first(std::move(first)) {}

const MergedStore::Added* MergedStore::added(const std::string& entry) const {
    for (const auto& a : m_added)
        if (refi::ascii_lower(a.entry) == refi::ascii_lower(entry)) return &a;
    return nullptr;
}

bool MergedStore::has(const std::string& entry) const {
    if (added(entry)) return true;
    if (!m_first) return false;
    for (const auto& e : m_first->entries())
        if (refi::ascii_lower(e) == refi::ascii_lower(entry)) return true;
    return false;
}

void MergedStore::add(const std::string& entry, std::shared_ptr<const refi::SourceStore> store,
                      const std::string& from_entry) {
    m_added.push_back({entry, std::move(store), from_entry});
}

bool MergedStore::same_bytes(const std::string& entry, const refi::SourceStore& store,
                             const std::string& from_entry) const {
    std::string here;
    if (const auto* a = added(entry)) {
        here = a->store->read(a->from_entry, std::numeric_limits<std::uint64_t>::max());
    } else {
        auto found = m_first ? m_first->find_internal(entry.substr(entry.find('/') + 1)) : std::nullopt;
        if (!found) return false;
        here = m_first->read(*found, std::numeric_limits<std::uint64_t>::max());
    }
    return here == store.read(from_entry, std::numeric_limits<std::uint64_t>::max());
}

std::vector<std::string> MergedStore::entries() const {
    std::vector<std::string> out = m_first ? m_first->entries() : std::vector<std::string>{};
    for (const auto& a : m_added) out.push_back(a.entry);
    return out;
}

std::optional<std::string> MergedStore::find_internal(const std::string& file_name) const {
    if (m_first)
        if (auto found = m_first->find_internal(file_name)) return found;
    if (const auto* a = added("sources/" + file_name)) return a->entry;
    if (const auto* a = added(file_name)) return a->entry;
    return std::nullopt;
}

std::optional<std::uint64_t> MergedStore::size(const std::string& entry) const {
    if (const auto* a = added(entry)) return a->store->size(a->from_entry);
    return m_first ? m_first->size(entry) : std::nullopt;
}

std::string MergedStore::read(const std::string& entry, std::uint64_t max_bytes) const {
    if (const auto* a = added(entry)) return a->store->read(a->from_entry, max_bytes);
    if (!m_first) throw refi::Error(entry, {}, "no such file in the merged project");
    return m_first->read(entry, max_bytes);
}

std::string MergedStore::origin_path() const { return m_first ? m_first->origin_path() : std::string("merged"); }

}  // namespace framer::merge

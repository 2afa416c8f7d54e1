#pragma once
/// The files of a merged project: every file of the first input's store, then the files of the other inputs'
/// added sources (renamed when a name is taken). The writer copies them into the output .qdpx.

#include <memory>
#include <string>
#include <vector>

#include "refi/source_store.hpp"

namespace framer::merge {

class MergedStore : public refi::SourceStore {
public:
    explicit MergedStore(std::shared_ptr<const refi::SourceStore> first);

    /// True when `entry` (e.g. "sources/X.txt") is already a file of the store (case-insensitive).
    bool has(const std::string& entry) const;
    /// Adds entry `from_entry` of `store` as `entry`.
    void add(const std::string& entry, std::shared_ptr<const refi::SourceStore> store, const std::string& from_entry);
    /// The bytes of entry `from_entry` of `store` equal those of `entry` here.
    bool same_bytes(const std::string& entry, const refi::SourceStore& store, const std::string& from_entry) const;

    std::vector<std::string> entries() const override;
    std::optional<std::string> find_internal(const std::string& file_name) const override;
    std::optional<std::uint64_t> size(const std::string& entry) const override;
    std::string read(const std::string& entry, std::uint64_t max_bytes) const override;
    std::string origin_path() const override;

private:
    struct Added {
        std::string entry;
        std::shared_ptr<const refi::SourceStore> store;
        std::string from_entry;
    };
    const Added* added(const std::string& entry) const;
    std::shared_ptr<const refi::SourceStore> m_first;
    std::vector<Added> m_added;
};

}  // namespace framer::merge

#pragma once
// Files added in memory over another store (refi::with_files); the writer unwraps it to copy the base raw.

#include <map>
#include <set>
#include <memory>
#include <string>

#include "refi/source_store.hpp"

namespace refi::detail {

class OverlayStore : public SourceStore {
public:
    OverlayStore(std::shared_ptr<const SourceStore> base, std::map<std::string, std::string> files,
                 std::set<std::string> removed_lower = {});
    std::vector<std::string> entries() const override;
    std::optional<std::string> find_internal(const std::string& file_name) const override;
    std::optional<std::uint64_t> size(const std::string& entry) const override;
    std::string read(const std::string& entry, std::uint64_t max_bytes) const override;
    std::string origin_path() const override;

    const std::shared_ptr<const SourceStore>& base() const { return m_base; }
    /// Entry name -> bytes, entry names with a lower-case "sources/".
    const std::map<std::string, std::string>& files() const { return m_files; }
    /// Whether a base entry is replaced by one of the files or removed.
    bool replaces(const std::string& base_entry) const;
    /// Lower-cased names of removed base entries.
    const std::set<std::string>& removed() const { return m_removed; }

private:
    std::shared_ptr<const SourceStore> m_base;
    std::map<std::string, std::string> m_files;
    std::map<std::string, std::string> m_lower;  ///< lower-cased entry -> entry
    std::set<std::string> m_removed;             ///< lower-cased base entries left out
};

}  // namespace refi::detail

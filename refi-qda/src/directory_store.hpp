#pragma once
// Private: the files beside a bare .qde (its sources/ folder), so a .qde + folder converts to a complete .qdpx.

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "refi/source_store.hpp"

namespace refi::detail {

class DirectoryStore final : public SourceStore {
public:
    /// `folder` is the directory that holds the .qde; entries are the files of its sources/ subfolder (any case).
    explicit DirectoryStore(std::filesystem::path folder);
    std::vector<std::string> entries() const override { return m_entries; }
    std::optional<std::string> find_internal(const std::string& file_name) const override;
    std::optional<std::uint64_t> size(const std::string& entry) const override;
    std::string read(const std::string& entry, std::uint64_t max_bytes) const override;
    std::string origin_path() const override { return m_folder.string(); }
    /// The file on disk for an entry name.
    std::filesystem::path file_of(const std::string& entry) const { return m_folder / entry; }
    /// Symbolic links found in sources/ and left out ("sources/NAME"), for the reader to warn about.
    const std::vector<std::string>& skipped_links() const { return m_skipped_links; }
private:
    std::vector<std::string> m_skipped_links;
    std::filesystem::path m_folder;
    std::vector<std::string> m_entries;  ///< "sources/NAME" as found on disk (folder case kept)
    std::unordered_map<std::string, std::string> m_lower;  ///< lower-cased file name -> entry
};

}  // namespace refi::detail

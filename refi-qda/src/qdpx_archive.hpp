#pragma once
// Private: the .qdpx archive (libzip) as a SourceStore. The writer uses handle() to copy entries raw.

#include <zip.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "refi/io.hpp"
#include "refi/source_store.hpp"

namespace refi::detail {

/// An open .qdpx. Entry names are checked on open: absolute names, `..` components and backslashes are refused
/// (refi::Error naming the entry), so nothing from an archive can ever address a path outside the output.
class QdpxArchive final : public SourceStore {
public:
    /// Opens read-only; throws refi::Error for "not a zip", truncated/corrupt archives, unsafe entry names.
    explicit QdpxArchive(const std::filesystem::path& path);
    ~QdpxArchive() override;
    QdpxArchive(const QdpxArchive&) = delete;
    QdpxArchive& operator=(const QdpxArchive&) = delete;

    /// The project's .qde entry: "project.qde" in any case, else the single "*.qde" at the top level.
    /// Throws refi::Error when there is none or several.
    std::string qde_entry() const;

    std::vector<std::string> entries() const override;
    std::optional<std::string> find_internal(const std::string& file_name) const override;
    std::optional<std::uint64_t> size(const std::string& entry) const override;
    std::string read(const std::string& entry, std::uint64_t max_bytes) const override;
    std::string origin_path() const override { return m_path.string(); }

    /// For raw (no recompression) copies: the libzip handle and an entry's index, or -1.
    zip_t* handle() const { return m_zip; }
    zip_int64_t index_of(const std::string& entry) const;

private:
    /// A large deflated entry inflated in one step (libdeflate); nullopt when the entry does not qualify.
    std::optional<std::string> read_deflated_whole(zip_uint64_t index, const std::string& label) const;

    std::filesystem::path m_path;
    std::uint64_t m_archive_size = 0;  ///< bytes: no entry's compressed data can be longer
    zip_t* m_zip = nullptr;
    /// libzip's handle serves one thread at a time: sources' texts may be read from two (every call that uses
    /// m_zip after construction takes it; inflating with libdeflate happens outside it).
    mutable std::mutex m_mutex;
    std::vector<std::string> m_names;  ///< all entry names, archive order
    std::unordered_map<std::string, zip_int64_t> m_index;   ///< name -> index
    std::unordered_map<std::string, std::string> m_lower;   ///< lower-cased name -> name
};

}  // namespace refi::detail

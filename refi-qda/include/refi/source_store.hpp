#pragma once
/// Lazy access to the files of a .qdpx (its sources/ folder) or to files beside a .qde.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace refi {

/// The files a project carries. Entry names are as stored in the archive ("sources/ABC.txt" or "Sources/ABC.txt").
/// Reading is lazy: nothing is inflated until read() is called, so a 2 GB video is never loaded by Framer.
class SourceStore {
public:
    virtual ~SourceStore() = default;
    /// Every entry other than the project's .qde, in archive order.
    virtual std::vector<std::string> entries() const = 0;
    /// The entry for an `internal://NAME` (or bare) file name, matched case-insensitively on the folder.
    virtual std::optional<std::string> find_internal(const std::string& file_name) const = 0;
    /// Uncompressed size of an entry, if it exists.
    virtual std::optional<std::uint64_t> size(const std::string& entry) const = 0;
    /// The bytes of an entry; throws refi::Error if it is missing, larger than `max_bytes`, or corrupt.
    virtual std::string read(const std::string& entry, std::uint64_t max_bytes) const = 0;
    /// Where the store lives (the .qdpx path or the .qde's folder), for messages.
    virtual std::string origin_path() const = 0;
};

}  // namespace refi

#include <map>
#include <memory>

namespace refi {

/// `base` (may be null) with `files` added in memory, replacing base entries of the same name (compared with
/// the sources folder in any case). For files Framer generates, such as the text file of a summary note: the
/// writer copies the base's entries as they are and writes these after them.
/// `removed` names base entries (or earlier added files) that are left out.
std::shared_ptr<const SourceStore> with_files(std::shared_ptr<const SourceStore> base,
                                              std::map<std::string, std::string> files,
                                              const std::vector<std::string>& removed = {});

}  // namespace refi

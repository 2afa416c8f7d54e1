#pragma once
// Test helper: writes small zip archives with chosen entry names and contents (libzip), for reader tests.

#include <zip.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "refi/guid.hpp"

namespace framer::test {

/// Writes `entries` (name, bytes) into a new zip at `path`, deflated unless `store` is true.
inline void write_zip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& entries,
                      bool store = false) {
    std::filesystem::remove(path);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) throw std::runtime_error("zip_open failed");
    for (const auto& [name, bytes] : entries) {
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        zip_int64_t i = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (i < 0) throw std::runtime_error("zip_file_add failed");
        if (store) zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
}

/// A fresh empty directory under the system temp folder, removed by the destructor.
class TempDir {
public:
    explicit TempDir(const std::string& tag) {
        m_path = std::filesystem::temp_directory_path() /
                 ("framer-test-" + tag + "-" + refi::make_guid());  // unique across processes, not just objects
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::error_code ec; std::filesystem::remove_all(m_path, ec); }
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
private:
    std::filesystem::path m_path;
};

}  // namespace framer::test

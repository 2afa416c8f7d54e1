#pragma once
// Private: a temporary file beside an output, renamed over it only when complete (never a half-written output).

#include <filesystem>
#include <string_view>

namespace refi::detail {

/// Creates an empty, uniquely named file in the folder of `target` (throws refi::Error when it cannot).
/// commit() flushes it to disk and renames it to `target`; if commit() is never reached the destructor removes it.
class TempFile {
public:
    explicit TempFile(const std::filesystem::path& target);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::filesystem::path& path() const { return m_temp; }
    /// Writes all of `bytes` to the temporary file (replacing its content).
    void write(std::string_view bytes);
    /// fsync, rename over the target, fsync the folder. Throws refi::Error naming the target.
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    bool m_committed = false;
};

}  // namespace refi::detail

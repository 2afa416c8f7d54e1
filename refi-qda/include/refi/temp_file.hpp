#pragma once
/// Temporary files beside an output: renamed over it only when complete, removed however the run ends.
///
/// Names are "." + the output's name (cut to fit) + "." + pid + "-" + 8 hex digits + ".framer-tmp", at most 255
/// bytes whatever the output's name. A live one is removed by its destructor, and on SIGINT, SIGTERM or SIGHUP
/// once remove_temp_files_on_signal() is installed; one left by a killed run (SIGKILL, power loss) is recognised
/// by its name and dead pid and removed by the next write of the same output.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace refi {

class TempFile {
public:
    /// Creates an empty, uniquely named file in the folder of `target` (throws refi::Error when it cannot),
    /// after removing the leftovers of killed runs for the same target.
    explicit TempFile(const std::filesystem::path& target);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::filesystem::path& path() const { return m_temp; }
    const std::filesystem::path& target() const { return m_target; }
    /// Writes all of `bytes` to the temporary file (replacing its content).
    void write(std::string_view bytes);
    /// fsync, rename over the target, fsync the folder. Throws refi::Error naming the target.
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    int m_slot = -1;  ///< its place in the list the signal handler removes
    bool m_committed = false;
};

/// The temporary name for an output called `target_name` (a file name, no folder): at most 255 bytes.
std::string temp_file_name(const std::string& target_name, long pid, std::uint32_t random);

/// Removes temporary files for `target` left by processes that no longer exist; returns how many.
std::size_t remove_stale_temp_files(const std::filesystem::path& target);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every live TempFile and then end the process
/// by the same signal (the exit status a shell expects). For programs, not for libraries embedding refi-qda.
void remove_temp_files_on_signal();

}  // namespace refi

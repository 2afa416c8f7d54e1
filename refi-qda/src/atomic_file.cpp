// Atomic output: write a temporary file in the output's folder (same file system, so rename is atomic), fsync it,
// rename it over the output. A crash or an error leaves either the old file or the new one, never a mixture.
#include "atomic_file.hpp"

#include <fstream>
#include <functional>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

#include "refi/error.hpp"
#include "refi/io.hpp"

namespace refi::detail {

namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what, int error) {
    throw Error(file.string(), {}, fmt::format("{}: {}", what, std::strerror(error)));
}

void sync_and_close(int fd, const std::filesystem::path& target) {
    if (::fsync(fd) != 0) {
        int e = errno;
        ::close(fd);
        fail(target, "cannot flush the output to disk", e);
    }
    if (::close(fd) != 0) fail(target, "cannot close the output", errno);
}

}  // namespace

TempFile::TempFile(const std::filesystem::path& target) : m_target(target) {
    std::filesystem::path folder = target.parent_path();
    if (folder.empty()) folder = ".";
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        // A dot-name in the same folder: same file system as the target, and hidden from casual listings.
        auto candidate = folder / fmt::format(".{}.{:08x}.tmp", target.filename().string(), random());
        // 0666 lets the umask decide the final permissions, as for any newly created file.
        int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            m_temp = candidate;
            return;
        }
        if (errno != EEXIST) fail(target, "cannot create a temporary file beside the output", errno);
    }
    throw Error(target.string(), {}, "cannot create a temporary file beside the output");
}

TempFile::~TempFile() {
    if (!m_committed && !m_temp.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_temp, ignored);
    }
}

void TempFile::write(std::string_view bytes) {
    int fd = ::open(m_temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) fail(m_target, "cannot write the output", errno);
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            ::close(fd);
            fail(m_target, "cannot write the output", e);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) fail(m_target, "cannot write the output", errno);
}

void TempFile::commit() {
    int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(m_target, "cannot reopen the temporary output", errno);
    sync_and_close(fd, m_target);
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) fail(m_target, "cannot rename the temporary output", errno);
    m_committed = true;
    // The rename itself is durable only once the folder is flushed; failing that is not worth an error.
    std::filesystem::path folder = m_target.parent_path();
    if (folder.empty()) folder = ".";
    int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace refi::detail

namespace refi {

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    detail::TempFile temp(path);
    temp.write(bytes);
    temp.commit();
}

void write_stream_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce) {
    detail::TempFile temp(path);
    {
        std::ofstream out(temp.path(), std::ios::binary | std::ios::trunc);
        if (!out) throw Error(path.string(), {}, "cannot write the temporary file " + temp.path().string());
        produce(out);
        out.flush();
        if (!out) throw Error(path.string(), {}, "cannot write the temporary file " + temp.path().string());
    }
    temp.commit();
}

}  // namespace refi

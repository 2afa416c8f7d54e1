// Atomic output: write a temporary file in the output's folder (same file system, so rename is atomic), fsync it,
// rename it over the output. A crash or an error leaves either the old file or the new one, never a mixture; the
// temporary itself is removed by the destructor, by the signal handler, or (after SIGKILL) by the next write.
#include "atomic_file.hpp"

#include <fstream>
#include <functional>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string_view>
#include <typeinfo>

#include <fmt/format.h>

#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/output_file.hpp"

namespace refi {

namespace {

constexpr std::string_view k_suffix = ".framer-tmp";
constexpr std::size_t k_name_max = 255;  // NAME_MAX of every file system Framer targets
// "." + name + "." + pid (at most 10 digits) + "-" + 8 hex digits + suffix
constexpr std::size_t k_overhead = 1 + 1 + 10 + 1 + 8 + k_suffix.size();

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

/// The output's name cut to leave room for the rest of the temporary name, never inside a UTF-8 sequence.
std::string name_prefix(const std::string& target_name) {
    std::size_t keep = std::min(target_name.size(), k_name_max - k_overhead);
    while (keep > 0 && keep < target_name.size() && (static_cast<unsigned char>(target_name[keep]) & 0xC0) == 0x80)
        --keep;
    return target_name.substr(0, keep);
}

// Live temporary files, for the signal handler: fixed slots of heap copies of the path, so the handler only reads
// atomics and calls unlink (both async-signal-safe). More than k_slots at once are simply not covered.
constexpr int k_slots = 64;
std::array<std::atomic<char*>, k_slots> g_live{};

int register_live(const std::filesystem::path& path) {
    char* copy = ::strdup(path.c_str());
    if (!copy) return -1;
    for (int i = 0; i < k_slots; ++i) {
        char* expected = nullptr;
        if (g_live[i].compare_exchange_strong(expected, copy)) return i;
    }
    std::free(copy);
    return -1;
}

void unregister_live(int slot) {
    if (slot < 0) return;
    char* copy = g_live[slot].exchange(nullptr);
    std::free(copy);
}

extern "C" void remove_live_and_die(int sig) {
    for (auto& slot : g_live) {
        char* path = slot.load();
        if (path) ::unlink(path);
    }
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

}  // namespace

std::string temp_file_name(const std::string& target_name, long pid, std::uint32_t random) {
    return fmt::format(".{}.{}-{:08x}{}", name_prefix(target_name), pid, random, k_suffix);
}

std::size_t remove_stale_temp_files(const std::filesystem::path& target) {
    std::filesystem::path folder = target.parent_path();
    if (folder.empty()) folder = ".";
    std::string start = ".";  // (built by appending: GCC 12 warns -Wrestrict falsely on "." + s + ".")
    start += name_prefix(target.filename().string());
    start += '.';
    std::size_t removed = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.size() <= start.size() + k_suffix.size() || name.compare(0, start.size(), start) != 0 ||
            name.compare(name.size() - k_suffix.size(), k_suffix.size(), k_suffix) != 0)
            continue;
        // The middle is "<pid>-<8 hex>"; anything else is not ours.
        std::string middle = name.substr(start.size(), name.size() - start.size() - k_suffix.size());
        auto dash = middle.find('-');
        if (dash == std::string::npos || dash == 0 || middle.size() - dash - 1 != 8 ||
            middle.find_first_not_of("0123456789") != dash)
            continue;
        long pid = std::strtol(middle.substr(0, dash).c_str(), nullptr, 10);
        if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or unknown
        std::error_code ignored;
        if (std::filesystem::remove(it->path(), ignored)) ++removed;
    }
    return removed;
}

void remove_temp_files_on_signal() {
    struct sigaction action {};
    action.sa_handler = remove_live_and_die;
    sigemptyset(&action.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
}

TempFile::TempFile(const std::filesystem::path& target) : m_target(target) {
    std::filesystem::path folder = target.parent_path();
    if (folder.empty()) folder = ".";
    // Say what is wrong instead of "cannot create a temporary file": the usual mistake is a folder not made yet.
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error(target.string(), {},
                    std::filesystem::exists(folder, ec)
                        ? fmt::format("the output folder '{}' is not a folder", folder.string())
                        : fmt::format("the output folder '{}' does not exist (create it first)", folder.string()));
    remove_stale_temp_files(target);
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        // A dot-name in the same folder: same file system as the target, and hidden from casual listings.
        auto candidate = folder / temp_file_name(target.filename().string(), static_cast<long>(::getpid()), random());
        // 0666 lets the umask decide the final permissions, as for any newly created file.
        // A signal between creating the file and registering it would leave it behind: held back until then.
        sigset_t held, before;
        sigemptyset(&held);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, sig);
        const bool masked = pthread_sigmask(SIG_BLOCK, &held, &before) == 0;
        int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        const int open_error = errno;
        if (fd >= 0) {
            ::close(fd);
            m_temp = candidate;
            m_slot = register_live(m_temp);
        }
        if (masked) pthread_sigmask(SIG_SETMASK, &before, nullptr);
        if (fd >= 0) return;
        if (open_error != EEXIST) fail(target, "cannot create a temporary file beside the output", open_error);
    }
    throw Error(target.string(), {}, "cannot create a temporary file beside the output");
}

TempFile::~TempFile() {
    if (!m_committed && !m_temp.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_temp, ignored);
    }
    unregister_live(m_slot);
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
    unregister_live(m_slot);  // the name now belongs to the output: a signal must not remove it
    m_slot = -1;
    // The rename itself is durable only once the folder is flushed; failing that is not worth an error.
    std::filesystem::path folder = m_target.parent_path();
    if (folder.empty()) folder = ".";
    int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    TempFile temp(path);
    temp.write(bytes);
    temp.commit();
}

void write_stream_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce) {
    TempFile temp(path);
    write_stream(temp.path(), path.string(), produce);
    temp.commit();
}

namespace {

/// `text` with each `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

void write_path_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path&)>& produce) {
    TempFile temp(path);
    // A writer that fails names the file it writes, the temporary: the error names the output instead (the
    // temporary is removed as the error unwinds, and its name means nothing to the reader).
    const std::string temporary = temp.path().string();
    try {
        produce(temp.path());
    } catch (const Error& e) {
        if (e.file() != temporary && e.message().find(temporary) == std::string::npos) throw;
        throw Error(e.file() == temporary ? path.string() : e.file(), e.location(),
                    replaced(e.message(), temporary, path.string()));
    } catch (const std::runtime_error& e) {
        if (typeid(e) != typeid(std::runtime_error) || std::string_view(e.what()).find(temporary) == std::string_view::npos)
            throw;
        throw std::runtime_error(replaced(e.what(), temporary, path.string()));
    }
    temp.commit();
}

}  // namespace refi

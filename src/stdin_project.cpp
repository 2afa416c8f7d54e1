// A project piped in: standard input spooled to a private temporary file, read, and unlinked at once.
#include "stdin_project.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace framer::cli {
namespace {

/// The temporary file: created with mkstemps (0600, a fresh name), removed by the destructor whatever happens.
class Spool {
public:
    Spool() {
        std::string pattern = (std::filesystem::temp_directory_path() / "framer-stdin-XXXXXX.qdpx").string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        m_fd = ::mkstemps(name.data(), 5);
        if (m_fd < 0)
            throw refi::Error(stdin_label, {}, fmt::format("cannot create a temporary file to hold standard input "
                                                           "in {}: {}", pattern, std::strerror(errno)));
        m_path = name.data();
        m_linked = true;
    }
    ~Spool() {
        if (m_fd >= 0) ::close(m_fd);
        remove();
    }
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    void write(const char* data, std::size_t size) {
        while (size > 0) {
            ssize_t n = ::write(m_fd, data, size);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                throw refi::Error(stdin_label, {}, fmt::format("cannot save standard input to {}: {}", m_path,
                                                               std::strerror(errno)));
            data += n;
            size -= static_cast<std::size_t>(n);
        }
    }
    void close() {
        if (m_fd >= 0 && ::close(m_fd) != 0)
            throw refi::Error(stdin_label, {}, fmt::format("cannot save standard input to {}: {}", m_path,
                                                           std::strerror(errno)));
        m_fd = -1;
    }
    void remove() {
        if (m_linked) ::unlink(m_path.c_str());
        m_linked = false;
    }
    const std::string& path() const { return m_path; }

private:
    int m_fd = -1;
    std::string m_path;
    bool m_linked = false;
};

/// `text` with the temporary file's path and name replaced by "<stdin>".
std::string relabel(std::string text, const std::string& path) {
    const std::string name = std::filesystem::path(path).filename().string();
    for (const std::string& what : {path, name}) {
        for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos;) {
            text.replace(at, what.size(), stdin_label);
            at += std::strlen(stdin_label);
        }
    }
    return text;
}

}  // namespace

std::string input_label(const std::string& arg) { return arg == "-" ? stdin_label : arg; }

refi::Project read_project_arg(const std::string& arg, std::istream& in, refi::Diagnostics& diagnostics,
                               const refi::ReadOptions& options, std::uint64_t max_bytes) {
    if (arg != "-") return refi::read_project(arg, diagnostics, options);
    Spool spool;
    std::vector<char> buffer(1 << 20);
    std::uint64_t total = 0;
    char head[2] = {};
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        if (total < 2)
            for (std::size_t i = 0; i < got && total + i < 2; ++i) head[total + i] = buffer[i];
        total += got;
        if (total > max_bytes)
            throw refi::Error(stdin_label, {}, fmt::format("standard input holds more than {} bytes, the limit for a "
                                                           "project read from it; save it to a file and name that",
                                                           max_bytes));
        spool.write(buffer.data(), got);
    }
    if (in.bad()) throw refi::Error(stdin_label, {}, "cannot read standard input");
    spool.close();
    if (total == 0) throw refi::Error(stdin_label, {}, "standard input is empty: pipe a .qdpx into it, or name a file");
    if (head[0] != 'P' || head[1] != 'K')
        throw refi::Error(stdin_label, {}, "not a .qdpx (zip archive); a project on standard input must be a .qdpx "
                                           "(a bare .qde needs its sources folder beside it: name its path)");
    refi::Diagnostics found;
    try {
        refi::Project project = refi::read_project(spool.path(), found, options);
        spool.remove();  // the archive is open: its sources are read through the open file
        for (auto d : found.items()) {
            d.file = relabel(d.file, spool.path());
            d.message = relabel(d.message, spool.path());
            diagnostics.add(std::move(d));
        }
        return project;
    } catch (const refi::Error& e) {
        for (auto d : found.items()) {
            d.file = relabel(d.file, spool.path());
            d.message = relabel(d.message, spool.path());
            diagnostics.add(std::move(d));
        }
        throw refi::Error(relabel(e.file(), spool.path()), e.location(), relabel(e.message(), spool.path()));
    }
}

}  // namespace framer::cli

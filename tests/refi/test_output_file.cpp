// refi::OutputFile: every byte lands, in order, whether it went through the page cache or to the disk directly
// (past 8 MiB, where the file system takes direct writes), and a write that fails says why.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <random>
#include <string>

#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/output_file.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / ("framer-output-file-" + refi::make_guid());
    Folder() { fs::create_directories(path); }
    ~Folder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// Text of `size` bytes that shows any byte out of place: numbered lines.
std::string numbered(std::size_t size) {
    std::string s;
    s.reserve(size + 32);
    for (std::size_t line = 0; s.size() < size; ++line) s += "line " + std::to_string(line) + " ünïcode\n";
    s.resize(size);
    return s;
}

/// Whether the file system of `folder` takes O_DIRECT files at all (tmpfs before Linux 6.6 does not).
bool takes_direct_writes(const fs::path& folder) {
    const fs::path probe = folder / "probe";
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_DIRECT | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    ::close(fd);
    fs::remove(probe);
    return true;
}

}  // namespace

TEST_CASE("An output file holds every byte written, in pieces of any size, past the direct-write threshold",
          "[refi][output]") {
    Folder dir;
    // 8 MiB buffered, then direct, and a tail that is not whole blocks.
    const std::string text = numbered(std::size_t{21} << 20 | 1234);
    std::mt19937 random(7);
    for (const bool through_stream : {false, true}) {
        INFO("through a std::ostream: " << through_stream);
        const fs::path path = dir.path / (through_stream ? "stream.txt" : "direct.txt");
        refi::OutputFile file(path, "out.txt");
        bool direct = false;
        if (through_stream) {
            refi::OutputFileBuf buffer(file);
            std::ostream out(&buffer);
            for (std::size_t at = 0; at < text.size();) {
                const std::size_t n = std::min<std::size_t>(text.size() - at, random() % 200000);
                if (n % 3 == 0 && n > 0) out.put(text[at++]);  // single characters too (overflow)
                else {
                    out.write(text.data() + at, static_cast<std::streamsize>(n));
                    at += n;
                }
            }
            CHECK(out);
            buffer.close();
        } else {
            for (std::size_t at = 0; at < text.size();) {
                const std::size_t n = std::min<std::size_t>(text.size() - at, random() % 3000000);
                file.write(std::string_view(text).substr(at, n));
                at += n;
            }
            CHECK(file.size() == text.size());
            file.close();
        }
        direct = file.wrote_directly();
        CHECK(framer::test::read_file(path) == text);
        if (takes_direct_writes(dir.path)) CHECK(direct);
        else WARN(dir.path.string() << " takes no direct writes: only the page cache path was checked");
    }
}

TEST_CASE("A small output file, or one with FRAMER_NO_DIRECT_IO=1, goes through the page cache", "[refi][output]") {
    Folder dir;
    {
        refi::OutputFile file(dir.path / "small.txt", "small.txt");
        file.write("{}\n");
        file.close();
        CHECK_FALSE(file.wrote_directly());
        CHECK(framer::test::read_file(dir.path / "small.txt") == "{}\n");
    }
    ::setenv("FRAMER_NO_DIRECT_IO", "1", 1);
    const std::string text = numbered(std::size_t{13} << 20);
    refi::OutputFile file(dir.path / "large.txt", "large.txt");
    file.write(text);
    file.close();
    ::unsetenv("FRAMER_NO_DIRECT_IO");
    CHECK_FALSE(file.wrote_directly());
    CHECK(framer::test::read_file(dir.path / "large.txt") == text);
}

TEST_CASE("An output file that cannot grow says so and names the output, direct writes or not", "[refi][output]") {
    Folder dir;
    // Limits below and above the direct-write threshold: the failing write is buffered, or direct.
    for (const rlim_t limit : {rlim_t{1} << 20, rlim_t{13} << 20}) {
        INFO("file-size limit " << limit);
        const fs::path message_file = dir.path / "message.txt";
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::signal(SIGXFSZ, SIG_IGN);
            rlimit r{limit, RLIM_INFINITY};  // the soft limit only: lifted again below
            ::setrlimit(RLIMIT_FSIZE, &r);
            std::string message = "no error";
            try {
                refi::OutputFile file(dir.path / "big.txt", "chart.json");
                refi::OutputFileBuf buffer(file);
                std::ostream out(&buffer);
                const std::string text = numbered(std::size_t{20} << 20);
                out.write(text.data(), static_cast<std::streamsize>(text.size()));
                buffer.close();
            } catch (const refi::Error& e) {
                message = std::string(e.what());
            }
            // The message is written with the limit lifted.
            rlimit none{RLIM_INFINITY, RLIM_INFINITY};
            ::setrlimit(RLIMIT_FSIZE, &none);
            framer::test::write_file(message_file, message);
            ::_exit(0);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(WIFEXITED(status));
        const std::string message = framer::test::read_file(message_file);
        CHECK(message.find("chart.json") != std::string::npos);
        CHECK(message.find("cannot write the output: File too large") != std::string::npos);
        CHECK(fs::file_size(dir.path / "big.txt") <= limit);
    }
}

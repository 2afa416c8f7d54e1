// Tests of refi::TempFile: names that fit any output name, cleanup after signals and after SIGKILL, and that a
// short write (a full disk, a file-size limit) fails instead of committing a truncated file.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/io.hpp"
#include "refi/temp_file.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using framer::test::list_folder;
using framer::test::read_file;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / ("framer-tempfile-" + refi::make_guid());
    Folder() { fs::create_directories(path); }
    ~Folder() { std::error_code ec; fs::remove_all(path, ec); }
};

/// The pid of a process that has already ended (its child, reaped): a pid nobody is using right now.
pid_t dead_pid() {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return pid;
}

/// Runs `body` in a child process and returns its wait status.
template <class F>
int in_child(F body) {
    pid_t pid = ::fork();
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

}  // namespace

TEST_CASE("TempFile names fit beside an output name of 255 bytes", "[atomic][temp]") {
    std::string longest(255, 'a');
    CHECK(refi::temp_file_name(longest, 4194304, 0xFFFFFFFFu).size() <= 255);
    CHECK(refi::temp_file_name("out.xlsx", 42, 0xABu) == ".out.xlsx.42-000000ab.framer-tmp");
    // A multi-byte character is never cut in half: 127 two-byte characters, cut to fit.
    std::string accents;
    for (int i = 0; i < 127; ++i) accents += "\xC3\xA9";
    std::string name = refi::temp_file_name(accents, 1, 1);
    CHECK(name.size() <= 255);
    CHECK(name.find("\xC3.") == std::string::npos);

    Folder dir;
    refi::write_file_atomically(dir.path / longest, "content");
    CHECK(read_file(dir.path / longest) == "content");
    CHECK(list_folder(dir.path) == std::vector<std::string>{longest});
}

TEST_CASE("TempFile leftovers of a killed run are removed by the next write of the same output", "[atomic][temp]") {
    Folder dir;
    pid_t gone = dead_pid();
    std::string stale = refi::temp_file_name("out.csv", gone, 0x1234u);
    std::string live = refi::temp_file_name("out.csv", ::getpid(), 0x5678u);  // a writer that is still running
    std::string other = refi::temp_file_name("other.csv", gone, 0x1234u);   // another output's
    for (const auto& n : {stale, live, other}) framer::test::write_file(dir.path / n, "partial");
    refi::write_file_atomically(dir.path / "out.csv", "done");
    std::vector<std::string> kept{live, other, "out.csv"};
    std::sort(kept.begin(), kept.end());
    CHECK(list_folder(dir.path) == kept);
    CHECK(refi::remove_stale_temp_files(dir.path / "other.csv") == 1);
}

TEST_CASE("TempFile is removed when the process is ended by SIGINT or SIGTERM", "[atomic][temp][signal]") {
    for (int sig : {SIGINT, SIGTERM}) {
        Folder dir;
        int status = in_child([&] {
            refi::remove_temp_files_on_signal();
            refi::TempFile temp(dir.path / "out.qdpx");
            temp.write(std::string(1 << 20, 'x'));
            ::raise(sig);
        });
        INFO("signal " << sig);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
        CHECK(list_folder(dir.path).empty());
    }
}

TEST_CASE("write_stream_atomically fails on a short write and keeps the earlier output", "[atomic][temp][disk]") {
    Folder dir;
    framer::test::write_file(dir.path / "out.json", "earlier");
    int status = in_child([&] {
        ::signal(SIGXFSZ, SIG_IGN);  // a write beyond the limit then fails with EFBIG, like a full disk
        rlimit limit{16384, 16384};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            refi::write_stream_atomically(dir.path / "out.json",
                                          [](std::ostream& out) { out << std::string(100000, 'x'); });
        } catch (const refi::Error&) {
            ::_exit(1);
        }
        ::_exit(0);
    });
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(read_file(dir.path / "out.json") == "earlier");
    CHECK(list_folder(dir.path) == std::vector<std::string>{"out.json"});
}

// Writes interrupted by SIGINT or SIGTERM at many moments: the output folder holds the earlier output or the
// complete new one, never a temporary or a scratch file (issue 11, item 8), for the two zip writers (.qdpx through
// refi::ZipWriter, .xlsx through the xlsx exporter's package writer and the same zip writer) and a text format.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "refi/guid.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/seed-table2.qdpx";

/// Runs the framer binary with `args`, sends `sig` after `delay`, and waits; returns the wait status. posix_spawn
/// starts it with the default actions for the signals (not this test program's handlers), even when the signal
/// comes before the program has started.
int run_and_signal(const std::vector<std::string>& args, std::chrono::microseconds delay, int sig) {
    std::vector<std::string> copy = args;
    std::string binary = FRAMER_BINARY;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults, none;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, binary.c_str(), &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    REQUIRE(rc == 0);
    std::this_thread::sleep_for(delay);
    ::kill(pid, sig);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

bool complete_zip(const fs::path& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z) return false;
    zip_discard(z);
    return true;
}

}  // namespace

TEST_CASE("Interrupted chart and convert writes leave the earlier output or the whole new one, nothing else",
          "[cli][signal][xlsx][convert]") {
    struct Case {
        const char* name;
        std::vector<std::string> args;
    };
    fs::path dir = fs::temp_directory_path() / ("framer-interrupted-" + refi::make_guid());
    fs::create_directories(dir);
    const std::vector<Case> cases = {
        {"out.xlsx", {"chart", sample, "-o", (dir / "out.xlsx").string()}},
        {"out.qdpx", {"convert", sample, (dir / "out.qdpx").string()}},
        {"out.json", {"chart", sample, "-o", (dir / "out.json").string()}},
    };
    int interrupted = 0, finished = 0;
    for (const auto& c : cases) {
        for (int sig : {SIGINT, SIGTERM}) {
            // From before the write starts to after it ends (the runs take 50-200 ms here).
            for (int ms = 0; ms <= 240; ms += 20) {
                INFO(c.name << " signal " << sig << " after " << ms << " ms");
                fs::path out = dir / c.name;
                framer::test::write_file(out, "earlier");
                int status = run_and_signal(c.args, std::chrono::milliseconds(ms), sig);
                if (WIFSIGNALED(status)) ++interrupted;
                else ++finished;
                CHECK(framer::test::list_folder(dir) == std::vector<std::string>{c.name});
                std::string content = framer::test::read_file(out);
                if (content != "earlier") {
                    if (std::string(c.name) != "out.json") CHECK(complete_zip(out));
                    else CHECK(content.back() == '\n');
                }
            }
        }
        fs::remove(dir / c.name);
    }
    // Some runs were ended by the signal (the others finished before it came, on a fast machine).
    CHECK(interrupted > 0);
    INFO(finished << " runs finished before their signal");
    std::error_code ec;
    fs::remove_all(dir, ec);
}

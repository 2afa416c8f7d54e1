// Every output format on a "full disk" (a file-size limit, so a write fails with EFBIG part-way): exit 1, the
// earlier output intact, no temporary left beside it or in the system temporary folder.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "refi/guid.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";

struct Folder {
    fs::path path = fs::temp_directory_path() / ("framer-full-disk-" + refi::make_guid());
    Folder() { fs::create_directories(path / "out"); fs::create_directories(path / "tmp"); }
    ~Folder() { std::error_code ec; fs::remove_all(path, ec); }
};

/// Runs framer in a child process whose files may not grow beyond `limit` bytes, TMPDIR pointing at `tmp`; what
/// it printed on stderr goes to `err` when given (written before the limit applies to it: it is a few lines).
int run_limited(std::vector<std::string> args, rlim_t limit, const fs::path& tmp, const fs::path& err = {}) {
    pid_t pid = ::fork();
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit r{limit, limit};
        ::setrlimit(RLIMIT_FSIZE, &r);
        ::setenv("TMPDIR", tmp.c_str(), 1);
        auto result = framer::test::run_framer(std::move(args));
        if (!err.empty()) framer::test::write_file(err, result.err);
        ::_exit(result.code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("chart to xlsx on a full disk exits 1 and keeps the earlier output", "[cli][xlsx][disk]") {
    for (const char* name : {"out.xlsx", "out.json", "out.csv", "out.md", "out.html"}) {
        INFO(name);
        Folder dir;
        fs::path out = dir.path / "out" / name;
        framer::test::write_file(out, "earlier");
        // 8 KiB: less than any of these outputs of the sample (the xlsx is ~18 KiB).
        const fs::path err = dir.path / "stderr.txt";
        CHECK(run_limited({"chart", sample, "-o", out.string()}, 8192, dir.path / "tmp", err) == 1);
        CHECK(framer::test::read_file(out) == "earlier");
        // The error names the output, not the temporary file it was being written to (gone by then).
        const std::string message = framer::test::read_file(err);
        INFO(message);
        CHECK(message.find(out.string()) != std::string::npos);
        CHECK(message.find(".framer-tmp") == std::string::npos);
        CHECK(framer::test::list_folder(dir.path / "out") == std::vector<std::string>{name});
        CHECK(framer::test::list_folder(dir.path / "tmp").empty());
    }
}

TEST_CASE("chart to xlsx writes nothing into the temporary folder, only the output", "[cli][xlsx]") {
    Folder dir;
    fs::path out = dir.path / "out" / "chart.xlsx";
    CHECK(run_limited({"chart", sample, "-o", out.string()}, RLIM_INFINITY, dir.path / "tmp") == 0);
    CHECK(framer::test::read_file(out).substr(0, 2) == "PK");
    CHECK(framer::test::list_folder(dir.path / "out") == std::vector<std::string>{"chart.xlsx"});
    CHECK(framer::test::list_folder(dir.path / "tmp").empty());
}

TEST_CASE("convert to .qdpx and .qde on a full disk exits 1 and keeps the earlier output", "[cli][convert][disk]") {
    for (const char* name : {"out.qdpx", "out.qde"}) {
        INFO(name);
        Folder dir;
        fs::path out = dir.path / "out" / name;
        framer::test::write_file(out, "earlier");
        // The sample's .qdpx is ~18 KiB (project.qde ~10 KiB of it deflated) and its .qde ~62 KiB: 8 KiB cuts
        // either inside project.qde, 16 KiB the .qdpx inside its copied source files; nothing is renamed into place.
        // (ZipWriter's own failures, at a buffered write and at close, are in tests/refi/test_zip_writer.cpp.)
        for (rlim_t limit : {rlim_t(8192), rlim_t(16384)}) {
            INFO(limit);
            CHECK(run_limited({"convert", sample, out.string()}, limit, dir.path / "tmp") == 1);
            CHECK(framer::test::read_file(out) == "earlier");
            CHECK(framer::test::list_folder(dir.path / "out") == std::vector<std::string>{name});
        }
        CHECK(run_limited({"convert", sample, out.string()}, RLIM_INFINITY, dir.path / "tmp") == 0);
        CHECK(framer::test::read_file(out) != "earlier");
        CHECK(framer::test::list_folder(dir.path / "out") == std::vector<std::string>{name});
    }
}

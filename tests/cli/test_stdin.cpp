// "-" as the project: every command that reads a project reads a .qdpx from standard input, gives the same
// output as with the file's path, names "<stdin>" in its messages and leaves no temporary file behind.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli.hpp"
#include "stdin_project.hpp"
#include "support/files.hpp"
#include "support/zip_builder.hpp"

namespace fs = std::filesystem;
using framer::test::TempDir;

namespace {

std::string sample(const std::string& name) { return std::string(FRAMER_SOURCE_DIR) + "/samples/" + name; }

struct Run {
    int code = -1;
    std::string out, err;
};

/// Runs framer in-process with `input` as its standard input.
Run run_with_stdin(std::vector<std::string> args, const std::string& input) {
    args.insert(args.begin(), "framer");
    std::istringstream in(input);
    std::ostringstream out, err;
    framer::cli::Io io{out, err};
    io.in = &in;
    Run r;
    r.code = framer::cli::run(args, io);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// The same command with the path in place of "-" (stdin empty, so reading it would fail).
Run run_with_path(std::vector<std::string> args, const std::string& path) {
    for (auto& a : args)
        if (a == "-") a = path;
    return run_with_stdin(std::move(args), "");
}

/// Points the temporary folder at a fresh one for the test's life, so a leftover spool file would be seen.
class PrivateTmp {
public:
    PrivateTmp() : m_dir("stdin-tmp") {
        if (const char* old = std::getenv("TMPDIR")) m_old = old, m_had = true;
        ::setenv("TMPDIR", m_dir.path().c_str(), 1);
    }
    ~PrivateTmp() {
        if (m_had) ::setenv("TMPDIR", m_old.c_str(), 1);
        else ::unsetenv("TMPDIR");
    }
    bool empty() const { return fs::is_empty(m_dir.path()); }

private:
    TempDir m_dir;
    std::string m_old;
    bool m_had = false;
};

}  // namespace

TEST_CASE("Every command that reads a project reads a .qdpx from standard input given -", "[cli][stdin]") {
    TempDir dir("stdin-out");  // before the private temporary folder, which must end up empty
    PrivateTmp tmp;
    const std::string path = sample("recovery-study.qdpx");
    const std::string bytes = framer::test::read_file(path);
    REQUIRE(bytes.size() > 1000);
    const std::vector<std::vector<std::string>> commands = {
        {"info", "-"},
        {"info", "-", "--json"},
        {"validate", "-"},
        {"tabulate", "-", "--by", "Role"},
        {"describe", "-", "--by", "Role", "--format", "csv"},
        {"chart", "-", "--show", "Role", "--format", "csv"},
        {"quotes", "-", "--format", "json"},
        {"agreement", "-", "--coders", "Marta Núñez,Daniel Okoro", "--format", "json"},
    };
    for (const auto& args : commands) {
        INFO(args[0] << " " << args.back());
        Run piped = run_with_stdin(args, bytes);
        Run named = run_with_path(args, path);
        CHECK(piped.code == 0);
        CHECK(piped.code == named.code);
        // The same output, but for how the project is named (validate and info print it).
        std::string expected = named.out;
        for (const std::string& name : {path, fs::path(path).filename().string()})
            for (std::size_t at = 0; (at = expected.find(name, at)) != std::string::npos;)
                expected.replace(at, name.size(), "<stdin>"), at += 7;
        CHECK(piped.out == expected);
        CHECK(piped.out.find("framer-stdin-") == std::string::npos);
        CHECK(piped.err.find("framer-stdin-") == std::string::npos);
    }
    // Commands that write a project: convert, merge, summaries; the written project is the one piped in.
    Run converted = run_with_stdin({"convert", "-", (dir / "converted.qdpx").string()}, bytes);
    CHECK(converted.code == 0);
    Run from_file = run_with_path({"convert", "-", (dir / "reference.qdpx").string()}, path);
    REQUIRE(from_file.code == 0);
    CHECK(framer::test::read_file(dir / "converted.qdpx") == framer::test::read_file(dir / "reference.qdpx"));
    Run merged = run_with_stdin({"merge", "-", sample("recovery-study-nvivo.qdpx"), "-o", (dir / "merged.qdpx").string()}, bytes);
    CHECK(merged.code == 0);
    CHECK((merged.out + merged.err).find("<stdin> (framer, the base)") != std::string::npos);
    REQUIRE(run_with_path({"chart", path, "--format", "csv", "-o", (dir / "chart.csv").string()}, path).code == 0);
    Run summaries = run_with_stdin({"summaries", "-", (dir / "chart.csv").string(), "-o", (dir / "summaries.qdpx").string()}, bytes);
    CHECK(summaries.code == 0);
    CHECK(fs::exists(dir / "summaries.qdpx"));
    // Nothing left in the temporary folder: the spooled copy is unlinked as soon as the archive is open.
    CHECK(tmp.empty());
}

TEST_CASE("A bad project on standard input is named <stdin> with exit 1", "[cli][stdin][errors]") {
    PrivateTmp tmp;
    const std::string bytes = framer::test::read_file(sample("recovery-study.qdpx"));
    struct Bad {
        std::string what, input, message;
    };
    const std::vector<Bad> cases = {
        {"nothing", "", "framer tabulate: error: <stdin>: standard input is empty"},
        {"a bare .qde", "<?xml version=\"1.0\"?><Project/>", "framer tabulate: error: <stdin>: not a .qdpx (zip archive)"},
        {"a cut zip", bytes.substr(0, 3000), "framer tabulate: error: <stdin>: the zip archive is truncated or corrupt"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        Run r = run_with_stdin({"tabulate", "-", "--by", "Role"}, c.input);
        CHECK(r.code == framer::cli::invalid);
        CHECK(r.err.rfind(c.message, 0) == 0);
        CHECK(r.err.find("framer-stdin-") == std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK(run_with_stdin({"merge", "-", "-", "-o", "x.qdpx"}, bytes).code == framer::cli::usage);
    CHECK(tmp.empty());
}

TEST_CASE("Standard input larger than the cap is refused without filling the disk", "[cli][stdin][errors]") {
    PrivateTmp tmp;
    std::istringstream in(std::string(5000, 'P'));
    refi::Diagnostics diagnostics;
    try {
        framer::cli::read_project_arg("-", in, diagnostics, {}, 4096);
        FAIL("5000 bytes passed a cap of 4096");
    } catch (const refi::Error& e) {
        CHECK(e.file() == "<stdin>");
        CHECK(std::string(e.what()).find("more than 4096 bytes") != std::string::npos);
    }
    CHECK(tmp.empty());
}

TEST_CASE("The framer binary reads a project piped into it", "[cli][stdin]") {
    TempDir dir("stdin-binary");
    const std::string command = "cat \"" + sample("seed-table2.qdpx") + "\" | \"" + FRAMER_BINARY +
                                "\" tabulate - --by Role --format csv > \"" + (dir / "piped.csv").string() + "\" && \"" +
                                FRAMER_BINARY + "\" tabulate \"" + sample("seed-table2.qdpx") +
                                "\" --by Role --format csv > \"" + (dir / "named.csv").string() + "\"";
    int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const std::string piped = framer::test::read_file(dir / "piped.csv");
    CHECK(piped.size() > 1000);
    CHECK(piped == framer::test::read_file(dir / "named.csv"));
}

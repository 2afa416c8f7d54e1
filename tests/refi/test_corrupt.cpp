// The bad-input corpus (tests/corrupt/, built by make_corrupt.py): each input is read by the library and checked
// by `framer validate`; the message must contain the fragments of its .expected file and the exit code must match.
// Nothing may crash, hang, write outside the output, or modify the input.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "refi/guid.hpp"
#include "refi/io.hpp"
#include "refi/validate.hpp"

namespace fs = std::filesystem;

namespace {

struct Expected {
    fs::path input;
    int exit = -1;
    std::optional<int> strict_exit;
    std::vector<std::string> contains;          // CLI and library
    std::vector<std::string> library_contains;  // library only
    std::vector<std::string> findings;
    std::string reader;  // "throws", "reads" or empty
    std::optional<std::uint64_t> max_xml_bytes;
    std::string mayfail;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<Expected> corpus() {
    std::vector<Expected> out;
    fs::path dir = fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt";
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".expected") continue;
        Expected e;
        e.input = entry.path().parent_path() / entry.path().stem();
        std::istringstream lines(slurp(entry.path()));
        std::string line;
        while (std::getline(lines, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto colon = line.find(": ");
            REQUIRE(colon != std::string::npos);
            std::string key = line.substr(0, colon), value = line.substr(colon + 2);
            if (key == "exit") e.exit = std::stoi(value);
            else if (key == "strict-exit") e.strict_exit = std::stoi(value);
            else if (key == "contains") e.contains.push_back(value);
            else if (key == "library-contains") e.library_contains.push_back(value);
            else if (key == "finding") e.findings.push_back(value);
            else if (key == "reader") e.reader = value;
            else if (key == "max-xml-bytes") e.max_xml_bytes = std::stoull(value);
            else if (key == "mayfail") e.mayfail = value;
            else FAIL("unknown key '" << key << "' in " << entry.path());
        }
        out.push_back(e);
    }
    std::sort(out.begin(), out.end(), [](const Expected& a, const Expected& b) { return a.input < b.input; });
    return out;
}

struct Run {
    int exit = -1;
    std::string output;  // stdout and stderr together
};

// Runs the built CLI from inside `cwd` (so any stray write would land in a folder the test inspects).
Run run_cli(const std::string& arguments, const fs::path& cwd) {
    fs::path out = cwd / ("cli-output-" + refi::make_guid() + ".txt");
    std::string command = "cd '" + cwd.string() + "' && '" + std::string(FRAMER_BINARY) + "' " + arguments + " >'" +
                          out.string() + "' 2>&1";
    int status = std::system(command.c_str());
    Run r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.output = slurp(out);
    fs::remove(out);
    return r;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("framer-corrupt-" + refi::make_guid());
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// What the library says about an input: the reader's error, or its findings plus validate's.
std::string library_message(const Expected& e, bool& threw, refi::Diagnostics& all) {
    refi::ReadOptions options;
    if (e.max_xml_bytes) options.max_xml_bytes = *e.max_xml_bytes;
    threw = false;
    try {
        refi::Project project = refi::read_project(e.input, all, options);
        refi::ValidateOptions vo;
        std::string name = e.input.filename().string();
        vo.file_label = e.input.extension() == ".qdpx" ? name + ":project.qde" : name;
        all.append(refi::validate(project, vo));
    } catch (const refi::Error& error) {
        threw = true;
        return error.what();
    }
    std::string text;
    for (const auto& d : all.items()) text += d.format() + "\n";
    return text;
}

void check_case(const Expected& e) {
    INFO("input: " << e.input.filename().string());
    std::string before = slurp(e.input);
    auto mtime_before = fs::last_write_time(e.input);

    // The library: never crashes, refuses quickly (the 3 GiB bomb in well under a second on a laptop).
    bool threw = false;
    refi::Diagnostics findings;
    auto start = std::chrono::steady_clock::now();
    std::string message = library_message(e, threw, findings);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("library said: " << message);
    CHECK(seconds < 10.0);
    if (e.reader == "throws") CHECK(threw);
    if (e.reader == "reads") CHECK_FALSE(threw);
    for (const auto& id : e.findings) CHECK(findings.contains(id));
    for (const auto& fragment : e.contains) CHECK(message.find(fragment) != std::string::npos);
    for (const auto& fragment : e.library_contains) CHECK(message.find(fragment) != std::string::npos);
    // A message is one line (plus one line per finding), never empty.
    CHECK_FALSE(message.empty());
    if (threw) CHECK(message.find('\n') == std::string::npos);

    // The CLI: exit code and the same fragments, run in an empty folder that must stay empty.
    TempDir cwd;
    Run run = run_cli("validate '" + e.input.string() + "'", cwd.path);
    INFO("framer validate said: " << run.output);
    CHECK(run.exit == e.exit);
    for (const auto& fragment : e.contains) CHECK(run.output.find(fragment) != std::string::npos);
    if (e.strict_exit) CHECK(run_cli("validate --strict '" + e.input.string() + "'", cwd.path).exit == *e.strict_exit);
    CHECK(fs::is_empty(cwd.path));

    // The input is never modified.
    CHECK(slurp(e.input) == before);
    CHECK(fs::last_write_time(e.input) == mtime_before);
}

}  // namespace

TEST_CASE("Every corrupt input gets its expected message and exit code", "[corrupt]") {
    auto cases = corpus();
    REQUIRE(cases.size() >= 15);
    for (const auto& e : cases) {
        if (!e.mayfail.empty()) continue;
        DYNAMIC_SECTION(e.input.filename().string()) { check_case(e); }
    }
}

// Inputs whose message is not right yet (each .expected says why); listed for the reader's owner to fix.
TEST_CASE("Corrupt inputs the reader does not describe well yet", "[corrupt][!mayfail]") {
    for (const auto& e : corpus()) {
        if (e.mayfail.empty()) continue;
        DYNAMIC_SECTION(e.input.filename().string() << " (" << e.mayfail << ")") { check_case(e); }
    }
}

TEST_CASE("Converting an archive with unsafe entry names writes nothing anywhere", "[corrupt]") {
    for (const char* name : {"dotdot-entry.qdpx", "absolute-entry.qdpx"}) {
        DYNAMIC_SECTION(name) {
            fs::path input = fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt" / name;
            TempDir outer;
            fs::path cwd = outer.path / "a" / "b";
            fs::create_directories(cwd);
            bool evil_before = fs::exists("/tmp/framer-evil.txt");
            Run run = run_cli("convert '" + input.string() + "' out.qdpx", cwd);
            INFO(run.output);
            CHECK(run.exit == 1);
            CHECK(run.output.find("unsafe entry name") != std::string::npos);
            // Nothing in the working folder or above it (where ../../evil.txt would land), nothing in /tmp.
            CHECK(fs::is_empty(cwd));
            CHECK(std::distance(fs::recursive_directory_iterator(outer.path), fs::recursive_directory_iterator()) ==
                  2);  // a/ and a/b/
            if (!evil_before) CHECK_FALSE(fs::exists("/tmp/framer-evil.txt"));
        }
    }
}

TEST_CASE("The 3 GiB zip bomb is refused in bounded memory even under a generous cap", "[corrupt]") {
    fs::path input = fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt" / "bomb-3gib-spaces.qdpx";
    // The declared size is checked first; with the cap at 64 MiB, even a reader that inflated up to the cap
    // could use at most that much memory.
    refi::ReadOptions options;
    options.max_xml_bytes = 64ull << 20;
    refi::Diagnostics d;
    auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(refi::read_project(input, d, options), Catch::Contains("limit"));
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5.0);
}

// bomb-lying-size.qdpx declares 1000 bytes and inflates to 64 MiB. An entry that inflates past its declared size is
// corrupt: it is refused at that point, naming the entry, whatever the cap (a 3 GiB liar must not cost 1 GiB).
TEST_CASE("A zip entry that inflates past its declared size is refused at once", "[corrupt]") {
    fs::path input = fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt" / "bomb-lying-size.qdpx";
    refi::Diagnostics d;
    std::string message;
    try {
        refi::read_project(input, d);
    } catch (const refi::Error& e) {
        message = e.what();
    }
    INFO(message);
    CHECK(message.find("bomb-lying-size.qdpx:project.qde") != std::string::npos);
    CHECK(message.find("malformed XML") == std::string::npos);
    CHECK(message.find("more than its declared size of 1000 bytes") != std::string::npos);
}

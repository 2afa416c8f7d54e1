// `framer validate`: exit codes, the text and JSON reports, and reader errors as one line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "cli.hpp"
#include "core/json.hpp"
#include "refi/guid.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

using Output = framer::test::CliRun;
Output framer_run(std::vector<std::string> args) { return framer::test::run_framer(std::move(args)); }

std::string corrupt(const char* name) { return (fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt" / name).string(); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("framer-validate-cli-" + refi::make_guid());
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A .qde with one error whose message carries user text that JSON must escape (a quote, a backslash, a tab and a
// newline in an IntegerValue), and one dangling reference.
const char* k_escaping_qde =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"escaping\">\n"
    "<CodeBook><Codes><Code guid=\"B0000000-0000-4000-8000-000000000001\" name=\"c\" isCodable=\"true\"/></Codes>"
    "</CodeBook>\n"
    "<Variables><Variable guid=\"B0000000-0000-4000-8000-000000000002\" name=\"Age\" typeOfVariable=\"Integer\"/>"
    "</Variables>\n"
    "<Cases>\n"
    "<Case guid=\"B0000000-0000-4000-8000-000000000003\" name=\"P1\">\n"
    "<CodeRef targetGUID=\"B0000000-0000-4000-8000-0000000000FF\"/>\n"
    "<VariableValue><VariableRef targetGUID=\"B0000000-0000-4000-8000-000000000002\"/>"
    "<IntegerValue>4\"2\\&#9;x&#10;y</IntegerValue></VariableValue>\n"
    "</Case>\n"
    "</Cases>\n"
    "</Project>\n";

}  // namespace

TEST_CASE("framer validate exits 0 and says so for a sound project", "[validate][cli]") {
    Output o = framer_run({"validate", (fs::path(FRAMER_SOURCE_DIR) / "samples" / "recovery-study.qdpx").string()});
    CHECK(o.code == 0);
    CHECK(o.out.find("sound, no findings") != std::string::npos);
    CHECK(lines_of(o.out).size() == 1);
}

TEST_CASE("framer validate exits 0 with warnings and 3 under --strict", "[validate][cli]") {
    Output o = framer_run({"validate", corrupt("dangling-coderef.qdpx")});
    CHECK(o.code == 0);
    auto lines = lines_of(o.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("dangling-coderef.qdpx:project.qde:15:", 0) == 0);
    CHECK(lines[0].find("warning[dangling-reference]") != std::string::npos);
    CHECK(lines[1].find("0 errors, 1 warning") != std::string::npos);

    CHECK(framer_run({"validate", "--strict", corrupt("dangling-coderef.qdpx")}).code == 3);
    // --strict changes nothing for a sound project, and errors stay 1.
    CHECK(framer_run({"validate", "--strict", (fs::path(FRAMER_SOURCE_DIR) / "samples" / "seed-table2.qdpx").string()})
              .code == 0);
    CHECK(framer_run({"validate", "--strict", corrupt("duplicate-guid.qde")}).code == 1);
}

TEST_CASE("framer validate exits 1 with errors, one line per finding and a summary", "[validate][cli]") {
    Output o = framer_run({"validate", corrupt("position-beyond-text.qdpx")});
    CHECK(o.code == 1);
    auto lines = lines_of(o.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("position-beyond-text.qdpx:project.qde:13:", 0) == 0);
    CHECK(lines[0].find("error[position-out-of-range]") != std::string::npos);
    CHECK(lines[1].find("1 error, 0 warnings") != std::string::npos);
}

TEST_CASE("framer validate turns an unreadable project into one line and exit 1", "[validate][cli]") {
    Output o = framer_run({"validate", corrupt("not-a-zip.qdpx")});
    CHECK(o.code == 1);
    CHECK(o.out.empty());
    CHECK(lines_of(o.err).size() == 1);
    CHECK(o.err.find("not-a-zip.qdpx: not a zip") != std::string::npos);

    o = framer_run({"validate", "/nonexistent/project.qdpx"});
    CHECK(o.code == 1);
    CHECK(o.err.find("/nonexistent/project.qdpx") != std::string::npos);
}

TEST_CASE("framer validate reports usage errors with exit 2", "[validate][cli]") {
    CHECK(framer_run({"validate"}).code == 2);
    CHECK(framer_run({"validate", "a.qdpx", "b.qdpx"}).code == 2);
    CHECK(framer_run({"validate", "--frobnicate", corrupt("duplicate-guid.qde")}).code == 2);
    Output help = framer_run({"validate", "--help"});
    CHECK(help.code == 0);
    CHECK(help.out.find("--strict") != std::string::npos);
}

TEST_CASE("framer validate --json lists every finding with its fields, escaped", "[validate][cli]") {
    TempDir dir;
    fs::path qde = dir.path / "escaping.qde";
    framer::test::write_file(qde, k_escaping_qde);
    Output o = framer_run({"validate", "--json", qde.string()});
    CHECK(o.code == 1);
    INFO(o.out);
    framer::Json j = framer::Json::parse(o.out);
    CHECK(j.at("file").as_string() == qde.string());
    CHECK(j.at("errors").as_int() == 1);
    CHECK(j.at("warnings").as_int() == 1);
    const auto& findings = j.at("findings").as_array();
    REQUIRE(findings.size() == 2);
    // In file order: the dangling CodeRef (line 7) before the bad value (line 8).
    CHECK(findings[0].at("severity").as_string() == "warning");
    CHECK(findings[0].at("id").as_string() == "dangling-reference");
    CHECK(findings[0].at("file").as_string() == "escaping.qde");
    CHECK(findings[0].at("line").as_int() == 7);
    CHECK(findings[0].at("column").as_int() >= 1);
    CHECK(findings[1].at("severity").as_string() == "error");
    CHECK(findings[1].at("id").as_string() == "invalid-variable-value");
    CHECK(findings[1].at("line").as_int() == 8);
    // The value's quote, backslash, tab and newline survive JSON escaping exactly.
    CHECK(findings[1].at("message").as_string().find("4\"2\\\tx\ny") != std::string::npos);
    for (const auto& f : findings)
        for (const char* key : {"severity", "id", "file", "line", "column", "message"}) CHECK(f.contains(key));
}

TEST_CASE("framer validate --json of a sound project has no findings", "[validate][cli]") {
    Output o = framer_run({"validate", "--json", (fs::path(FRAMER_SOURCE_DIR) / "samples" / "recovery-study.qdpx").string()});
    CHECK(o.code == 0);
    framer::Json j = framer::Json::parse(o.out);
    CHECK(j.at("errors").as_int() == 0);
    CHECK(j.at("warnings").as_int() == 0);
    CHECK(j.at("findings").size() == 0);
}

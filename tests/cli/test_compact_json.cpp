// --compact on every command that writes JSON: the same value as the indented output, without whitespace; a
// usage error (exit 2) where there is no JSON to compact.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/json.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/zip_builder.hpp"

using framer::test::run_framer;
using framer::test::TempDir;

namespace {

const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";
const std::string seed = std::string(FRAMER_SOURCE_DIR) + "/samples/seed-table2.qdpx";

// Compact output: one line, no space or newline outside strings, and the same value as the indented one.
void check_same_value(const std::string& indented, const std::string& compact) {
    REQUIRE(!compact.empty());
    CHECK(compact.back() == '\n');
    const std::string body = compact.substr(0, compact.size() - 1);
    CHECK(body.find('\n') == std::string::npos);
    bool in_string = false, escaped = false, whitespace_outside = false;
    for (char c : body) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            whitespace_outside = true;
        }
    }
    CHECK_FALSE(whitespace_outside);
    CHECK(compact.size() < indented.size());
    // Parsed and dumped the same way, both texts give the same bytes: the same value, keys in the same order.
    CHECK(framer::Json::parse(body).dump() == framer::Json::parse(indented).dump());
    CHECK(framer::Json::parse(body).dump() == indented.substr(0, indented.size() - 1));
}

}  // namespace

TEST_CASE("Option --compact writes the same JSON value without whitespace for analyses with --format json", "[cli][compact]") {
    std::vector<std::vector<std::string>> commands = {
        {"chart", sample, "--show", "Role"},
        {"chart", sample, "--per-unit"},
        {"tabulate", seed, "--by", "Role"},
        {"describe", seed, "--by", "Role"},
        {"quotes", sample},
        {"saturation", sample},
        {"agreement", sample, "--coders", "Marta Núñez,Daniel Okoro"},
    };
    for (auto args : commands) {
        INFO(args[0] << " " << (args.size() > 2 ? args[2] : ""));
        args.push_back("--format");
        args.push_back("json");
        auto indented = run_framer(args);
        INFO(indented.err);
        REQUIRE(indented.code == 0);
        args.push_back("--compact");
        auto compact = run_framer(args);
        REQUIRE(compact.code == 0);
        check_same_value(indented.out, compact.out);
    }
}

TEST_CASE("Option --compact applies to info --json, validate --json and the --report files of convert and merge",
          "[cli][compact]") {
    for (const char* command : {"info", "validate"}) {
        INFO(command);
        auto indented = run_framer({command, sample, "--json"});
        auto compact = run_framer({command, sample, "--json", "--compact"});
        REQUIRE(indented.code == 0);
        REQUIRE(compact.code == 0);
        check_same_value(indented.out, compact.out);
    }
    TempDir dir("compact-report");
    auto a = run_framer({"convert", sample, (dir / "a.qdpx").string(), "--to", "atlasti", "--report", (dir / "a.json").string()});
    auto b = run_framer({"convert", sample, (dir / "b.qdpx").string(), "--to", "atlasti", "--report", (dir / "b.json").string(),
                         "--compact"});
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    std::string indented = framer::test::read_file(dir / "a.json"), compact = framer::test::read_file(dir / "b.json");
    // The reports name their own output file: the same value once that name is the same.
    REQUIRE(compact.find("b.qdpx") != std::string::npos);
    for (auto pos = compact.find("b.qdpx"); pos != std::string::npos; pos = compact.find("b.qdpx", pos))
        compact.replace(pos, 6, "a.qdpx");
    check_same_value(indented, compact);

    auto m = run_framer({"merge", seed, seed, "-o", (dir / "m.qdpx").string(), "--report", (dir / "m.json").string(),
                         "--compact"});
    INFO(m.err);
    REQUIRE(m.code == 0);
    const std::string report = framer::test::read_file(dir / "m.json");
    CHECK(report.find('\n') == report.size() - 1);
    CHECK(framer::Json::parse(report.substr(0, report.size() - 1)).contains("inputs"));
}

TEST_CASE("Option --compact without JSON output is a usage error, reported before the project is read", "[cli][compact]") {
    TempDir dir("compact-usage");
    const std::string missing = (dir / "missing.qdpx").string();
    auto md = run_framer({"chart", missing, "--format", "md", "--compact"});
    CHECK(md.code == 2);
    CHECK(md.err.find("--compact is for json output, not md") != std::string::npos);
    auto info = run_framer({"info", sample, "--compact"});
    CHECK(info.code == 2);
    CHECK(info.err.find("--json") != std::string::npos);
    auto convert = run_framer({"convert", sample, (dir / "x.qdpx").string(), "--compact"});
    CHECK(convert.code == 2);
    CHECK(convert.err.find("--report") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x.qdpx"));
}

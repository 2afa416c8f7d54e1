// Tests of `framer chart` and `framer summaries` on the command line: formats, exit codes, messages, and that a
// mismatched chart writes nothing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <sys/wait.h>

#include "cli.hpp"
#include "core/json.hpp"
#include "refi/guid.hpp"
#include "refi/io.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/xsd.hpp"

namespace fs = std::filesystem;

namespace {

using Run = framer::test::CliRun;
Run framer_run(std::vector<std::string> args) { return framer::test::run_framer(std::move(args)); }

const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("framer-chart-cli-" + refi::make_guid());
        fs::create_directories(path);
    }
    ~TempDir() { std::error_code ec; fs::remove_all(path, ec); }
};

// Fills the (empty) summary, the 5th field, of the first csv row that starts with `row_prefix` ("theme,unit,").
std::string fill_summary(std::string csv, const std::string& row_prefix, const std::string& summary) {
    auto pos = csv.find("\r\n" + row_prefix);
    REQUIRE(pos != std::string::npos);
    pos += 2;
    // theme,unit,code,excerpts,summary: skip four fields (quoted fields may hold commas and newlines).
    std::size_t i = pos;
    for (int field = 0; field < 4; ++field) {
        if (csv[i] == '"') {
            for (++i; !(csv[i] == '"' && csv[i + 1] != '"'); i += csv[i] == '"' ? 2 : 1) {}
            ++i;
        } else {
            while (csv[i] != ',') ++i;
        }
        ++i;  // the comma
    }
    REQUIRE(csv[i] == ',');  // the summary was empty
    std::string quoted = "\"";
    for (char c : summary) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    csv.insert(i, quoted);
    return csv;
}

}  // namespace

TEST_CASE("framer chart writes Markdown to stdout by default and other formats by -o or --format", "[chart][cli]") {
    auto md = framer_run({"chart", sample});
    REQUIRE(md.code == 0);
    CHECK(md.out.rfind("# Framework chart", 0) == 0);
    CHECK(md.out.find("| **SU10** |") != std::string::npos);

    auto json = framer_run({"chart", sample, "--format", "json", "--theme", "Domain 2: Challenges in therapy/Challenge 1: Balancing self-exploration and finding solutions", "--show", "Role"});
    REQUIRE(json.code == 0);
    auto j = framer::Json::parse(json.out);
    REQUIRE(j.at("themes").size() == 1);
    // All 12 participants are listed; the theme has a row for each of the 6 with something in it.
    CHECK(j.at("units").size() == 12);
    CHECK(j.at("units").as_array()[0].at("attributes").contains("Role"));
    CHECK(j.at("themes").as_array()[0].at("rows").size() == 6);

    TempDir dir;
    auto xlsx = framer_run({"chart", sample, "-o", (dir.path / "chart.xlsx").string()});
    REQUIRE(xlsx.code == 0);
    CHECK(framer::test::read_file(dir.path / "chart.xlsx").rfind("PK", 0) == 0);
    auto per_unit = framer_run({"chart", sample, "--per-unit", "--format", "csv"});
    REQUIRE(per_unit.code == 0);
    CHECK(per_unit.out.rfind("theme,unit,code,excerpts,summary,theme_guid,unit_guid,code_guid\r\n", 0) == 0);
}

TEST_CASE("framer chart exits 2 naming an unknown theme or variable", "[chart][cli][errors]") {
    auto theme = framer_run({"chart", sample, "--theme", "Taking responsibilty"});
    CHECK(theme.code == 2);
    CHECK(theme.err.find("unknown code 'Taking responsibilty'") != std::string::npos);
    CHECK(theme.err.find("Taking responsibility") != std::string::npos);  // the near match
    auto var = framer_run({"chart", sample, "--show", "Rol"});
    CHECK(var.code == 2);
    CHECK(var.err.find("unknown variable 'Rol'") != std::string::npos);
}

TEST_CASE("framer summaries imports an edited csv, and a mismatched one exits 1 writing nothing", "[summaries][cli]") {
    TempDir dir;
    auto chart = framer_run({"chart", sample, "--format", "csv"});
    REQUIRE(chart.code == 0);
    const std::string summary = "Ambivalent & <torn>\n\"wants\" change \xF0\x9F\x98\x80";
    std::string csv = fill_summary(chart.out, "Process 1: Fighting ambivalence and committing to taking action,SU9,",
                                   summary);
    framer::test::write_file(dir.path / "edited.csv", csv);
    const fs::path out = dir.path / "out.qdpx";
    auto ok = framer_run({"summaries", sample, (dir.path / "edited.csv").string(), "-o", out.string(), "--author",
                          "Researcher A"});
    INFO(ok.err);
    REQUIRE(ok.code == 0);
    CHECK(ok.err.find("1 added") != std::string::npos);
    auto again = framer_run({"chart", out.string(), "--format", "json"});
    REQUIRE(again.code == 0);
    CHECK(again.out.find(framer::Json(summary).dump()) != std::string::npos);
    if (auto why = framer::test::xsd_skip_reason()) {
        WARN("XSD validation skipped: " << *why);
    } else {
        refi::Diagnostics d;
        auto project = refi::read_project(out, d);
        auto xsd = framer::test::validate_project_xml(refi::project_to_xml(project, d));
        INFO(xsd.output);
        CHECK(xsd.valid);
        bool has_author = false;
        for (const auto& u : project.users) has_author = has_author || u.name == std::optional<std::string>("Researcher A");
        CHECK(has_author);
    }

    // A row whose unit GUID was changed: exit 1, the message names the row and the reason, no output file.
    std::string bad = csv;
    const std::string su9 = "18E353CB-033D-56FE-8985-159100E654BE";  // SU9's case GUID in the sample
    REQUIRE(bad.find(su9) != std::string::npos);
    for (auto pos = bad.find(su9); pos != std::string::npos; pos = bad.find(su9, pos)) bad.replace(pos, 8, "DEADBEEF");
    framer::test::write_file(dir.path / "bad.csv", bad);
    const fs::path bad_out = dir.path / "bad-out.qdpx";
    auto failed = framer_run({"summaries", sample, (dir.path / "bad.csv").string(), "-o", bad_out.string()});
    CHECK(failed.code == 1);
    CHECK(failed.err.find("row ") != std::string::npos);
    CHECK(failed.err.find("unknown unit GUID DEADBEEF") != std::string::npos);
    CHECK_FALSE(fs::exists(bad_out));

    // Never over the input.
    auto over = framer_run({"summaries", out.string(), (dir.path / "edited.csv").string(), "-o", out.string()});
    CHECK(over.code == 1);
    CHECK(over.err.find("refusing to write over") != std::string::npos);
}

TEST_CASE("The framer binary exits 1 on a mismatched chart", "[summaries][cli][errors]") {
    TempDir dir;
    framer::test::write_file(dir.path / "bad.csv", "theme,unit,code\r\nx,y,z\r\n");
    std::string command = std::string("\"") + FRAMER_BINARY + "\" summaries \"" + sample + "\" \"" +
                          (dir.path / "bad.csv").string() + "\" -o \"" + (dir.path / "out.qdpx").string() +
                          "\" 2>\"" + (dir.path / "err.txt").string() + "\"";
    int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(framer::test::read_file(dir.path / "err.txt").find("column 'summary' is missing") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "out.qdpx"));
}

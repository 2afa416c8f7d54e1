// Tests of `framer merge`: output written atomically and XSD-valid, the --report JSON, the stderr summary of
// conflicts, exit codes for disjoint inputs, usage errors and refusing to write over an input.
#include <catch2/catch.hpp>

#include "core/json.hpp"
#include "plugins/merge_test_support.hpp"
#include "refi/refi.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

using framer::test::run_framer;
using framer::test::TempDir;

namespace {

std::string seed() { return std::string(FRAMER_SOURCE_DIR) + "/samples/seed-table2.qdpx"; }

}  // namespace

TEST_CASE("framer merge writes an XSD-valid project and a report of where every element came from", "[cli][merge]") {
    TempDir dir("merge-cli");
    refi::Diagnostics d;
    refi::Project copy = refi::read_project(seed(), d);
    framer::test::write_rewritten(copy, dir / "coder2.qdpx", {},
                                  [](const std::string& s) { return framer::test::remint_guids(s, "cli"); });
    auto r = run_framer({"merge", seed(), (dir / "coder2.qdpx").string(), "-o", (dir / "out.qdpx").string(),
                         "--report", (dir / "report.json").string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("coder2.qdpx (framer): 2 user: 2 matched, 0 added") != std::string::npos);
    CHECK(r.err.find("1114 coding: 1114 matched, 0 added") != std::string::npos);
    CHECK(r.err.find("0 conflict(s)") != std::string::npos);
    CHECK(framer::test::list_folder(dir.path()) == std::vector<std::string>{"coder2.qdpx", "out.qdpx", "report.json"});

    auto report = framer::Json::parse(framer::test::read_file(dir / "report.json"));
    CHECK(report.at("inputs").size() == 2);
    CHECK(report.at("inputs").as_array()[1].at("counts").at("source").at("matched").as_int() == 63);
    std::size_t sources = 0;
    for (const auto& e : report.at("elements").as_array()) {
        if (e.at("kind").as_string() != "source") continue;
        ++sources;
        REQUIRE(e.at("from").size() == 2);
        CHECK(e.at("from").as_array()[1].at("matched_by").as_string() == "text");
    }
    CHECK(sources == 63);

    if (auto why = framer::test::xsd_skip_reason()) {
        WARN("XSD check skipped: " << *why);
    } else {
        TempDir x("merge-cli-xsd");
        auto v = run_framer({"convert", (dir / "out.qdpx").string(), (x / "project.qde").string()});
        REQUIRE(v.code == 0);
        auto xsd = framer::test::validate_project_xsd(x / "project.qde");
        INFO(xsd.output);
        CHECK(xsd.valid);
    }
}

TEST_CASE("framer merge prints conflicts and exits 3 for them under --strict", "[cli][merge]") {
    TempDir dir("merge-cli-conflict");
    refi::Diagnostics d;
    refi::Project copy = refi::read_project(seed(), d);
    copy.variables[0].type = copy.variables[0].type == refi::VariableType::Text ? refi::VariableType::Integer
                                                                                 : refi::VariableType::Text;
    refi::write_project(copy, dir / "typed.qdpx", d);
    auto r = run_framer({"merge", seed(), (dir / "typed.qdpx").string(), "-o", (dir / "out.qdpx").string(), "--strict"});
    CHECK(r.code == 3);
    CHECK(r.err.find("conflict[variable-type]: variable '" + copy.variables[0].name + "'") != std::string::npos);
}

TEST_CASE("framer merge exits 1 for inputs that share no source, unless --allow-disjoint", "[cli][merge][errors]") {
    TempDir dir("merge-cli-disjoint");
    refi::Diagnostics d;
    refi::Project other = refi::read_project(std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx", d);
    for (auto& s : other.sources) s.name = "other " + s.name.value_or("");
    framer::test::write_rewritten(other, dir / "other.qdpx", {},
                                  [](const std::string& s) { return framer::test::remint_guids(s, "disjoint"); });
    auto r = run_framer({"merge", seed(), (dir / "other.qdpx").string(), "-o", (dir / "out.qdpx").string()});
    CHECK(r.code == 1);
    CHECK(r.err.find("other.qdpx: shares no source with seed-table2.qdpx") != std::string::npos);
    CHECK(r.err.find("--allow-disjoint") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out.qdpx"));
    auto ok = run_framer({"merge", seed(), (dir / "other.qdpx").string(), "-o", (dir / "out.qdpx").string(),
                          "--allow-disjoint"});
    INFO(ok.err);
    CHECK(ok.code == 0);
    refi::Project merged = refi::read_project(dir / "out.qdpx", d);
    CHECK(merged.sources.size() == 63 + 12);
}

TEST_CASE("framer merge refuses usage errors and writing over an input", "[cli][merge][errors]") {
    TempDir dir("merge-cli-usage");
    auto one = run_framer({"merge", seed(), "-o", (dir / "out.qdpx").string()});
    CHECK(one.code == 2);
    CHECK(one.err.find("at least two projects") != std::string::npos);
    auto no_output = run_framer({"merge", seed(), seed()});
    CHECK(no_output.code == 2);
    auto over = run_framer({"merge", seed(), seed(), "-o", seed()});
    CHECK(over.code == 1);
    CHECK(over.err.find("refusing to write over the input") != std::string::npos);
}

// framer agreement on the command line: exit codes, messages, outputs written.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/json.hpp"
#include "refi/guid.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {
std::string sample(const std::string& name) { return std::string(FRAMER_SOURCE_DIR) + "/samples/" + name; }
}

TEST_CASE("framer agreement prints the comparison of the recovery study's two coders", "[cli][agreement]") {
    auto r = framer::test::run_framer({"agreement", sample("recovery-study.qdpx"), "--coders", "Marta Núñez,Daniel Okoro"});
    CHECK(r.code == 0);
    CHECK(r.out.find("# Intercoder agreement: Marta Núñez and Daniel Okoro") != std::string::npos);
    CHECK(r.out.find("5 of 12 source(s) compared") != std::string::npos);
    CHECK(r.out.find("## Disagreements") != std::string::npos);
}

TEST_CASE("framer agreement writes json with the issue's shape", "[cli][agreement]") {
    auto r = framer::test::run_framer({"agreement", sample("recovery-study.qdpx"), "--coders", "MN,DO", "--format", "json"});
    REQUIRE(r.code == 0);
    framer::Json j = framer::Json::parse(r.out);
    CHECK(j.at("coders").as_array()[1].as_string() == "Daniel Okoro");
    CHECK(j.at("documents").as_int() == 5);
    for (const char* key : {"agreement", "kappa", "brennan_prediger", "k", "a", "b", "c", "d"})
        CHECK(j.at("presence").contains(key));
    const auto& code = j.at("codes").as_array().front();
    for (const char* key : {"both", "a_only", "b_only", "neither", "agreement", "agreement_coded", "kappa", "alpha"})
        CHECK(code.at("characters").contains(key));
    CHECK(code.contains("segments"));
    CHECK(j.at("disagreements").size() > 0);
}

TEST_CASE("framer agreement exits 2 for an unknown coder and names near matches", "[cli][agreement][errors]") {
    auto r = framer::test::run_framer({"agreement", sample("recovery-study.qdpx"), "--coders", "Marta Núñez,Daniel Okor"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown coder 'Daniel Okor'") != std::string::npos);
    CHECK(r.err.find("Daniel Okoro") != std::string::npos);
    auto missing = framer::test::run_framer({"agreement", sample("recovery-study.qdpx")});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("coders") != std::string::npos);
}

TEST_CASE("framer agreement exits 1 when a coder has no codings in the chosen sources", "[cli][agreement][errors]") {
    auto r = framer::test::run_framer(
        {"agreement", sample("recovery-study.qdpx"), "--coders", "Marta Núñez,Daniel Okoro", "--sources", "SU9,SU10"});
    CHECK(r.code == 1);
    CHECK(r.err.find("Daniel Okoro has no codings in the chosen sources (SU9, SU10)") != std::string::npos);
    CHECK(r.err.find("they coded SU4, SU13, SU14, SU26, T2") != std::string::npos);
}

TEST_CASE("framer agreement writes xlsx and csv files atomically", "[cli][agreement]") {
    const fs::path dir = fs::temp_directory_path() / ("framer-agreement-cli-" + refi::make_guid());  // unique: suites of several checkouts may run at once
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* name : {"agreement.xlsx", "agreement.csv", "agreement.html"}) {
        auto r = framer::test::run_framer({"agreement", sample("recovery-study.qdpx"), "--coders",
                                           "Marta Núñez,Daniel Okoro", "-o", (dir / name).string()});
        INFO(name << ": " << r.err);
        CHECK(r.code == 0);
        CHECK(fs::file_size(dir / name) > 0);
    }
    CHECK(framer::test::list_folder(dir) == std::vector<std::string>{"agreement.csv", "agreement.html", "agreement.xlsx"});
    const std::string csv = framer::test::read_file(dir / "agreement.csv");
    CHECK(csv.rfind("level,code,code_path,code_guid,document", 0) == 0);
    CHECK(csv.find("Code,Document,Coded by,Start,End") != std::string::npos);
    fs::remove_all(dir);
}

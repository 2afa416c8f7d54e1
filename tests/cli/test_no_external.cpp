// --no-external / FRAMER_NO_EXTERNAL=1: a project may not make Framer read files outside it; info counts them.
#include <catch2/catch.hpp>

#include <filesystem>

#include "refi/external.hpp"
#include "refi/guid.hpp"
#include "refi/refi.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

struct ExternalProject {
    fs::path dir = fs::temp_directory_path() / ("framer-no-external-" + refi::make_guid());
    ExternalProject() {
        fs::create_directories(dir);
        framer::test::write_file(dir / "outside.txt", "secret words");
        framer::test::write_file(dir / "p.qde", R"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="ext"><Sources>
<TextSource guid="A1B2C3D4-0000-4000-8000-000000000001" name="out" plainTextPath="absolute://)" +
                                                    (dir / "outside.txt").string() + R"("/>
</Sources></Project>
)");
    }
    ~ExternalProject() { std::error_code ec; fs::remove_all(dir, ec); }
};

}  // namespace

TEST_CASE("allow_external_files(false) refuses absolute:// texts: allowed again they are read", "[text][external]") {
    ExternalProject e;
    refi::Diagnostics d;
    refi::Project p = refi::read_project(e.dir / "p.qde", d);
    REQUIRE(p.sources.size() == 1);
    refi::allow_external_files(false);
    CHECK_THROWS_WITH(refi::load_plain_text(p, p.sources[0]), Catch::Contains("external file refused"));
    refi::allow_external_files(true);
    CHECK(refi::load_plain_text(p, p.sources[0]) == std::optional<std::string>("secret words"));
}

TEST_CASE("framer info counts the external files a project reads, and --no-external is accepted", "[cli][external]") {
    ExternalProject e;
    auto r = framer::test::run_framer({"info", (e.dir / "p.qde").string()});
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("external  1 file(s) outside the project"));
    auto json = framer::test::run_framer({"info", "--json", (e.dir / "p.qde").string()});
    CHECK_THAT(json.out, Catch::Contains("\"external_files\": 1"));
    auto refused = framer::test::run_framer({"--no-external", "validate", (e.dir / "p.qde").string()});
    CHECK_THAT(refused.out + refused.err, Catch::Contains("external file refused"));
    CHECK(refused.code != 0);
    CHECK_FALSE(refi::external_files_allowed());
    auto again = framer::test::run_framer({"validate", (e.dir / "p.qde").string()});  // decided per run
    CHECK(again.code == 0);
    CHECK(refi::external_files_allowed());
}

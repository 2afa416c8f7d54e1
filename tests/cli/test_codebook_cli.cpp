// `framer info` and `framer validate` read a .qdc codebook (codes and sets only) instead of refusing it; the
// analyses still need a project and say so.
#include <catch2/catch.hpp>

#include <string>

#include "core/json.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/zip_builder.hpp"

using framer::test::run_framer;

namespace {

const char* const k_codebook = R"(<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1">
  <Codes>
    <Code guid="E0000000-0000-4000-8000-000000000001" name="feelings" isCodable="false">
      <Code guid="E0000000-0000-4000-8000-000000000002" name="joy" isCodable="true" color="#ff0000"/>
    </Code>
    <Code guid="E0000000-0000-4000-8000-000000000003" name="food" isCodable="true"/>
  </Codes>
  <Sets>
    <Set guid="E0000000-0000-4000-8000-000000000010" name="Emotions">
      <MemberCode guid="E0000000-0000-4000-8000-000000000002"/>
    </Set>
  </Sets>
</CodeBook>
)";

}  // namespace

TEST_CASE("framer info describes a .qdc codebook: origin, code tree with categories, sets", "[info][cli][codebook]") {
    framer::test::TempDir dir("qdc-info");
    framer::test::write_file(dir / "tags.qdc", k_codebook);
    auto o = run_framer({"info", (dir / "tags.qdc").string()});
    REQUIRE(o.code == 0);
    CHECK_THAT(o.out, Catch::Contains("origin    Taguette 1.4.1\n"));
    CHECK_THAT(o.out, Catch::Contains("counts    3 codes (1 category), 1 set (a codebook"));
    CHECK_THAT(o.out, Catch::Contains("  feelings [category]\n    joy\n  food\n"));
    CHECK_THAT(o.out, Catch::Contains("  Emotions (1)\n"));
    auto j = framer::Json::parse(run_framer({"info", "--json", (dir / "tags.qdc").string()}).out);
    CHECK(j.at("kind").as_string() == "codebook");
    CHECK(j.at("codes").as_int() == 3);
    CHECK(j.at("sets").as_int() == 1);
    CHECK(j.at("dialect").as_string() == "taguette");
    CHECK(j.at("code_sets").as_array()[0].at("codes").as_int() == 1);
}

TEST_CASE("framer validate checks a .qdc codebook and exits 0 when it is sound", "[validate][cli][codebook]") {
    framer::test::TempDir dir("qdc-valid");
    framer::test::write_file(dir / "tags.qdc", k_codebook);
    auto o = run_framer({"validate", (dir / "tags.qdc").string()});
    CHECK(o.code == 0);
    CHECK_THAT(o.out, Catch::Contains("codebook of 3 codes and 1 set; sound, no findings"));

    // A codebook Framer writes from a project validates too.
    auto c = run_framer({"convert", std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx",
                         (dir / "study.qdc").string()});
    REQUIRE(c.code == 0);
    CHECK(run_framer({"validate", (dir / "study.qdc").string()}).code == 0);
}

TEST_CASE("framer validate reports a .qdc's bad codes and sets with their lines", "[validate][cli][codebook]") {
    framer::test::TempDir dir("qdc-bad");
    std::string bad = k_codebook;
    auto replace = [&bad](const std::string& from, const std::string& to) {
        auto at = bad.find(from);
        REQUIRE(at != std::string::npos);
        bad.replace(at, from.size(), to);
    };
    // food reuses joy's GUID and gets a colour that is not RGB; the set names a code that is not there.
    replace("E0000000-0000-4000-8000-000000000003\" name=\"food\" isCodable=\"true\"",
            "E0000000-0000-4000-8000-000000000002\" name=\"food\" isCodable=\"true\" color=\"red\"");
    replace("<MemberCode guid=\"E0000000-0000-4000-8000-000000000002\"",
            "<MemberCode guid=\"E0000000-0000-4000-8000-0000000000FF\"");
    framer::test::write_file(dir / "bad.qdc", bad);
    auto o = run_framer({"validate", (dir / "bad.qdc").string()});
    CHECK(o.code == 1);
    CHECK_THAT(o.out, Catch::Contains("bad.qdc:7:5: error[duplicate-guid]"));
    CHECK_THAT(o.out, Catch::Contains("bad.qdc:7:5: error[invalid-color]"));
    CHECK_THAT(o.out, Catch::Contains("[dangling-reference]"));
    CHECK_THAT(o.out, Catch::Contains("0000000000FF"));
    CHECK_THAT(o.out, Catch::Contains("codebook of 3 codes and 1 set; 2 errors, 1 warning"));
}

TEST_CASE("The analyses refuse a .qdc naming the commands that read codebooks", "[cli][codebook]") {
    framer::test::TempDir dir("qdc-chart");
    framer::test::write_file(dir / "tags.qdc", k_codebook);
    auto o = run_framer({"chart", (dir / "tags.qdc").string()});
    CHECK(o.code == 1);
    CHECK_THAT(o.err, Catch::Contains("`framer info`, `framer validate` and `framer convert` read codebooks"));
}

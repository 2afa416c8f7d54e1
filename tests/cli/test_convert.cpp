#include <catch2/catch.hpp>

#include <sstream>

#include "cli.hpp"
#include "qdpx_archive.hpp"
#include "refi/refi.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/sample_project.hpp"
#include "support/xml_compare.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

using framer::test::read_file;
using framer::test::TempDir;
using framer::test::test_guid;

namespace {

using Run = framer::test::CliRun;
Run convert(std::vector<std::string> args) {
    args.insert(args.begin(), "convert");
    return framer::test::run_framer(std::move(args));
}

/// A .qdpx with one text file (NVivo style: Sources/, UTF-16 positions over an emoji).
std::filesystem::path make_input(const TempDir& dir) {
    refi::Project p;
    p.name = "cli";
    p.origin = "NVivo 14";
    p.codes.push_back({});
    p.codes[0].guid = test_guid(1);
    p.codes[0].name = "tea";
    refi::Source s;
    s.guid = test_guid(2);
    s.plain_text_path = "internal://" + test_guid(2) + ".txt";
    refi::Selection sel;
    sel.guid = test_guid(3);
    sel.start = 4;  // UTF-16 units: 😀 counts 2, so "tea" is 3..6 in code points, 4..7 as NVivo counts
    sel.end = 7;
    sel.codings.push_back({});
    sel.codings[0].guid = test_guid(4);
    sel.codings[0].code.target = test_guid(1);
    s.selections.push_back(sel);
    p.sources.push_back(s);
    refi::Diagnostics d;
    refi::WriteOptions code_points{refi::Dialect::Standard};  // p holds the numbers as NVivo wrote them
    std::string qde = refi::project_to_xml(p, d, code_points);
    auto path = dir / "in.qdpx";
    framer::test::write_zip(path, {{"project.qde", qde}, {"Sources/" + test_guid(2) + ".txt", "\xF0\x9F\x98\x80 tea"}});
    return path;
}

std::string qde_of(const std::filesystem::path& qdpx) {
    refi::detail::QdpxArchive a(qdpx);
    return a.read(a.qde_entry(), 1 << 30);
}

}  // namespace

TEST_CASE("framer convert without a dialect writes the same elements, attributes, text and files",
          "[cli][convert]") {
    TempDir dir("convert");
    auto in = make_input(dir);
    Run r = convert({in.string(), (dir / "out.qdpx").string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK_FALSE(framer::test::xml_difference(qde_of(in), qde_of(dir / "out.qdpx")));
    refi::detail::QdpxArchive out(dir / "out.qdpx");
    CHECK(out.entries() == std::vector<std::string>{"sources/" + test_guid(2) + ".txt"});
    CHECK(out.read("sources/" + test_guid(2) + ".txt", 100) == "\xF0\x9F\x98\x80 tea");
}

TEST_CASE("framer convert --dialect rewrites positions in the target's counting", "[cli][convert]") {
    TempDir dir("convert-dialect");
    auto in = make_input(dir);
    Run r = convert({in.string(), (dir / "out.qde").string(), "--dialect", "standard"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    std::string xml = read_file(dir / "out.qde");
    CHECK(xml.find("startPosition=\"3\" endPosition=\"6\"") != std::string::npos);
    CHECK(convert({in.string(), (dir / "nv.qde").string(), "--dialect", "NVivo"}).code == 0);
    CHECK(read_file(dir / "nv.qde").find("startPosition=\"4\" endPosition=\"7\"") != std::string::npos);
}

TEST_CASE("framer convert extracts a schema-valid codebook from a project and from a codebook", "[cli][convert]") {
    TempDir dir("convert-qdc");
    auto in = make_input(dir);
    Run r = convert({in.string(), (dir / "out.qdc").string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    Run r2 = convert({(dir / "out.qdc").string(), (dir / "again.qdc").string()});
    REQUIRE(r2.code == 0);
    CHECK(read_file(dir / "out.qdc") == read_file(dir / "again.qdc"));
    refi::Diagnostics d;
    auto cb = refi::read_codebook(dir / "out.qdc", d);
    REQUIRE(cb.codes.size() == 1);
    CHECK(cb.codes[0].name == "tea");
    if (auto skip = framer::test::xsd_skip_reason()) {
        WARN(*skip);
        return;
    }
    auto v = framer::test::validate_codebook_xsd(dir / "out.qdc");
    INFO(v.output);
    CHECK(v.valid);
}

TEST_CASE("framer convert never writes over its input", "[cli][convert][errors]") {
    TempDir dir("convert-over");
    auto in = make_input(dir);
    std::string before = read_file(in);
    Run r = convert({in.string(), in.string()});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("refusing to write over the input"));
    Run r2 = convert({in.string(), (dir.path() / "." / "in.qdpx").string()});
    CHECK(r2.code == 1);
    CHECK(read_file(in) == before);
}

TEST_CASE("framer convert rejects unknown formats and dialects as usage errors", "[cli][convert][errors]") {
    TempDir dir("convert-usage");
    auto in = make_input(dir);
    CHECK(convert({in.string(), (dir / "out.zip").string()}).code == 2);
    CHECK(convert({(dir / "in.txt").string(), (dir / "out.qde").string()}).code == 2);
    CHECK(convert({in.string(), (dir / "out.qde").string(), "--dialect", "wordstar"}).code == 2);
    framer::test::write_file(dir / "cb.qdc", read_file(in));
    CHECK(convert({(dir / "cb.qdc").string(), (dir / "out.qdpx").string()}).code == 2);
    CHECK(convert({in.string()}).code == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "out.qde"));
}

TEST_CASE("framer convert reports unreadable input with exit 1 and prints warnings", "[cli][convert][errors]") {
    TempDir dir("convert-bad");
    framer::test::write_file(dir / "bad.qdpx", "not a zip");
    Run r = convert({(dir / "bad.qdpx").string(), (dir / "out.qdpx").string()});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("bad.qdpx"));
    CHECK_FALSE(std::filesystem::exists(dir / "out.qdpx"));

    // An internal file that is missing: converted anyway, with a warning; --strict turns it into exit 3.
    refi::Project p;
    p.name = "missing";
    refi::Source s;
    s.guid = test_guid(5);
    s.plain_text_path = "internal://" + test_guid(5) + ".txt";
    p.sources.push_back(s);
    refi::Diagnostics d;
    framer::test::write_zip(dir / "missing.qdpx", {{"project.qde", refi::project_to_xml(p, d)}});
    Run w = convert({(dir / "missing.qdpx").string(), (dir / "m.qdpx").string()});
    CHECK(w.code == 0);
    CHECK_THAT(w.err, Catch::Contains("missing-source-file"));
    CHECK(std::filesystem::exists(dir / "m.qdpx"));
    CHECK(convert({(dir / "missing.qdpx").string(), (dir / "m2.qdpx").string(), "--strict"}).code == 3);
}

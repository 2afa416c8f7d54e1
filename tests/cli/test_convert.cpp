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
    // p holds the numbers as NVivo wrote them; without its text the writer keeps them as they are.
    p.dialect = refi::Dialect::Nvivo;
    refi::Diagnostics d;
    std::string qde = refi::project_to_xml(p, d);
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

TEST_CASE("framer convert --to records the target in the origin, so a chart of the output shows the same excerpts",
          "[cli][convert][dialects]") {
    TempDir dir("convert-to");
    const std::string nvivo = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study-nvivo.qdpx";
    if (!std::filesystem::exists(nvivo)) {
        WARN("samples/recovery-study-nvivo.qdpx not present; skipped");
        return;
    }
    auto chart = [](const std::string& path) {
        return framer::test::run_framer({"chart", path, "--flat", "--format", "json"});
    };
    Run original = chart(nvivo);
    REQUIRE(original.code == 0);
    for (const char* to : {"standard", "qualcoder", "atlasti"}) {
        INFO(to);
        auto out = dir / (std::string(to) + ".qdpx");
        Run r = convert({nvivo, out.string(), "--to", to});
        REQUIRE(r.code == 0);
        CHECK_THAT(r.err, Catch::Contains("origin-rewritten"));
        Run info = framer::test::run_framer({"info", out.string()});
        CHECK_THAT(info.out, Catch::Contains(std::string("dialect   ") + to));
        Run converted = chart(out.string());
        REQUIRE(converted.code == 0);
        CHECK(converted.out == original.out);
        // And back: NVivo's own numbers.
        auto back = dir / (std::string(to) + "-back.qdpx");
        REQUIRE(convert({out.string(), back.string(), "--dialect", "nvivo"}).code == 0);
        refi::Diagnostics d;
        refi::Project a = refi::read_project(nvivo, d, {.dialect = refi::Dialect::Standard});
        refi::Project b = refi::read_project(back, d, {.dialect = refi::Dialect::Standard});
        CHECK(a.sources == b.sources);
    }
}

TEST_CASE("The --from option overrides the dialect on every command that reads a project; an unknown one is a usage error",
          "[cli][dialects][errors]") {
    TempDir dir("convert-from");
    auto in = make_input(dir);  // origin NVivo: "tea" is 4..7
    Run nv = framer::test::run_framer({"info", in.string(), "--json"});
    CHECK_THAT(nv.out, Catch::Contains("\"dialect\": \"nvivo\""));
    Run as_standard = framer::test::run_framer({"info", in.string(), "--json", "--from", "standard"});
    CHECK_THAT(as_standard.out, Catch::Contains("\"dialect\": \"standard\""));
    // Read as code points the numbers stay 4..7 and are written so, under an origin that says how they count.
    REQUIRE(convert({in.string(), (dir / "cp.qde").string(), "--from", "standard"}).code == 0);
    std::string cp = read_file(dir / "cp.qde");
    CHECK(cp.find("startPosition=\"4\" endPosition=\"7\"") != std::string::npos);
    CHECK(cp.find("origin=\"REFI-QDA standard (converted by Framer)\"") != std::string::npos);
    for (std::vector<std::string> args : {std::vector<std::string>{"info", in.string()},
                                          {"validate", in.string()},
                                          {"chart", in.string()},
                                          {"tabulate", in.string()},
                                          {"describe", in.string()},
                                          {"convert", in.string(), (dir / "x.qdpx").string()},
                                          {"summaries", in.string(), (dir / "c.csv").string(), "-o",
                                           (dir / "y.qdpx").string()}}) {
        INFO(args[0]);
        args.push_back("--from");
        args.push_back("wordstar");
        Run r = framer::test::run_framer(args);
        CHECK(r.code == 2);
        CHECK_THAT(r.err, Catch::Contains("unknown dialect 'wordstar'") &&
                              Catch::Contains("standard, atlasti, maxqda, nvivo, qualcoder, quirkos, taguette"));
    }
    Run to = convert({in.string(), (dir / "z.qde").string(), "--to", "wordstar"});
    CHECK(to.code == 2);
    CHECK_THAT(to.err, Catch::Contains("known: standard"));
}

#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"
#include "qdpx_archive.hpp"
#include "core/json.hpp"
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

namespace {

/// A chart's JSON without what a conversion legitimately changes: GUID case and the numbers of positions (a text
/// written with the target's line breaks has other code point offsets for the same excerpts).
std::string comparable(const std::string& json) {
    static const std::regex guid("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    static const std::regex position("\"(start|end)\": [0-9]+");
    std::string out;
    std::string s = std::regex_replace(json, position, "\"$1\": N");
    auto begin = std::sregex_iterator(s.begin(), s.end(), guid);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        out += s.substr(last, static_cast<std::size_t>(it->position()) - last);
        out += refi::normalize_guid(it->str());
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    return out + s.substr(last);
}

}  // namespace

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
        // The same excerpts, units and codes; GUIDs in the target's case and positions over its line breaks.
        CHECK(comparable(converted.out) == comparable(original.out));
        // And back: the same chart again.
        auto back = dir / (std::string(to) + "-back.qdpx");
        REQUIRE(convert({out.string(), back.string(), "--dialect", "nvivo"}).code == 0);
        Run again = chart(back.string());
        REQUIRE(again.code == 0);
        CHECK(comparable(again.out) == comparable(original.out));
    }
}

TEST_CASE("The --from option overrides the dialect on every command that reads a project: an unknown one is a usage error",
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

TEST_CASE("framer convert --to warns dropped-by-dialect with counts and --report writes every warning as JSON",
          "[cli][convert][dialects][losses]") {
    TempDir dir("convert-report");
    const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study-maxqda.qdpx";
    REQUIRE(std::filesystem::exists(sample));
    refi::Diagnostics d;
    refi::Project p = refi::read_project(sample, d);
    std::size_t values = 0;
    for (const auto& s : p.sources) values += s.variable_values.size();
    REQUIRE(values > 0);
    auto out = dir / "atlas.qdpx";
    auto report = dir / "report.json";
    Run r = convert({sample, out.string(), "--to", "atlasti", "--report", report.string()});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains(fmt::format("warning[dropped-by-dialect]: {} variable value(s)", values)));
    auto j = framer::Json::parse(read_file(report));
    CHECK(j.at("input").as_string() == sample);
    CHECK(j.at("to").as_string() == "atlasti");
    CHECK(j.at("warnings_by_id").at("dropped-by-dialect").as_int() >= 1);
    bool found = false;
    for (const auto& f : j.at("findings").as_array())
        if (f.at("id").as_string() == "dropped-by-dialect" &&
            f.at("message").as_string().rfind(std::to_string(values) + " variable value(s)", 0) == 0)
            found = f.at("severity").as_string() == "warning";
    CHECK(found);
    // Only the report's own temporary could be left beside it; nothing is.
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK(e.path().filename().string().find("framer-tmp") == std::string::npos);
    // With --strict the lossy conversion exits 3, the output still written.
    CHECK(convert({sample, (dir / "strict.qdpx").string(), "--to", "atlasti", "--strict"}).code == 3);
    CHECK(std::filesystem::exists(dir / "strict.qdpx"));
    // --report must not name the output.
    CHECK(convert({sample, out.string(), "--to", "atlasti", "--report", out.string()}).code == 2);
}

TEST_CASE("framer convert to a codebook says which document groups it drops, and an empty <Sets/> is reported",
          "[cli][convert][losses]") {
    TempDir dir("convert-qdc-losses");
    const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";
    refi::Diagnostics d;
    refi::Project p = refi::read_project(sample, d);
    std::size_t members = 0;
    for (const auto& s : p.sets) members += s.member_sources.size();
    REQUIRE(members > 0);
    Run r = convert({sample, (dir / "codes.qdc").string()});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains("warning[dropped-by-dialect]"));
    CHECK_THAT(r.err, Catch::Contains(fmt::format("{} source member(s)", members)));
    // Taguette writes <Sets/>, which the schema does not allow: read with a warning, not written back.
    auto taguette = dir / "taguette.qdc";
    framer::test::write_file(taguette,
                             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" "
                             "origin=\"Taguette 1.4.1\"><Codes><Code guid=\"" + test_guid(1) +
                                 "\" name=\"tag/a\" isCodable=\"true\"/></Codes><Sets/></CodeBook>\n");
    Run t = convert({taguette.string(), (dir / "taguette-out.qdc").string()});
    REQUIRE(t.code == 0);
    CHECK_THAT(t.err, Catch::Contains("warning[empty-container]: <Sets> is empty"));
    CHECK(read_file(dir / "taguette-out.qdc").find("Sets") == std::string::npos);
    CHECK(convert({taguette.string(), (dir / "strict.qdc").string(), "--strict"}).code == 3);
}

TEST_CASE("framer convert writes a .qdpx that Python's zipfile and unzip -t accept, with the same files",
          "[cli][convert][zip]") {
    TempDir dir("convert-zipfile");
    const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";
    auto out = dir / "out.qdpx";
    REQUIRE(convert({sample, out.string()}).code == 0);
    auto have = [](const char* program) {
        return std::system(("command -v " + std::string(program) + " > /dev/null 2>&1").c_str()) == 0;
    };
    if (have("python3")) {
        // Every entry's CRC checked (testzip), the same names and bytes as the input's (but project.qde, which
        // is rewritten: it is compared as XML below), and stored names in UTF-8.
        framer::test::write_file(dir / "check.py",
                                 "import sys, zipfile\n"
                                 "a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])\n"
                                 "assert b.testzip() is None\n"
                                 "na = sorted(n for n in a.namelist() if n != 'project.qde')\n"
                                 "nb = sorted(n for n in b.namelist() if n != 'project.qde')\n"
                                 "assert na == nb and len(na) > 0, (na, nb)\n"
                                 "for n in na:\n"
                                 "    assert a.read(n) == b.read(n), n\n"
                                 "    assert a.getinfo(n).CRC == b.getinfo(n).CRC, n\n"
                                 "open(sys.argv[3], 'wb').write(b.read('project.qde'))\n");
        std::string cmd = "python3 " + (dir / "check.py").string() + " " + sample + " " + out.string() + " " +
                          (dir / "extracted.qde").string();
        REQUIRE(std::system(cmd.c_str()) == 0);
        refi::detail::QdpxArchive in(sample);
        CHECK_FALSE(framer::test::xml_difference(in.read(in.qde_entry(), 1 << 30), read_file(dir / "extracted.qde")));
    } else {
        WARN("python3 not found; skipping the check with Python's zipfile");
    }
    if (have("unzip"))
        CHECK(std::system(("unzip -tq " + out.string() + " > /dev/null").c_str()) == 0);
    else
        WARN("unzip not found; skipping the check with unzip -t");
}

#include <catch2/catch.hpp>

#include <fstream>

#include "refi/refi.hpp"
#include "support/zip_builder.hpp"

using namespace refi;
using framer::test::TempDir;
using framer::test::write_zip;

namespace {
const char* k_nvivo_qde =
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"N\" origin=\"NVivo 12.6\"><Sources>"
    "<TextSource guid=\"0b9a3a1c-1111-4c1d-9a7e-000000000001\" name=\"Interview\" "
    "plainTextPath=\"internal://0b9a3a1c-1111-4c1d-9a7e-000000000001.txt\">"
    "<PlainTextSelection guid=\"0b9a3a1c-1111-4c1d-9a7e-000000000002\" startPosition=\"6\" endPosition=\"10\"/>"
    "</TextSource></Sources></Project>";
}

TEST_CASE("Reader finds Sources/ in any case, strips the BOM and converts NVivo CRLF positions", "[reader][archive]") {
    TempDir dir("archive");
    // Units: a0 b1 \r2 \n3 c4 😀5-6 ' '7 -> "term" starts at 8. Use a text where the expected cut is clear.
    std::string text = "\xEF\xBB\xBF" "ab\r\n\xF0\x9F\x98\x80 term";
    // Code points (BOM stripped): a0 b1 \r2 \n3 😀4 ' '5 t6 e7 r8 m9 -> units: emoji takes 2, so "term" = units 7..11.
    std::string qde = k_nvivo_qde;
    qde.replace(qde.find("startPosition=\"6\" endPosition=\"10\""), 34, "startPosition=\"7\" endPosition=\"11\"");
    write_zip(dir / "nvivo.qdpx", {{"Project.qde", qde}, {"Sources/0b9a3a1c-1111-4c1d-9a7e-000000000001.txt", text}});
    Diagnostics d;
    Project p = read_project(dir / "nvivo.qdpx", d);
    REQUIRE(p.sources.size() == 1);
    auto plain = load_plain_text(p, p.sources[0]);
    REQUIRE(plain);
    CHECK(plain->substr(0, 2) == "ab");  // BOM gone
    const auto& sel = p.sources[0].selections[0];
    CHECK(sel.start == 6);
    CHECK(sel.end == 10);
    CHECK(substr_code_points(*plain, sel.start, sel.end) == "term");
}

TEST_CASE("Reader accepts a single <name>.qde when there is no project.qde", "[reader][archive]") {
    TempDir dir("single-qde");
    write_zip(dir / "a.qdpx", {{"My Study.qde", "<Project name=\"S\"/>"}});
    Diagnostics d;
    CHECK(read_project(dir / "a.qdpx", d).name == "S");
}

TEST_CASE("Reader refuses archives it cannot trust, naming the file", "[reader][archive][errors]") {
    TempDir dir("refuse");
    Diagnostics d;
    write_zip(dir / "none.qdpx", {{"sources/a.txt", "x"}});
    CHECK_THROWS_WITH(read_project(dir / "none.qdpx", d), Catch::Contains("none.qdpx") && Catch::Contains("no project.qde"));
    write_zip(dir / "dotdot.qdpx", {{"project.qde", "<Project name=\"S\"/>"}, {"sources/../../evil.txt", "x"}});
    CHECK_THROWS_WITH(read_project(dir / "dotdot.qdpx", d), Catch::Contains("unsafe entry name 'sources/../../evil.txt'"));
    write_zip(dir / "abs.qdpx", {{"project.qde", "<Project name=\"S\"/>"}, {"/etc/evil", "x"}});
    CHECK_THROWS_WITH(read_project(dir / "abs.qdpx", d), Catch::Contains("an absolute path"));
    {
        std::ofstream(dir / "text.qdpx") << "this is not a zip";
    }
    CHECK_THROWS_WITH(read_project(dir / "text.qdpx", d), Catch::Contains("text.qdpx: not a zip archive"));
}

TEST_CASE("Reader caps the inflated size of project.qde", "[reader][archive][errors]") {
    TempDir dir("cap");
    std::string big(2 << 20, ' ');
    big = "<Project name=\"S\">" + big + "</Project>";
    write_zip(dir / "big.qdpx", {{"project.qde", big}});
    Diagnostics d;
    ReadOptions small;
    small.max_xml_bytes = 1 << 20;
    CHECK_THROWS_WITH(read_project(dir / "big.qdpx", d, small), Catch::Contains("more than the limit"));
    CHECK(read_project(dir / "big.qdpx", d).name == "S");
}

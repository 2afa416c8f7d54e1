// `validate` and `convert` report the same missing files: one list (refi::detail::missing_files) behind both, each
// file once however many elements name it, for a .qdpx and for a bare .qde with or without a sources/ folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "core/json.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/zip_builder.hpp"

namespace fs = std::filesystem;
using framer::test::run_framer;

namespace {

// A text source with both files absent, a transcript naming the same txt as that source (ATLAS.ti's layout), a
// picture and a PDF absent from the archive, a present text, and an external video that is not there.
const char* const k_qde = R"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="m">
  <Sources>
    <TextSource guid="D0000000-0000-4000-8000-000000000001" name="a" plainTextPath="internal://gone.txt" richTextPath="internal://gone.docx"/>
    <TextSource guid="D0000000-0000-4000-8000-000000000002" name="b" plainTextPath="internal://here.txt"/>
    <PictureSource guid="D0000000-0000-4000-8000-000000000003" name="c" path="internal://photo.jpg"/>
    <PDFSource guid="D0000000-0000-4000-8000-000000000004" name="d" path="internal://paper.pdf">
      <Representation guid="D0000000-0000-4000-8000-000000000005" plainTextPath="internal://paper.txt"/>
    </PDFSource>
    <VideoSource guid="D0000000-0000-4000-8000-000000000006" name="e" path="relative:///clip.mp4">
      <Transcript guid="D0000000-0000-4000-8000-000000000007" plainTextPath="internal://gone.txt"/>
    </VideoSource>
  </Sources>
</Project>)";

// The files named in missing-source-file warnings, from text output lines.
std::multiset<std::string> missing_in(const std::string& text) {
    std::multiset<std::string> files;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.find("[missing-source-file]") == std::string::npos) continue;
        auto names = line.find(" names \"");
        REQUIRE(names != std::string::npos);
        auto from = names + 8;
        files.insert(line.substr(from, line.find('"', from) - from));
    }
    return files;
}

const std::multiset<std::string> k_expected = {"internal://gone.txt", "internal://gone.docx", "internal://photo.jpg",
                                               "internal://paper.pdf", "internal://paper.txt", "relative:///clip.mp4"};

}  // namespace

TEST_CASE("validate and convert report the same missing files of a .qdpx, each once", "[validate][convert][files]") {
    framer::test::TempDir dir("missing");
    framer::test::write_zip(dir / "p.qdpx", {{"project.qde", k_qde}, {"sources/here.txt", "hello"}});
    auto v = run_framer({"validate", (dir / "p.qdpx").string()});
    auto c = run_framer({"convert", (dir / "p.qdpx").string(), (dir / "out.qdpx").string()});
    REQUIRE(c.code == 0);
    CHECK(missing_in(v.out) == k_expected);
    CHECK(missing_in(c.err) == missing_in(v.out));
    // gone.txt is named twice (the source and the transcript): one warning that says so.
    CHECK_THAT(v.out, Catch::Contains("\"internal://gone.txt\", which is not in the project (also named by 1 other "
                                      "element)"));
    CHECK_THAT(c.err, Catch::Contains("which is not in the project (also named by 1 other element); out.qdpx is "
                                      "written without it"));
    auto j = framer::Json::parse(run_framer({"validate", "--json", (dir / "p.qdpx").string()}).out);
    CHECK(j.at("warnings").as_int() == 6);
}

TEST_CASE("validate and convert report the same missing files of a bare .qde, with or without sources/",
          "[validate][convert][files]") {
    framer::test::TempDir dir("missing-qde");
    framer::test::write_file(dir / "p.qde", k_qde);
    SECTION("no sources folder: every internal file is missing") {
        auto v = run_framer({"validate", (dir / "p.qde").string()});
        auto c = run_framer({"convert", (dir / "p.qde").string(), (dir / "out.qdpx").string()});
        std::multiset<std::string> expected = k_expected;
        expected.insert("internal://here.txt");
        CHECK(missing_in(v.out) == expected);
        CHECK(missing_in(c.err) == expected);
    }
    SECTION("a sources folder beside it holds some") {
        fs::create_directories(dir / "sources");
        framer::test::write_file(dir / "sources" / "here.txt", "hello");
        framer::test::write_file(dir / "sources" / "PHOTO.JPG", "x");  // matched in any case
        auto v = run_framer({"validate", (dir / "p.qde").string()});
        auto c = run_framer({"convert", (dir / "p.qde").string(), (dir / "out.qdpx").string()});
        std::multiset<std::string> expected = k_expected;
        expected.erase("internal://photo.jpg");
        CHECK(missing_in(v.out) == expected);
        CHECK(missing_in(c.err) == expected);
    }
}

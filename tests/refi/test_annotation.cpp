// QualCoder's text annotations: a <Note> holding the memo and a PlainTextSelection whose positions count in the
// text of the TextSource that refers to the note (QualCoder refi.py: create_annotation_note_xml, insert_annotation).
// validate reads them so (no error), convert keeps them and converts their positions over the source's text.
#include <catch2/catch.hpp>

#include <filesystem>

#include "refi/annotation.hpp"
#include "refi/io.hpp"
#include "refi/validate.hpp"
#include "support/cli_run.hpp"
#include "support/zip_builder.hpp"

namespace fs = std::filesystem;
using framer::test::run_framer;

namespace {

// "title coding" is code points [18, 30) of the source's text; the emoji before it is two UTF-16 units in NVivo's
// counting. The first annotation (N1) is referred to by the source's NoteRef; the second (N2) by nothing, as
// QualCoder writes every annotation but the first of a source.
const char* const k_text = "\xEF\xBB\xBF" "Emoji \xF0\x9F\x98\x80 here. The title coding is here and more text.";

std::string qde(int n1_end = 30) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.6">
<Users><User guid="a1b2c3d4-0000-4000-8000-000000000001" name="ana"/></Users>
<CodeBook><Codes><Code guid="a1b2c3d4-0000-4000-8000-0000000000c1" name="title" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="a1b2c3d4-0000-4000-8000-000000000100" name="interview.txt" plainTextPath="internal://a1b2c3d4-0000-4000-8000-000000000100.txt">
<PlainTextSelection guid="a1b2c3d4-0000-4000-8000-000000000200" startPosition="18" endPosition="30">
<Coding guid="a1b2c3d4-0000-4000-8000-000000000300"><CodeRef targetGUID="a1b2c3d4-0000-4000-8000-0000000000c1"/></Coding>
</PlainTextSelection>
<NoteRef targetGUID="a1b2c3d4-0000-4000-8000-000000000401" />
</TextSource>
</Sources>
<Notes>
<Note guid="a1b2c3d4-0000-4000-8000-000000000401" creatingUser="a1b2c3d4-0000-4000-8000-000000000001" creationDateTime="2024-01-15T23:37:54Z" >
<PlainTextContent>Memo</PlainTextContent>
<PlainTextSelection guid="a1b2c3d4-0000-4000-8000-000000000501" startPosition="18" endPosition=")") +
           std::to_string(n1_end) + R"(" />
</Note>
<Note guid="a1b2c3d4-0000-4000-8000-000000000402" creatingUser="a1b2c3d4-0000-4000-8000-000000000001" creationDateTime="2024-01-15T23:38:54Z" >
<PlainTextContent>Second memo</PlainTextContent>
<PlainTextSelection guid="a1b2c3d4-0000-4000-8000-000000000502" startPosition="31" endPosition="38" />
</Note>
</Notes>
</Project>
)";
}

fs::path write_project(const framer::test::TempDir& dir, const std::string& xml) {
    fs::path p = dir / "qc.qdpx";
    framer::test::write_zip(p, {{"project.qde", xml}, {"sources/a1b2c3d4-0000-4000-8000-000000000100.txt", k_text}});
    return p;
}

}  // namespace

TEST_CASE("A QualCoder annotation note counts its positions in the source that refers to it", "[annotation]") {
    framer::test::TempDir dir("annotation");
    refi::Diagnostics d;
    refi::Project p = refi::read_project(write_project(dir, qde()), d);
    auto annotated = refi::annotated_sources(p);
    REQUIRE(annotated.size() == 2);
    CHECK(annotated[0] == &p.sources[0]);
    CHECK(annotated[1] == nullptr);  // no NoteRef names it
    CHECK(refi::looks_like_annotation(p, p.notes[1]));

    // A memo that is an ordinary note (coded passages of its own text) is not an annotation.
    refi::Project other = p;
    other.dialect = refi::Dialect::Nvivo;
    other.notes[0].selections[0].end = 3;  // inside "Memo"
    CHECK_FALSE(refi::looks_like_annotation(other, other.notes[0]));
}

TEST_CASE("validate accepts a QualCoder annotation note and still checks its range in the source", "[annotation][validate]") {
    framer::test::TempDir dir("annotation-validate");
    auto o = run_framer({"validate", write_project(dir, qde()).string()});
    CHECK(o.code == 0);
    CHECK_THAT(o.out, Catch::Contains("info[annotation-note]: <Note guid=\"a1b2c3d4-0000-4000-8000-000000000401\"> is "
                                      "a text annotation of <TextSource guid=\"a1b2c3d4-0000-4000-8000-000000000100\">"));
    CHECK_THAT(o.out, Catch::Contains("warning[annotation-without-source]: <Note guid=\"a1b2c3d4-0000-4000-8000-000000000402\">"));
    CHECK_THAT(o.out, !Catch::Contains("position-out-of-range"));
    CHECK_THAT(o.out, Catch::Contains("0 errors, 1 warning"));

    // Beyond the end of the source's text (53 characters) it is still an error.
    auto bad = run_framer({"validate", write_project(dir, qde(60)).string()});
    CHECK(bad.code == 1);
    CHECK_THAT(bad.out, Catch::Contains("error[position-out-of-range]: <PlainTextSelection guid=\"a1b2c3d4-0000-4000-8000-000000000501\"> ends at 60, beyond the end of its text (53 characters)"));
}

TEST_CASE("convert keeps a QualCoder annotation note and converts its positions over the source's text", "[annotation][convert]") {
    framer::test::TempDir dir("annotation-convert");
    fs::path in = write_project(dir, qde());
    auto same = run_framer({"convert", in.string(), (dir / "same.qdpx").string()});
    REQUIRE(same.code == 0);
    refi::Diagnostics d;
    refi::Project kept = refi::read_project(dir / "same.qdpx", d);
    REQUIRE(kept.notes.size() == 2);
    REQUIRE(kept.notes[0].selections.size() == 1);
    CHECK(kept.notes[0].selections[0].start == 18);
    CHECK(kept.notes[0].selections[0].end == 30);
    CHECK(kept.notes[0].plain_text_content == std::optional<std::string>("Memo"));
    REQUIRE(kept.sources[0].note_refs.size() == 1);
    CHECK(run_framer({"validate", (dir / "same.qdpx").string()}).code == 0);

    // NVivo counts the emoji before "title coding" as two: the annotation moves with the source's own selection.
    auto nvivo = run_framer({"convert", in.string(), (dir / "nvivo.qdpx").string(), "--to", "nvivo"});
    REQUIRE(nvivo.code == 0);
    refi::Diagnostics d2;
    refi::ReadOptions as_written;
    as_written.dialect = refi::Dialect::Standard;  // the numbers as written, not converted back
    refi::Project as_nvivo = refi::read_project(dir / "nvivo.qdpx", d2, as_written);
    CHECK(as_nvivo.sources[0].selections[0].start == 19);
    CHECK(as_nvivo.notes[0].selections[0].start == 19);
    CHECK(as_nvivo.notes[0].selections[0].end == 31);
    // Read back in NVivo's counting, both are where they were.
    refi::Diagnostics d3;
    refi::Project back = refi::read_project(dir / "nvivo.qdpx", d3);
    CHECK(back.notes[0].selections[0].start == 18);
    CHECK(back.notes[0].selections[0].end == 30);
    CHECK(run_framer({"validate", (dir / "nvivo.qdpx").string()}).code == 0);
}

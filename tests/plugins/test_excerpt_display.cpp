// How excerpts are shown to a researcher: ATLAS.ti's PDF quotations with the text the project holds and once per
// cell (not once as a PDF area and again as the mirrored text selection), pages counted from 1, and nameless
// sources under their file's name instead of a GUID.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "chart/excerpts.hpp"
#include "chart_test_support.hpp"
#include "core/registry.hpp"
#include "core/units.hpp"
#include "refi/io.hpp"

namespace fs = std::filesystem;
using framer::Json;

namespace {

// ATLAS.ti 8.4 as in the REFI standard project: quotation Q1 is a PDF area on the first page ("page 0") with its
// text in its own Representation, and the same GUID again as a PlainTextSelection of the PDF's text; Q2 is an
// area on the second page whose text is only in the mirrored text selection. Q1's mirror also carries code B.
const char* const k_atlas_pdf = R"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="pdf" origin="ATLAS.ti 8.4.0">
  <Users><User guid="C0000000-0000-4000-8000-000000000001" name="Ana"/></Users>
  <CodeBook><Codes>
    <Code guid="C0000000-0000-4000-8000-00000000000A" name="A" isCodable="true"/>
    <Code guid="C0000000-0000-4000-8000-00000000000B" name="B" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <PDFSource guid="C0000000-0000-4000-8000-000000000100" name="recipe.pdf" path="internal://recipe.pdf">
      <PDFSelection guid="C0000000-0000-4000-8000-000000000201" page="0" firstX="1" firstY="2" secondX="3" secondY="4">
        <Representation guid="C0000000-0000-4000-8000-000000000301">
          <PlainTextContent>Para la base: granola con mantequilla y arándano</PlainTextContent>
        </Representation>
        <Coding guid="C0000000-0000-4000-8000-000000000401" creatingUser="C0000000-0000-4000-8000-000000000001">
          <CodeRef targetGUID="C0000000-0000-4000-8000-00000000000A"/></Coding>
      </PDFSelection>
      <PDFSelection guid="C0000000-0000-4000-8000-000000000202" page="1" firstX="1" firstY="2" secondX="3" secondY="4">
        <Coding guid="C0000000-0000-4000-8000-000000000402" creatingUser="C0000000-0000-4000-8000-000000000001">
          <CodeRef targetGUID="C0000000-0000-4000-8000-00000000000A"/></Coding>
      </PDFSelection>
      <Representation guid="C0000000-0000-4000-8000-000000000300">
        <PlainTextContent>Para la base:
granola con mantequilla y arándano. Hornear veinte minutos a fuego medio.</PlainTextContent>
        <PlainTextSelection guid="c0000000-0000-4000-8000-000000000201" startPosition="0" endPosition="48">
          <Coding guid="C0000000-0000-4000-8000-000000000501" creatingUser="C0000000-0000-4000-8000-000000000001">
            <CodeRef targetGUID="C0000000-0000-4000-8000-00000000000A"/></Coding>
          <Coding guid="C0000000-0000-4000-8000-000000000502" creatingUser="C0000000-0000-4000-8000-000000000001">
            <CodeRef targetGUID="C0000000-0000-4000-8000-00000000000B"/></Coding>
        </PlainTextSelection>
        <PlainTextSelection guid="C0000000-0000-4000-8000-000000000202" startPosition="50" endPosition="86">
          <Coding guid="C0000000-0000-4000-8000-000000000503" creatingUser="C0000000-0000-4000-8000-000000000001">
            <CodeRef targetGUID="C0000000-0000-4000-8000-00000000000A"/></Coding>
        </PlainTextSelection>
      </Representation>
    </PDFSource>
  </Sources>
</Project>)";

refi::Project parse(const char* xml) {
    refi::Diagnostics d;
    return refi::parse_project_xml(xml, "project.qde", d);
}

// The chart's cell (excerpts) of `code` in the first row of the theme holding it.
const Json& cell_of(const Json& chart, const std::string& code) {
    for (const auto& theme : chart.at("themes").as_array()) {
        const auto& columns = theme.at("columns").as_array();
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i].at("code").as_string() == code)
                return framer::test::cell_in(theme, theme.at("rows").as_array().front(), i).at("excerpts");
    }
    FAIL("no column " << code);
    throw;
}

std::string markdown(const framer::Result& r) {
    std::ostringstream out;
    framer::builtin_registry().exporter("md")->write(r, out);
    return out.str();
}

}  // namespace

TEST_CASE("An ATLAS.ti PDF quotation shows once per cell, with the text its Representation holds", "[chart][pdf]") {
    refi::Project p = parse(k_atlas_pdf);
    framer::Result r = framer::test::run_chart(p);
    const Json& a = cell_of(r.json, "A");
    REQUIRE(a.size() == 2);  // Q1 and Q2, each once although each is written twice
    CHECK(a.as_array()[0].at("kind").as_string() == "pdf");
    CHECK(a.as_array()[0].at("text").as_string() == "Para la base: granola con mantequilla y arándano");
    CHECK(a.as_array()[0].at("selection_guid").as_string() == "C0000000-0000-4000-8000-000000000201");
    CHECK_FALSE(a.as_array()[0].contains("merged_selection_guids"));
    // Q2 has no text of its own: the mirrored range of the PDF's text is its text.
    CHECK(a.as_array()[1].at("text").as_string() == "Hornear veinte minutos a fuego medio");
    // The code only the mirror carries still gets the quotation, as a PDF quotation with its text.
    const Json& b = cell_of(r.json, "B");
    REQUIRE(b.size() == 1);
    CHECK(b.as_array()[0].at("kind").as_string() == "pdf");
    CHECK(b.as_array()[0].at("text").as_string() == "Para la base: granola con mantequilla y arándano");
}

TEST_CASE("PDF pages are shown counted from 1 while the model keeps the page as written", "[chart][pdf]") {
    refi::Project p = parse(k_atlas_pdf);
    framer::Result r = framer::test::run_chart(p);
    const Json& a = cell_of(r.json, "A");
    CHECK(a.as_array()[0].at("start").as_int() == 0);
    CHECK(a.as_array()[0].at("page").as_int() == 1);
    CHECK(a.as_array()[1].at("page").as_int() == 2);
    std::string md = markdown(r);
    CHECK(md.find("recipe.pdf p. 1, Ana\\] Para la base") != std::string::npos);
    CHECK(md.find("recipe.pdf p. 2, Ana\\] Hornear") != std::string::npos);
    CHECK(md.find("p. 0") == std::string::npos);
    CHECK(md.find("0–48") == std::string::npos);  // the mirror is not a second excerpt
}

TEST_CASE("quotes quotes an ATLAS.ti PDF quotation with its text", "[quotes][pdf]") {
    refi::Project p = parse(k_atlas_pdf);
    framer::Options o;
    o.set("code", "B");
    framer::Result r = framer::builtin_registry().analysis("quotes")->run(p, o);
    const Json& codes = r.json.at("codes");
    REQUIRE(codes.size() == 1);
    REQUIRE(codes.as_array()[0].at("quotes").size() == 1);
    CHECK(codes.as_array()[0].at("quotes").as_array()[0].at("text").as_string() ==
          "Para la base: granola con mantequilla y arándano");
}

TEST_CASE("The ATLAS.ti corpus project shows its PDF quotations' text, each once", "[chart][pdf][corpus]") {
    fs::path corpus = fs::path(FRAMER_SHARED_DIR) / "corpus" / "refi-standard-project.atlasti.qde";
    if (!fs::exists(corpus)) {
        WARN("skipped: " << corpus << " is absent");
        return;
    }
    refi::Diagnostics d;
    refi::Project p = refi::read_project(corpus, d);
    framer::Result r = framer::test::run_chart(p);
    std::string md = markdown(r);
    // 95916796… is written as a PDFSelection on page 0 and as a PlainTextSelection (297–498) whose text file the
    // export does not carry; its text is the PDFSelection's PlainTextContent. Its second page is 7B8C9A7D….
    CHECK(md.find("p. 1, Friedrich Markgraf\\] favoritos.Dificultad: MediaTiempo: 2 horas 30 minutos") !=
          std::string::npos);
    CHECK(md.find("p. 2, Friedrich Markgraf\\]  Porciones: 8") != std::string::npos);
    CHECK(md.find("p. 1, Friedrich Markgraf\\] granola") != std::string::npos);
    CHECK(md.find("297–498") == std::string::npos);
    CHECK(md.find("62–69") == std::string::npos);
    CHECK(md.find("p. 0") == std::string::npos);
    // Every coding still appears: each selection GUID of a coded PDF quotation is in the chart.
    std::set<std::string> shown;
    for (const auto& theme : r.json.at("themes").as_array())
        for (const auto& row : theme.at("rows").as_array())
            for (const auto& cell : row.at("cells").as_array())
                for (const auto& e : cell.at("excerpts").as_array()) shown.insert(e.at("selection_guid").as_string());
    for (const char* guid : {"95916796-D0A0-4B49-80B0-5A5C8B94AE13", "7B8C9A7D-1AD6-4A88-8556-50B9A35FDA19",
                             "27A5F0C2-E225-4D6A-8297-F4FEC794D890", "7C046D16-1B6D-4814-A260-3A7BD5FC6A51"})
        CHECK(shown.count(guid) == 1);
}

TEST_CASE("A nameless source is shown by its file's name, and so is a nameless case wrapping it", "[units][names]") {
    // qc writes TextSources without a name and a bare plainTextPath; QualCoder and Quirkos write nameless cases.
    refi::Project p = parse(R"(<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="qc 1.3.2">
      <CodeBook><Codes><Code guid="64656661-756c-7400-0000-000000000001" name="trust" isCodable="true"/></Codes></CodeBook>
      <Cases><Case guid="64656661-756c-7400-0000-000000000030">
        <SourceRef targetGUID="626f6172-645f-3230-3137-2e7478740000"/></Case></Cases>
      <Sources>
        <TextSource guid="626f6172-645f-3230-3137-2e7478740000" plainTextPath="board_2017.txt">
          <PlainTextSelection guid="64656661-756c-7400-0000-000000000010" startPosition="0" endPosition="4">
            <Coding guid="64656661-756c-7400-0000-000000000020"><CodeRef targetGUID="64656661-756c-7400-0000-000000000001"/></Coding>
          </PlainTextSelection>
        </TextSource>
        <TextSource guid="626f6172-645f-3230-3138-2e7478740000" plainTextPath="internal://notes/interview 2018.txt"/>
        <PictureSource guid="626f6172-645f-3230-3139-2e7478740000" path="relative:///img/photo.jpg" currentPath="absolute:///C:/field/site%20visit.jpg"/>
        <AudioSource guid="626f6172-645f-3230-3140-2e7478740000"/>
      </Sources></Project>)");
    CHECK(framer::source_display_name(p.sources[0]) == "board_2017.txt");
    CHECK(framer::source_display_name(p.sources[1]) == "interview 2018.txt");
    CHECK(framer::source_display_name(p.sources[2]) == "site%20visit.jpg");  // currentPath: where it came from
    CHECK(framer::source_display_name(p.sources[3]) == "626f6172-645f-3230-3140-2e7478740000");  // nothing better

    auto sources = framer::build_units(p, framer::UnitKind::Source);
    std::set<std::string> names;
    for (const auto& u : sources) names.insert(u.name);
    CHECK(names.count("board_2017.txt") == 1);
    auto cases = framer::build_units(p, framer::UnitKind::Case);
    REQUIRE(cases.size() == 1);
    CHECK(cases[0].name == "board_2017.txt");

    framer::Result r = framer::test::run_chart(p);
    const Json& cell = cell_of(r.json, "trust");
    REQUIRE(cell.size() == 1);
    CHECK(cell.as_array()[0].at("source").as_string() == "board_2017.txt");
    CHECK(markdown(r).find("626f6172-645f-3230-3137") == std::string::npos);
}

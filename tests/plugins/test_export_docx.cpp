// The docx exporter: a WordprocessingML package whose tables are real Word tables (header repeated, bold,
// indentation, footnotes), landscape sections for charts, and text XML can hold.
#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <zip.h>

#include <map>
#include <sstream>

#include "core/registry.hpp"
#include "export_docx/docx_package.hpp"
#include "support/zip_entries.hpp"

using namespace framer;

namespace {

Cell cell(std::string t, bool bold = false, int indent = 0, bool numeric = false) {
    Cell c;
    c.text = std::move(t);
    c.bold = bold;
    c.indent = indent;
    c.numeric = numeric;
    return c;
}

/// A Table 2 shape: a bold theme, an indented subtheme with a footnote, a hidden GUID column and row.
Table counts_table() {
    Table t;
    t.name = "Domains, themes and subthemes";
    t.header = {{cell("Code"), cell("Total (N=3)\nN (%)"), cell("guid")}};
    Cell sub = cell("Sub & <theme>", false, 2);
    sub.footnotes = {0};
    t.rows = {{cell("Theme: a name long enough to need more than a quarter of the page", true), cell("3 (100)", false, 0, true), cell("GUID-1")},
              {sub, cell("1 (33)", false, 0, true), cell("GUID-2")},
              {cell("secret row"), cell("0 (0)", false, 0, true), cell("GUID-3")}};
    t.hidden_columns = {2};
    t.hidden_rows = {2};
    t.footnotes = {"Applicable to 2 participants", "A plain note"};
    return t;
}

/// A chart shape: long wrapped excerpts and an editable summary column.
Table chart_table() {
    Table t;
    t.name = "Theme 1";
    t.header = {{cell("Case"), cell("Subtheme"), cell("Subtheme: summary")}};
    Cell excerpt = cell("[P1 1–20, Ann] first line\nsecond line");
    excerpt.wrap = true;
    Cell summary = cell("");
    summary.editable = true;
    summary.wrap = true;
    t.rows = {{cell("P1", true), excerpt, summary}};
    return t;
}

std::string render(const Result& r) {
    const Exporter* e = builtin_registry().exporter("docx");
    REQUIRE(e);
    std::ostringstream out;
    e->write(r, out);
    return out.str();
}

std::vector<std::pair<std::string, std::string>> unzip(const std::string& bytes) {
    return framer::test::zip_entries(bytes);
}

std::string part(const std::string& bytes, const std::string& name) {
    for (auto& [n, content] : unzip(bytes))
        if (n == name) return content;
    FAIL("no part " << name);
    return {};
}

/// All text of the w:t descendants of `node`, concatenated.
std::string text_of(const pugi::xml_node& node) {
    std::string text;
    for (auto t : node.select_nodes(".//w:t")) text += t.node().text().get();
    return text;
}

}  // namespace

TEST_CASE("The docx exporter writes a package of well-formed parts with the content types first", "[exporters][docx]") {
    Result r;
    r.title = "Participants per code";
    r.tables = {counts_table()};
    auto entries = unzip(render(r));
    REQUIRE(!entries.empty());
    CHECK(entries.front().first == "[Content_Types].xml");
    std::map<std::string, std::string> parts(entries.begin(), entries.end());
    for (const char* name : {"_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml",
                             "word/settings.xml", "docProps/core.xml", "docProps/app.xml"}) {
        INFO(name);
        REQUIRE(parts.count(name));
        pugi::xml_document doc;
        CHECK(doc.load_string(parts[name].c_str()));
    }
    // Every part the content types declare exists, and every style the body uses is defined.
    pugi::xml_document types, styles, body;
    REQUIRE(types.load_string(parts["[Content_Types].xml"].c_str()));
    for (auto o : types.select_nodes("//Override")) CHECK(parts.count(o.node().attribute("PartName").value() + 1));
    REQUIRE(styles.load_string(parts["word/styles.xml"].c_str()));
    REQUIRE(body.load_string(parts["word/document.xml"].c_str()));
    for (auto s : body.select_nodes("//w:pStyle")) {
        std::string id = s.node().attribute("w:val").value();
        INFO(id);
        CHECK(styles.select_node(("//w:style[@w:styleId='" + id + "']").c_str()));
    }
    CHECK(parts["docProps/core.xml"].find("<dc:title>Participants per code</dc:title>") != std::string::npos);
}

TEST_CASE("The docx exporter writes Word tables with a repeated bold header, indentation and footnotes", "[exporters][docx]") {
    Result r;
    r.title = "Participants per code";
    r.notes = {"3 participants"};
    r.tables = {counts_table()};
    pugi::xml_document doc;
    REQUIRE(doc.load_string(part(render(r), "word/document.xml").c_str()));
    auto rows = doc.select_nodes("//w:tbl/w:tr");
    REQUIRE(rows.size() == 3);  // header + two visible rows: the hidden row is left out
    auto header = rows[0].node();
    CHECK(header.select_node("w:trPr/w:tblHeader"));
    CHECK(header.select_nodes("w:tc").size() == 2);  // the hidden GUID column is left out
    CHECK(header.select_node("w:tc//w:r/w:rPr/w:b"));
    // The header cell's line break is a Word line break, not a new paragraph.
    auto total = header.select_nodes("w:tc")[1].node();
    CHECK(total.select_node(".//w:br"));
    CHECK(text_of(total) == "Total (N=3)N (%)");
    auto theme = rows[1].node();
    CHECK_FALSE(theme.select_node("w:trPr/w:tblHeader"));
    CHECK(text_of(theme.select_nodes("w:tc")[0].node()) == "Theme: a name long enough to need more than a quarter of the page");
    CHECK(theme.select_node("w:tc[1]//w:rPr/w:b"));
    CHECK(std::string(theme.select_node("w:tc[2]/w:p/w:pPr/w:jc").node().attribute("w:val").value()) == "right");
    auto sub = rows[2].node().select_nodes("w:tc")[0].node();
    CHECK(text_of(sub) == "Sub & <theme>a");
    CHECK(sub.select_node(".//w:ind").node().attribute("w:left").as_int() == 2 * 284);
    CHECK_FALSE(sub.select_node(".//w:rPr/w:b"));
    CHECK(std::string(sub.select_node(".//w:vertAlign").node().attribute("w:val").value()) == "superscript");
    // The table's column widths add up to its width, which fills the portrait text block (the long first
    // column takes what the numbers leave).
    int sum = 0;
    for (auto g : doc.select_nodes("//w:gridCol")) sum += g.node().attribute("w:w").as_int();
    CHECK(sum == doc.select_node("//w:tblW").node().attribute("w:w").as_int());
    CHECK(sum <= 11906 - 2 * 1134);
    CHECK(sum > 11906 - 2 * 1134 - 10);
    auto grid = doc.select_nodes("//w:gridCol");
    CHECK(grid[1].node().attribute("w:w").as_int() >= 7 * 9 * 10);  // "3 (100)" fits on a line at 9 pt
    CHECK(grid[1].node().attribute("w:w").as_int() < grid[0].node().attribute("w:w").as_int());
    // Footnotes under the table: the referenced one with its marker, the other as a plain note.
    std::vector<std::string> notes;
    for (auto p : doc.select_nodes("//w:p[w:pPr/w:pStyle/@w:val='FramerTableNote']")) notes.push_back(text_of(p.node()));
    CHECK(notes == std::vector<std::string>{"a Applicable to 2 participants", "A plain note"});
    auto paragraphs = doc.select_nodes("/w:document/w:body/w:p");
    CHECK(text_of(paragraphs[0].node()) == "Participants per code");
    CHECK(text_of(paragraphs[1].node()) == "3 participants");
    CHECK(part(render(r), "word/document.xml").find("secret row") == std::string::npos);
}

TEST_CASE("The docx exporter puts charts in landscape sections and keeps narrow tables portrait", "[exporters][docx]") {
    Result r;
    r.tables = {counts_table(), chart_table(), chart_table(), counts_table()};
    pugi::xml_document doc;
    REQUIRE(doc.load_string(part(render(r), "word/document.xml").c_str()));
    // Sections: portrait (table 1), landscape (the two charts), portrait (the last table, the body's own).
    auto sections = doc.select_nodes("//w:sectPr");
    REQUIRE(sections.size() == 3);
    std::vector<std::string> orientation;
    for (auto s : sections) {
        auto size = s.node().child("w:pgSz");
        orientation.push_back(size.attribute("w:w").as_int() > size.attribute("w:h").as_int() ? "landscape" : "portrait");
    }
    CHECK(orientation == std::vector<std::string>{"portrait", "landscape", "portrait"});
    CHECK(std::string(sections[1].node().child("w:pgSz").attribute("w:orient").value()) == "landscape");
    CHECK(doc.select_node("/w:document/w:body/w:sectPr"));  // the last section is the body's
    // Chart rows may break across pages; their editable cells are shaded.
    auto tables = doc.select_nodes("//w:tbl");
    REQUIRE(tables.size() == 4);
    auto chart_row = tables[1].node().select_nodes("w:tr")[1].node();
    CHECK_FALSE(chart_row.select_node("w:trPr/w:cantSplit"));
    CHECK(std::string(chart_row.select_node("w:tc[3]/w:tcPr/w:shd").node().attribute("w:fill").value()) == "FFF2CC");
    int sum = 0;
    for (auto g : tables[1].node().select_nodes("w:tblGrid/w:gridCol")) sum += g.node().attribute("w:w").as_int();
    CHECK(sum <= 16838 - 2 * 1134);
    CHECK(sum > 16838 - 2 * 1134 - 10);
}

TEST_CASE("The docx exporter replaces what XML cannot hold and writes empty results", "[exporters][docx]") {
    CHECK(docx::xml_text("a\x01" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(docx::xml_text("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(docx::xml_text("bad \xC3 end") == "bad \xEF\xBF\xBD end");
    CHECK(docx::xml_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a UTF-16 surrogate
    CHECK(docx::xml_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
    CHECK(docx::xml_text("\xEF\xBF\xBF") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFF
    CHECK(docx::xml_text("<a & \"b\">\tc\n") == "&lt;a &amp; &quot;b&quot;&gt;\tc\n");
    Result r;
    r.title = std::string("T\x02itle");
    Table t;
    t.rows = {{cell("x\x1Fy\tz")}};
    r.tables = {t, Table{}};
    pugi::xml_document doc;
    REQUIRE(doc.load_string(part(render(r), "word/document.xml").c_str()));
    CHECK(text_of(doc.select_node("//w:tbl").node()) == "x\xEF\xBF\xBDyz");
    CHECK(doc.select_node("//w:tbl//w:tab"));
    CHECK(doc.select_nodes("//w:tbl").size() == 1);  // a table without columns has nothing to show
    pugi::xml_document empty;
    REQUIRE(empty.load_string(part(render(Result{}), "word/document.xml").c_str()));
    CHECK(empty.select_node("/w:document/w:body/w:p"));
    CHECK(empty.select_node("/w:document/w:body/w:sectPr"));
}

TEST_CASE("The docx exporter does not stretch a table of short columns", "[exporters][docx]") {
    Result r;
    Table t;
    t.header = {{cell("Role"), cell("N")}};
    t.rows = {{cell("Therapist"), cell("4", false, 0, true)}};
    r.tables = {t};
    pugi::xml_document doc;
    REQUIRE(doc.load_string(part(render(r), "word/document.xml").c_str()));
    int width = doc.select_node("//w:tblW").node().attribute("w:w").as_int();
    CHECK(width < (11906 - 2 * 1134) / 2);
    CHECK(width > 9 * 9 * 10);
}

TEST_CASE("The docx exporter writes the same bytes twice", "[exporters][docx]") {
    Result r;
    r.tables = {counts_table(), chart_table()};
    CHECK(render(r) == render(r));
}

// Exporters: every registered exporter renders a small result; each format's escaping and layout rules.
#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <libdeflate.h>
#include <zip.h>

#include <map>
#include <memory>
#include <sstream>

#include "core/percent.hpp"
#include "core/registry.hpp"
#include "core/table_util.hpp"
#include "export_latex/latex_text.hpp"
#include "export_xlsx/export_xlsx.hpp"
#include "support/result_cells.hpp"
#include "support/zip_entries.hpp"

using namespace framer;

namespace {

using framer::test::num;
using framer::test::render;
using framer::test::text;

/// A result with what exporters must handle: specials of every format, indentation, bold, footnotes,
/// a hidden GUID column, a hidden row, a csv-only table and UTF-8.
Result small_result() {
    Result r;
    r.title = "Themes <by> Role & \"group\"";
    r.notes = {"Unit: case; 3 participants"};
    Table t;
    t.name = "Domains: themes/subthemes";
    t.header = {{text("Code"), text("Total (N=3)"), text("A|B"), text("guid")}};
    Cell theme = text("Theme_1 *a* | 100% $x$ {y} #z ~ ^ \\", true, 0);
    Cell sub = text("Zoë’s “sub” 🙂 <i>", false, 2);
    sub.footnotes = {0};
    t.rows = {{theme, num("3 (100)"), num("2 (67)"), text("GUID-1")},
              {sub, num("1 (33)"), num("1 (50)"), text("GUID-2")},
              {text("secret row"), num("0 (0)"), num("0 (0)"), text("GUID-3")}};
    t.hidden_columns = {3};
    t.hidden_rows = {2};
    t.footnotes = {"Applicable to 2 participants (1 + 1)", "A plain note"};
    r.tables.push_back(t);
    Table data;
    data.name = "data";
    data.csv = true;
    data.csv_only = true;
    data.header = {{text("code"), text("n")}};
    data.rows = {{text("Theme, \"quoted\"\nnext line"), num("3")}, {text(" padded"), num("1")}};
    r.tables.push_back(data);
    r.json["title"] = r.title;
    r.json["rows"].push_back(Json(3));
    return r;
}

/// Every entry of a zip (xlsx, docx) by name, so a difference is reported by part.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    std::map<std::string, std::string> entries;
    for (auto& [name, content] : framer::test::zip_entries(bytes)) entries[name] = std::move(content);
    return entries;
}

}  // namespace

TEST_CASE("Every registered exporter renders a small result", "[exporters]") {
    const Result r = small_result();
    REQUIRE(builtin_registry().exporters().size() >= 6);
    for (const auto& e : builtin_registry().exporters()) {
        INFO(e->name());
        if (e->needs_figure()) {
            // svg draws figures only: a result without one is a usage error, never an empty file.
            std::ostringstream none;
            CHECK_THROWS_AS(e->write(r, none), framer::UsageError);
            CHECK_THROWS_AS(e->write(Result{}, none), framer::UsageError);
            CHECK(none.str().empty());
            Result drawn = r;
            framer::Figure f;
            f.categories = {"A", "B"};
            f.series = {{"n", framer::Series::Style::Line, {1, 2}}};
            drawn.figures.push_back(f);
            std::ostringstream out;
            REQUIRE_NOTHROW(e->write(drawn, out));
            CHECK(out.str().find("<svg") != std::string::npos);
            CHECK(builtin_registry().exporter_for_path("out" + e->extensions().front()) == e.get());
            continue;
        }
        std::ostringstream out;
        REQUIRE_NOTHROW(e->write(r, out));
        CHECK_FALSE(out.str().empty());
        CHECK_FALSE(e->extensions().empty());
        CHECK(builtin_registry().exporter_for_path("out" + e->extensions().front()) == e.get());
        // Document formats never show the hidden GUID column or row; csv shows only its csv table.
        if (e->name() != "json" && !e->binary()) CHECK(out.str().find("secret row") == std::string::npos);
        // And an empty result is no problem either.
        std::ostringstream empty;
        REQUIRE_NOTHROW(e->write(Result{}, empty));
    }
}

TEST_CASE("The csv exporter quotes per RFC 4180 and writes only the csv table", "[exporters][csv]") {
    std::string csv = render("csv", small_result());
    CHECK(csv == "code,n\r\n\"Theme, \"\"quoted\"\"\nnext line\",3\r\n\" padded\",1\r\n");
    Result plain;
    plain.tables.push_back(Table{});
    plain.tables[0].header = {{text("a"), text("b")}};
    plain.tables[0].rows = {{text("x")}, {text("Zoë"), text("ü,")}};
    CHECK(render("csv", plain) == "a,b\r\nx,\r\nZoë,\"ü,\"\r\n");
}

TEST_CASE("The json exporter prints the result's json", "[exporters][json]") {
    Result r = small_result();
    std::string out = render("json", r);
    CHECK(out == r.json.dump(2) + "\n");
    CHECK(Json::parse(out).at("title").as_string() == r.title);
}

TEST_CASE("The markdown exporter escapes, indents, bolds and adds footnotes", "[exporters][md]") {
    std::string md = render("md", small_result());
    CHECK(md.find("# Themes \\<by\\> Role & \"group\"\n") == 0);
    CHECK(md.find("## Domains: themes/subthemes\n") != std::string::npos);
    CHECK(md.find("| Code | Total (N=3) | A\\|B |\n| :--- | ---: | ---: |\n") != std::string::npos);
    CHECK(md.find("| **Theme\\_1 \\*a\\* \\| 100% $x$ {y} #z ~ ^ \\\\** | 3 (100) | 2 (67) |") != std::string::npos);
    // Indentation: four no-break space characters per level (U+00A0), not &nbsp; entities.
    const std::string nbsp4 = "\u00A0\u00A0\u00A0\u00A0";
    CHECK(md.find("| " + nbsp4 + nbsp4 + "Zoë’s “sub” 🙂 \\<i\\>[^a] | 1 (33) | 1 (50) |") != std::string::npos);
    CHECK(md.find("&nbsp;") == std::string::npos);
    CHECK(md.find("[^a]: Applicable to 2 participants (1 + 1)\n") != std::string::npos);
    CHECK(md.find("\nA plain note\n") != std::string::npos);
    CHECK(md.find("GUID") == std::string::npos);
    CHECK(md.find("data") == std::string::npos);  // csv-only table
}

TEST_CASE("The html exporter writes one escaped self-contained page", "[exporters][html]") {
    std::string html = render("html", small_result());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<title>Themes &lt;by&gt; Role &amp; &quot;group&quot;</title>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);  // no external resources
    CHECK(html.find("position: sticky") != std::string::npos);
    CHECK(html.find("<th class=\"frozen\">Code</th>") != std::string::npos);
    CHECK(html.find("<strong>Theme_1 *a* | 100% $x$ {y} #z ~ ^ \\</strong>") != std::string::npos);
    CHECK(html.find("style=\"padding-left:3.6em\">Zoë’s “sub” 🙂 &lt;i&gt;<sup>a</sup></td>") != std::string::npos);
    CHECK(html.find("<p><sup>a</sup> Applicable to 2 participants (1 + 1)</p>") != std::string::npos);
    CHECK(html.find("<p>A plain note</p>") != std::string::npos);
    CHECK(html.find("GUID-1") == std::string::npos);
    // A nav appears once there are several document tables.
    Result two = small_result();
    two.tables[1].csv_only = false;
    CHECK(render("html", two).find("<nav>") != std::string::npos);
    CHECK(html.find("<nav>") == std::string::npos);
}

TEST_CASE("The html exporter prints every row: no scroll box, header repeated, rows kept whole", "[exporters][html]") {
    std::string html = render("html", small_result());
    const auto print = html.find("@media print {");
    REQUIRE(print != std::string::npos);
    const std::string rules = html.substr(print, html.find("</style>", print) - print);
    CHECK(rules.find(".scroll { overflow: visible; max-height: none;") != std::string::npos);
    CHECK(rules.find("thead { position: static; display: table-header-group; }") != std::string::npos);
    CHECK(rules.find("tr { break-inside: avoid; }") != std::string::npos);
    // On screen the header rows scroll as one block (the thead), not as cells each stuck at top: 0.
    CHECK(html.find("thead { position: sticky; top: 0;") != std::string::npos);
    CHECK(html.find("thead th { position: sticky") == std::string::npos);
    // A table of counts prints portrait; one with long text (a chart) makes the page landscape.
    CHECK(html.find("size: landscape") == std::string::npos);
    Result chart = small_result();
    chart.tables[0].rows[1][1].wrap = true;
    CHECK(render("html", chart).find("@page { size: landscape; }") != std::string::npos);
}

TEST_CASE("The html exporter shades N (%) cells under --heat on the xlsx colour scale", "[exporters][html][heat]") {
    Result r;
    Table t;
    t.header = {{text("Code"), text("N (%)")}};
    t.rows = {{text("all"), count_cell(4, 4, 0)}, {text("half"), count_cell(2, 4, 0)},
              {text("none"), count_cell(0, 4, 0)}, {text("blank"), num("")}};
    r.tables.push_back(t);
    CHECK(render("html", r).find("background:#") == std::string::npos);  // only when asked
    r.heat = true;
    std::string html = render("html", r);
    // White at 0 %, the xlsx scale's 0xF4A582 at 100 %, linear in each channel between.
    CHECK(html.find("<td class=\"num\" style=\"background:#F4A582\">4 (100)</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\" style=\"background:#FAD2C1\">2 (50)</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\" style=\"background:#FFFFFF\">0 (0)</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\"></td>") != std::string::npos);  // not an N (%) cell: unshaded
    // An indented cell keeps its indentation beside the shading.
    r.tables[0].rows[0][1].indent = 1;
    CHECK(render("html", r).find("style=\"padding-left:2.1em;background:#F4A582\"") != std::string::npos);
}

TEST_CASE("The latex exporter writes booktabs and escapes specials", "[exporters][latex]") {
    std::string tex = render("latex", small_result());
    CHECK(tex.rfind("% requires: \\usepackage[T1]{fontenc} \\usepackage{booktabs,array}", 0) == 0);
    CHECK(tex.find("\\toprule") != std::string::npos);
    CHECK(tex.find("\\midrule") != std::string::npos);
    CHECK(tex.find("\\bottomrule") != std::string::npos);
    // A short table is a float; its count columns are right-aligned, every column has a width.
    CHECK(tex.find("\\begin{table}[htbp]") != std::string::npos);
    CHECK(tex.find("\\begin{tabular}{>{\\raggedright\\arraybackslash\\hspace{0pt}}p{\\dimexpr ") != std::string::npos);
    CHECK(tex.find("}>{\\raggedleft\\arraybackslash}p{") != std::string::npos);
    CHECK(tex.find("\\caption{Domains: themes/subthemes}") != std::string::npos);
    CHECK(tex.find("\\textbf{Theme\\_1 *a* \\textbar{} 100\\% \\$x\\$ \\{y\\} \\#z \\textasciitilde{} "
                   "\\textasciicircum{} \\textbackslash{}} & 3 (100) & 2 (67) \\\\") != std::string::npos);
    // The emoji cannot be typeset by pdflatex: a placeholder, counted under the table and in the header.
    CHECK(tex.find("\\leftskip=2em\\relax Zoë’s “sub” [U+1F642] \\textless{}i\\textgreater{}\\textsuperscript{a} & 1 (33)") !=
          std::string::npos);
    CHECK(tex.find("\\noindent \\textsuperscript{a}Applicable to 2 participants (1 + 1)\\par") != std::string::npos);
    const std::string note = "1 character that pdflatex cannot typeset is shown as [U+XXXX] (U+1F642); the md, docx and html "
                             "outputs keep them.";
    CHECK(tex.find("\\noindent " + note + "\\par") != std::string::npos);
    CHECK(tex.find("% " + note + "\n") != std::string::npos);
    CHECK(framer::builtin_registry().exporter("latex")->losses(small_result()) == std::vector<std::string>{note});
    CHECK(framer::builtin_registry().exporter("md")->losses(small_result()).empty());
    CHECK(tex.find("GUID") == std::string::npos);
}

TEST_CASE("LaTeX escaping keeps every character, breaks ligatures and protects a row's first character", "[exporters][latex]") {
    using framer::latex::escape;
    framer::latex::Replacements replaced;
    CHECK(escape("a--b---c ''d'' ,,e `f", replaced) == "a-{}-b-{}-{}-c '{}'d'{}' ,{},e \\textasciigrave{}f");
    CHECK(escape("line\r\nnext\nlast\ttab", replaced) == "line\\newline{}next\\newline{}last tab");
    CHECK(escape("cafe\u0301 and i\u0308", replaced) == "caf\\'{e} and \\\"{\\i}");
    CHECK(escape("κ ≤ 0.8", replaced) == "\\ensuremath{\\kappa} \\ensuremath{\\leq} 0.8");
    CHECK(escape("soft\u00ADhyphen, thin\u2009space", replaced) == "soft\\-hyphen, thin space");
    CHECK(replaced.total() == 0);
    // Not typeset: a placeholder for each code point, and for each byte that is not UTF-8.
    CHECK(escape("😀 漢 \xFF \u0301", replaced) == "[U+1F600] [U+6F22] [not UTF-8] [U+0301]");
    CHECK(replaced.total() == 4);
    CHECK(replaced.note() == "4 characters that pdflatex cannot typeset are shown as [U+XXXX] (U+0301, U+6F22, U+1F600, "
                             "bytes that are not UTF-8); the md, docx and html outputs keep them.");
    // After a row's \\ a [ would be an optional argument and a * the star form.
    Result r = small_result();
    r.tables[0].rows[0][0].text = "[SU4 1-2] first";
    r.tables[0].rows[0][0].bold = false;
    r.tables[0].rows[1][0].text = "*starred";
    r.tables[0].rows[1][0].indent = 0;
    r.tables[0].rows[1][0].footnotes.clear();
    std::string tex = render("latex", r);
    CHECK(tex.find("\\midrule\n{}[SU4 1-2] first & ") != std::string::npos);
    CHECK(tex.find("\\\\\n{}*starred & ") != std::string::npos);
}

TEST_CASE("The xlsx exporter writes a valid workbook with formats, frozen panes and hidden cells", "[exporters][xlsx]") {
    Result r = small_result();
    r.tables[0].rows[1][2].editable = true;
    std::string bytes = render("xlsx", r);
    REQUIRE(bytes.size() > 4);
    CHECK(bytes.substr(0, 2) == "PK");
    auto entries = unzip(bytes);
    REQUIRE(entries.count("xl/workbook.xml"));
    REQUIRE(entries.count("xl/worksheets/sheet1.xml"));
    CHECK_FALSE(entries.count("xl/worksheets/sheet2.xml"));  // the csv-only table has no sheet

    pugi::xml_document workbook;
    REQUIRE(workbook.load_string(entries["xl/workbook.xml"].c_str()));
    CHECK(std::string(workbook.select_node("//sheet").node().attribute("name").value()) == "Domains_ themes_subthemes");

    pugi::xml_document sheet;
    REQUIRE(sheet.load_string(entries["xl/worksheets/sheet1.xml"].c_str()));
    auto pane = sheet.select_node("//pane").node();
    CHECK(std::string(pane.attribute("state").value()) == "frozen");
    // Row 1 holds the table's full name, row 2 the header: panes freeze below it.
    CHECK(std::string(pane.attribute("topLeftCell").value()) == "B3");
    // Column D (the GUIDs) and row 5 (the third body row) are hidden.
    bool hidden_column = false;
    for (auto col : sheet.select_nodes("//col"))
        if (std::string(col.node().attribute("min").value()) == "4") hidden_column = col.node().attribute("hidden").as_bool();
    CHECK(hidden_column);
    CHECK(sheet.select_node("//row[@r='5']").node().attribute("hidden").as_bool());

    // Inline strings: no shared-string table to hold in memory and deflate at the end.
    CHECK_FALSE(entries.count("xl/sharedStrings.xml"));
    std::string all;
    for (auto t : sheet.select_nodes("//c[@t='inlineStr']/is//t")) all += std::string(t.node().child_value()) + "\n";
    CHECK(all.find("Theme_1 *a* | 100% $x$ {y} #z ~ ^ \\\n") != std::string::npos);
    CHECK(all.find("Zoë’s “sub” 🙂 <i>\n") != std::string::npos);
    CHECK(all.find("Applicable to 2 participants (1 + 1)") != std::string::npos);
    CHECK(all.find("Unit: case; 3 participants") != std::string::npos);

    pugi::xml_document styles;
    REQUIRE(styles.load_string(entries["xl/styles.xml"].c_str()));
    CHECK(styles.select_node("//alignment[@indent='2']"));
    CHECK(styles.select_node("//protection[@locked='0']"));  // the editable cell
    CHECK(styles.select_node("//b"));
}

TEST_CASE("The xlsx exporter zips its workbook with refi::ZipWriter and libdeflate, every part a package needs",
          "[exporters][xlsx]") {
    Result r = small_result();
    std::string bytes = render("xlsx", r);
    auto entries = unzip(bytes);
    // The package: content types first (what tools that sniff a zip look for), the relationships, the workbook,
    // its theme, styles and sheet, the document properties; nothing else.
    std::vector<std::string> names;
    for (const auto& [name, content] : entries) names.push_back(name);
    CHECK(names == std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml",
                                            "docProps/core.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                            "xl/theme/theme1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"});
    CHECK(bytes.compare(30, 19, "[Content_Types].xml") == 0);  // the first local header's name
    // Every part is well-formed XML, and every part the content types or relationships name is there.
    for (const auto& [name, content] : entries) {
        INFO(name);
        pugi::xml_document doc;
        CHECK(doc.load_string(content.c_str()));
    }
    for (const char* target : {"/xl/workbook.xml", "/xl/styles.xml", "/xl/theme/theme1.xml", "/xl/worksheets/sheet1.xml",
                               "/docProps/core.xml", "/docProps/app.xml"})
        CHECK(entries["[Content_Types].xml"].find(std::string("PartName=\"") + target + "\"") != std::string::npos);
    // The parts are libdeflate's level 1 bytes (small parts; large ones are ISA-L's, tested with ZipWriter).
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    REQUIRE(src);
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
    REQUIRE(za);
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(libdeflate_alloc_compressor(1),
                                                                                  libdeflate_free_compressor);
    std::size_t checked = 0;
    for (const auto& [name, content] : entries) {
        INFO(name);
        zip_stat_t st;
        REQUIRE(zip_stat(za, name.c_str(), 0, &st) == 0);
        std::string expected(libdeflate_deflate_compress_bound(c.get(), content.size()), '\0');
        expected.resize(libdeflate_deflate_compress(c.get(), content.data(), content.size(), expected.data(),
                                                    expected.size()));
        if (st.comp_method != ZIP_CM_DEFLATE) continue;  // stored: deflating would not have made it smaller
        zip_file_t* f = zip_fopen(za, name.c_str(), ZIP_FL_COMPRESSED);
        REQUIRE(f);
        std::string raw(st.comp_size, '\0');
        REQUIRE(zip_fread(f, raw.data(), raw.size()) == static_cast<zip_int64_t>(raw.size()));
        zip_fclose(f);
        CHECK(raw == expected);
        ++checked;
    }
    CHECK(checked >= entries.size() - 1);
    zip_close(za);
    // The same result gives the same bytes (fixed dates, no time stamps from the clock).
    CHECK(render("xlsx", r) == bytes);
}

TEST_CASE("The xlsx exporter marks a cell cut to Excel's 32,767 characters", "[exporters][xlsx]") {
    Result r = small_result();
    r.tables[0].rows[0][0].text = std::string(40000, 'x') + "END";
    auto entries = unzip(render("xlsx", r));
    std::string all;
    for (const auto& [name, content] : entries) all += content;
    CHECK(all.find("cut here: an Excel cell holds 32,767 characters") != std::string::npos);
    CHECK(all.find("xEND") == std::string::npos);
    CHECK(all.find(std::string(30000, 'x')) != std::string::npos);
}

namespace {

/// A paper table: a long theme name on the sheet, a wrapped excerpt of several lines, N (%) cells.
Result paper_table(bool heat) {
    Result r;
    r.heat = heat;
    Table t;
    t.name = "Process 1: Fighting ambivalence and committing to taking action (the full name, over 31 characters)";
    t.header = {{text("Code"), text("Total (N=12)")}, {text(""), text("N (%)")}};
    Cell excerpt = text("[SU4 1–20] first line\n\n[SU4 30–90, second coder] " + std::string(300, 'w') + " end");
    excerpt.wrap = true;
    t.rows.push_back({text("Theme", true), count_cell(7, 12, 0)});
    t.rows.push_back({excerpt, count_cell(5, 8, 1)});
    r.tables.push_back(t);
    return r;
}

}  // namespace

TEST_CASE("The xlsx exporter sets row heights, page setup, a title row and numeric N (%) cells", "[exporters][xlsx]") {
    auto entries = unzip(render("xlsx", paper_table(false)));
    pugi::xml_document sheet;
    REQUIRE(sheet.load_string(entries["xl/worksheets/sheet1.xml"].c_str()));
    auto string_at = [&](const char* ref) {
        auto c = sheet.select_node(("//c[@r='" + std::string(ref) + "']").c_str()).node();
        REQUIRE(std::string(c.attribute("t").value()) == "inlineStr");
        return std::string(c.child("is").child("t").child_value());
    };
    // Row 1: the full table name (the sheet name is cut to 31 characters).
    CHECK(string_at("A1") == paper_table(false).tables[0].name);
    // The wrapped excerpt (row 5) gets a custom height of several lines; header rows wrap too.
    auto row5 = sheet.select_node("//row[@r='5']").node();
    CHECK(row5.attribute("customHeight").as_bool());
    CHECK(row5.attribute("ht").as_double() >= 5 * 15.0);
    // N (%) cells are numbers (the percentage) under a format showing "7 (58)".
    auto b4 = sheet.select_node("//c[@r='B4']").node();
    CHECK(std::string(b4.attribute("t").value()).empty());
    CHECK(b4.child("v").text().as_double() == 58.0);
    CHECK(sheet.select_node("//c[@r='B5']").node().child("v").text().as_double() == 62.5);
    pugi::xml_document styles;
    REQUIRE(styles.load_string(entries["xl/styles.xml"].c_str()));
    CHECK(styles.select_node("//numFmt[@formatCode='\"7 (\"0\")\"']"));
    CHECK(styles.select_node("//numFmt[@formatCode='\"5 (\"0.0\")\"']"));
    // Landscape, fit to one page wide, header rows (2 and 3) repeated on every printed page.
    CHECK(std::string(sheet.select_node("//pageSetup").node().attribute("orientation").value()) == "landscape");
    CHECK(sheet.select_node("//pageSetup").node().attribute("fitToHeight").as_int() == 0);
    CHECK(sheet.select_node("//sheetPr/pageSetUpPr").node().attribute("fitToPage").as_bool());
    pugi::xml_document workbook;
    REQUIRE(workbook.load_string(entries["xl/workbook.xml"].c_str()));
    std::string titles = workbook.select_node("//definedName[@name='_xlnm.Print_Titles']").node().child_value();
    CHECK(titles.find("$2:$3") != std::string::npos);
    // No heat shading unless asked for.
    CHECK_FALSE(sheet.select_node("//conditionalFormatting"));
}

TEST_CASE("The xlsx exporter shades N (%) cells by percentage with --heat", "[exporters][xlsx]") {
    auto entries = unzip(render("xlsx", paper_table(true)));
    pugi::xml_document sheet;
    REQUIRE(sheet.load_string(entries["xl/worksheets/sheet1.xml"].c_str()));
    auto rule = sheet.select_node("//conditionalFormatting[@sqref='B4:B5']/cfRule").node();
    REQUIRE(rule);
    CHECK(std::string(rule.attribute("type").value()) == "colorScale");
}

TEST_CASE("xlsx sheet names are valid and unique", "[exporters][xlsx]") {
    auto names = xlsx_sheet_names({"a/b:c", "A/B:C", "", "x", std::string(40, 'n'), std::string(40, 'n'), "'quoted'",
                                   "History"});
    CHECK(names[0] == "a_b_c");
    CHECK(names[1] == "A_B_C (2)");
    CHECK(names[2] == "Sheet");
    CHECK(names[4] == std::string(31, 'n'));
    CHECK(names[5] == std::string(27, 'n') + " (2)");
    CHECK(names[6] == "quoted");
    CHECK(names[7] == "History_");
}

TEST_CASE("Footnote markers run a to z then aa", "[exporters]") {
    CHECK(footnote_marker(0) == "a");
    CHECK(footnote_marker(25) == "z");
    CHECK(footnote_marker(26) == "aa");
}

TEST_CASE("An SVG figure whose names hold markup and control characters is well-formed XML", "[exporters][svg]") {
    // Names come from the project, where a C0 control can arrive as a character reference (&#1;): escaped as
    // html escapes (U+FFFD), never written raw.
    Result r;
    framer::Figure f;
    f.title = "Saturation <of> \"codes\" & 'themes'\x01";
    f.x_label = "interview\x1F";
    f.y_label = "codes";
    f.categories = {"P1 & P2", "P<3>\x02"};
    f.series = {{"new \x07codes", framer::Series::Style::Line, {1, 2}}};
    f.marks = {{"mark\x0B", 0, 1}};
    r.figures.push_back(f);
    std::ostringstream out;
    builtin_registry().exporter("svg")->write(r, out);
    const std::string svg = out.str();
    pugi::xml_document doc;
    const auto parsed = doc.load_string(svg.c_str());
    INFO(parsed.description());
    REQUIRE(parsed);
    for (char c : svg) CHECK_FALSE((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r'));
    CHECK(svg.find("Saturation &lt;of&gt; &quot;codes&quot; &amp; &#39;themes&#39;\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("The xlsx exporter refuses a table wider than a sheet with an error naming it and the way out",
          "[exporters][xlsx][errors]") {
    Result r;
    Table t;
    t.name = "Too wide";
    t.header.push_back({});
    for (int c = 0; c < 16385; ++c) t.header.back().push_back(text("c" + std::to_string(c)));
    r.tables.push_back(t);
    try {
        render("xlsx", r);
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK(what.find("Too wide") != std::string::npos);
        CHECK(what.find("16385 columns") != std::string::npos);
        CHECK(what.find("csv or json") != std::string::npos);
    }
}

TEST_CASE("The xlsx exporter writes numeric cells as numbers, and one too large for a number as text",
          "[exporters][xlsx]") {
    Result r;
    Table t;
    t.name = "Numbers";
    Cell n = text("12.5"), huge = text("1e999");
    n.numeric = huge.numeric = true;
    t.rows.push_back({n, huge});
    r.tables.push_back(t);
    auto entries = unzip(render("xlsx", r));
    pugi::xml_document sheet;
    REQUIRE(sheet.load_string(entries["xl/worksheets/sheet1.xml"].c_str()));
    CHECK(sheet.select_node("//c[@r='A2']/v").node().text().as_double() == 12.5);
    auto b2 = sheet.select_node("//c[@r='B2']").node();
    CHECK(std::string(b2.attribute("t").value()) == "inlineStr");
    CHECK(std::string(b2.child("is").child("t").child_value()) == "1e999");
}

// The xlsx writer's pieces (plugins/export_xlsx/xlsx_*.cpp): escaping, references, rows and cells, styles. The
// workbooks as a whole are checked by the exporter tests, the golden files and LibreOffice Calc.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "export_xlsx/xlsx_package.hpp"
#include "export_xlsx/xlsx_sheet.hpp"
#include "export_xlsx/xlsx_styles.hpp"
#include "export_xlsx/xlsx_xml.hpp"
#include "support/zip_entries.hpp"

using namespace framer::xlsx;

namespace {

std::string text_of(std::string_view s) {
    std::string out;
    append_text(out, s);
    return out;
}

std::string joined(const SheetPart& p) {
    std::string out;
    for (auto piece : p.pieces()) out.append(piece.data(), piece.size());
    return out;
}

/// The finished part as one string.
std::string part(SheetWriter& ws) { return joined(ws.finish()); }

}  // namespace

TEST_CASE("xlsx text is escaped for XML, and Excel's own _xHHHH_ escape is kept as typed", "[xlsx][writer]") {
    CHECK(text_of("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d \"e\" 'f'");
    // Excel decodes _x0041_ as "A": written _x005F_x0041_, it shows as typed.
    CHECK(text_of("_x0041_") == "_x005F_x0041_");
    CHECK(text_of("see _x00e9_ and _x12_ and _xZZZZ_ and _x0041") == "see _x005F_x00e9_ and _x12_ and _xZZZZ_ and _x0041");
    CHECK(text_of("snake_case_name") == "snake_case_name");
    // Long text, with the specials past the first 16 bytes and at the very end.
    const std::string long_text = std::string(40, 'x') + "&" + std::string(20, 'y') + "<_x1234_>";
    CHECK(text_of(long_text) == std::string(40, 'x') + "&amp;" + std::string(20, 'y') + "&lt;_x005F_x1234_&gt;");
    CHECK(attribute("a\"b&c<d>") == "a&quot;b&amp;c&lt;d&gt;");
    CHECK(needs_preserve(" lead"));
    CHECK(needs_preserve("trail\n"));
    CHECK_FALSE(needs_preserve("in side"));
    CHECK_FALSE(needs_preserve(""));
}

TEST_CASE("xlsx cell references and numbers are written as Excel writes them", "[xlsx][writer]") {
    CHECK(column_name(0) == "A");
    CHECK(column_name(25) == "Z");
    CHECK(column_name(26) == "AA");
    CHECK(column_name(701) == "ZZ");
    CHECK(column_name(702) == "AAA");
    CHECK(column_name(16383) == "XFD");  // Excel's last column
    CHECK(cell_name(0, 0) == "A1");
    CHECK(cell_name(1048575, 16383) == "XFD1048576");
    CHECK(range_name(2, 1, 2, 1) == "B3");
    CHECK(range_name(3, 1, 37, 1) == "B4:B38");
    CHECK(number_text(58) == "58");
    CHECK(number_text(62.5) == "62.5");
    CHECK(number_text(0.1) == "0.1");
    CHECK(number_text(1e20) == "1E+20");
    CHECK(number_text(18.7109375) == "18.7109375");
}

TEST_CASE("A sheet's rows and cells: in order, blank cells only with a style, rows kept when begun", "[xlsx][writer]") {
    SheetWriter ws;
    ws.begin_row(0, 18, false);
    ws.string(0, 0, "Title & more", 1);
    ws.begin_row(1, 0, true);  // hidden, no cells: still written
    ws.string(3, 1, " spaced ", 0);
    ws.blank(3, 2, 0);         // default style: no cell
    ws.blank(3, 3, 6);
    ws.number(3, 4, 62.5, 7);
    ws.rich_string(3, 5, {Run{"Theme", true, RunFont::bold}, Run{"a", true, RunFont::superscript}}, 4);
    ws.rich_string(5, 0, {Run{"a", true, RunFont::superscript}, Run{" note", false, {}}}, 0);
    ws.set_column(0, 18, false);
    ws.set_column(1, 40, true);
    ws.freeze(3, 1);
    ws.select();
    const std::string xml = part(ws);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    INFO(xml);
    CHECK(xml.find("<row r=\"1\" ht=\"18\" customHeight=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>Title &amp; more</t></is></c></row>") != std::string::npos);
    CHECK(xml.find("<row r=\"2\" hidden=\"1\"/>") != std::string::npos);
    CHECK(xml.find("<c r=\"B4\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> spaced </t></is></c>") != std::string::npos);
    CHECK(xml.find("C4") == std::string::npos);
    CHECK(xml.find("<c r=\"D4\" s=\"6\"/><c r=\"E4\" s=\"7\"><v>62.5</v></c>") != std::string::npos);
    // The first run may go without a font (the cell's); a later run gets the default font, not the previous one's.
    auto runs = doc.select_nodes("//c[@r='A6']/is/r");
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].node().child("rPr").child("vertAlign"));
    CHECK(runs[1].node().child("rPr"));
    CHECK_FALSE(runs[1].node().child("rPr").child("vertAlign"));
    CHECK(std::string(doc.select_node("//dimension").node().attribute("ref").value()) == "A1:F6");
    CHECK(std::string(doc.select_node("//pane").node().attribute("topLeftCell").value()) == "B4");
    CHECK(doc.select_node("//sheetView").node().attribute("tabSelected").as_bool());
    CHECK(std::string(doc.select_node("//col[@min='1']").node().attribute("width").value()) == "18.7109375");
    CHECK(doc.select_node("//col[@min='2']").node().attribute("hidden").as_bool());
    // The part's elements come in the order the schema requires.
    std::string order;
    for (auto child : doc.child("worksheet").children()) order += std::string(child.name()) + " ";
    CHECK(order == "dimension sheetViews sheetFormatPr cols sheetData pageMargins ");
}

TEST_CASE("A column's style stands for its blank cells of that style: a default-style blank there is written",
          "[xlsx][writer]") {
    SheetWriter ws;
    ws.set_column(0, 18, false);
    ws.set_column(2, 40, true);
    ws.set_column_style(2, 3);
    ws.set_column_style(4, 5);  // a style and no width: the default width (8.43 characters, stored as Excel does)
    CHECK(ws.column_style(2) == 3);
    CHECK(ws.column_style(1) == 0);
    CHECK(ws.column_style(99) == 0);
    CHECK_THROWS_AS(ws.set_column_style(2, 4), std::logic_error);
    ws.blank(0, 2, 3);  // the column's style: no cell
    ws.blank(0, 4, 6);  // another style: written
    ws.blank(1, 2, 0);  // the default style in a styled column: written, so it does not take the column's
    ws.blank(1, 1, 0);  // the default style in a plain column: no cell
    ws.string(2, 2, "text", 3);  // a cell with text is always written
    const std::string xml = part(ws);
    INFO(xml);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    CHECK(xml.find("<cols><col min=\"1\" max=\"1\" width=\"18.7109375\" customWidth=\"1\"/>"
                   "<col min=\"3\" max=\"3\" width=\"40.7109375\" style=\"3\" hidden=\"1\" customWidth=\"1\"/>"
                   "<col min=\"5\" max=\"5\" width=\"9.140625\" style=\"5\"/></cols>") != std::string::npos);
    CHECK_FALSE(doc.select_node("//c[@r='C1']"));
    CHECK(std::string(doc.select_node("//c[@r='E1']").node().attribute("s").value()) == "6");
    auto c2 = doc.select_node("//c[@r='C2']").node();
    REQUIRE(c2);
    CHECK_FALSE(c2.attribute("s"));
    CHECK_FALSE(doc.select_node("//c[@r='B2']"));
    CHECK(doc.select_node("//c[@r='C3']/is/t"));
}

TEST_CASE("Only a style that shows nothing on an empty cell may stand for a column's blank cells", "[xlsx][writer]") {
    StyleSheet styles;
    CellStyle wrapped;
    wrapped.top = true;
    wrapped.wrap = true;
    CellStyle right;
    right.right = true;
    CellStyle filled = wrapped;
    filled.fill = 0xFFF2CC;
    filled.unlocked = true;
    CellStyle header = wrapped;
    header.bottom_border = true;
    CellStyle bold;
    bold.bold = true;
    CellStyle large;
    large.font_size = 13;
    CellStyle counted;
    counted.number_format = "0.0";
    CHECK(styles.blank_looks_unwritten(styles.index(wrapped)));
    CHECK(styles.blank_looks_unwritten(styles.index(right)));
    CHECK_FALSE(styles.blank_looks_unwritten(styles.index(filled)));
    CHECK_FALSE(styles.blank_looks_unwritten(styles.index(header)));
    CHECK_FALSE(styles.blank_looks_unwritten(styles.index(bold)));
    CHECK_FALSE(styles.blank_looks_unwritten(styles.index(large)));
    CHECK_FALSE(styles.blank_looks_unwritten(styles.index(counted)));
    CHECK_FALSE(styles.blank_looks_unwritten(0));   // the default style needs no column style
    CHECK_FALSE(styles.blank_looks_unwritten(99));  // no such style
}

TEST_CASE("A sheet refuses rows out of order instead of writing a part Excel rejects", "[xlsx][writer][errors]") {
    SheetWriter ws;
    ws.string(4, 0, "x", 0);
    CHECK_THROWS_AS(ws.string(3, 0, "y", 0), std::logic_error);
    CHECK_THROWS_AS(ws.begin_row(4, 0, false), std::logic_error);
    // An empty sheet is a valid part.
    SheetWriter empty;
    const std::string xml = part(empty);
    CHECK(xml.find("<dimension ref=\"A1\"/>") != std::string::npos);
    CHECK(xml.find("<sheetData/>") != std::string::npos);
}

TEST_CASE("A sheet's rows buffer is handed on: the next sheet starts empty in the same memory", "[xlsx][writer]") {
    SheetWriter ws;
    for (std::uint32_t r = 0; r < 1000; ++r) ws.blank(r, 0, 3);
    SheetPart first = ws.finish();
    CHECK(joined(first).find("<c r=\"A1000\" s=\"3\"/>") != std::string::npos);
    const char* memory = first.rows.view().data();
    SheetWriter next(std::move(first.rows));
    next.blank(0, 0, 3);
    SheetPart second = next.finish();
    CHECK(second.rows.view().data() == memory);
    const std::string text = joined(second);
    CHECK(text.find("A2\"") == std::string::npos);
    CHECK(text.find("<sheetData><row r=\"1\"><c r=\"A1\" s=\"3\"/></row></sheetData>") != std::string::npos);
}

TEST_CASE("Styles are numbered by first use and share fonts, fills, borders and number formats", "[xlsx][writer]") {
    StyleSheet styles;
    CellStyle header;
    header.bold = true;
    header.bottom_border = true;
    header.fill = 0xF2F2F2;
    header.top = true;
    header.wrap = true;
    CellStyle editable;
    editable.unlocked = true;
    editable.fill = 0xFFF2CC;
    editable.top = true;
    CellStyle count;
    count.number_format = "\"7 (\"0\")\"";
    count.right = true;
    CellStyle indented;
    indented.indent = 2;
    CHECK(styles.index(header) == 1);
    CHECK(styles.index(editable) == 2);
    CHECK(styles.index(header) == 1);
    CHECK(styles.index(count) == 3);
    CHECK(styles.index(indented) == 4);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(styles.xml().c_str()));
    auto xfs = doc.select_nodes("//cellXfs/xf");
    REQUIRE(xfs.size() == 5);  // the default and four
    CHECK(std::string(doc.select_node("//cellXfs").node().attribute("count").value()) == "5");
    CHECK(xfs[1].node().attribute("fontId").as_int() == 1);  // bold
    CHECK(xfs[1].node().attribute("borderId").as_int() == 1);
    CHECK(xfs[2].node().child("protection").attribute("locked").as_int() == 0);
    CHECK(xfs[2].node().attribute("fillId").as_int() == 3);
    CHECK(xfs[3].node().attribute("numFmtId").as_int() == 164);
    CHECK(std::string(doc.select_node("//numFmt").node().attribute("formatCode").value()) == "\"7 (\"0\")\"");
    // An indent takes a horizontal alignment: Excel gives it "left".
    CHECK(std::string(xfs[4].node().child("alignment").attribute("horizontal").value()) == "left");
    CHECK(doc.select_nodes("//fills/fill").size() == 4);  // none, gray125 and the two colours
}

TEST_CASE("A workbook of many sheets, deflated on a second thread, has every sheet in order", "[xlsx][writer]") {
    const auto dir = std::filesystem::temp_directory_path() / ("framer-xlsx-package-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "many.xlsx";
    std::vector<std::string> names;
    std::vector<std::string> expected;
    for (int i = 0; i < 7; ++i) names.push_back("Sheet " + std::to_string(i));
    {
        Package package(path, names, "Many", "framer");
        StyleSheet styles;
        const int style = styles.index(CellStyle{});
        for (std::uint32_t i = 0; i < names.size(); ++i) {
            SheetWriter ws(package.rows_buffer());
            // Sheets of different sizes (one over 1 MiB: ISA-L's stream), each naming itself in every row.
            const std::uint32_t rows = i == 3 ? 40000 : 10 + i;
            for (std::uint32_t r = 0; r < rows; ++r) ws.string(r, 0, "sheet " + std::to_string(i), style);
            SheetPart part = ws.finish();
            expected.push_back(joined(part));
            package.add_sheet(std::move(part), {});
        }
        package.close(styles);
    }
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto entries = framer::test::zip_entries(bytes);
    std::map<std::string, std::string> by_name;
    for (auto& [name, content] : entries) by_name[name] = content;
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(i);
        CHECK(by_name["xl/worksheets/sheet" + std::to_string(i + 1) + ".xml"] == expected[i]);
    }
    CHECK(expected[3].size() > (1u << 20));
    std::filesystem::remove_all(dir);
}

TEST_CASE("A workbook that cannot be created is an error naming the file", "[xlsx][writer][errors]") {
    const std::filesystem::path path = "/nonexistent-folder-for-framer/out.xlsx";
    try {
        Package package(path, {"Sheet1"}, "", "framer");
        FAIL("no error");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()).find("out.xlsx") != std::string::npos);
    }
}

TEST_CASE("Cells past Excel's last row or column are refused, not written into a sheet Excel rejects",
          "[xlsx][writer][errors]") {
    SheetWriter ws;
    CHECK_NOTHROW(ws.string(max_rows - 1, max_columns - 1, "last", 0));
    CHECK_THROWS_AS(ws.string(max_rows, 0, "past", 0), std::runtime_error);
    SheetWriter other;
    CHECK_THROWS_AS(other.blank(0, max_columns, 3), std::runtime_error);
    CHECK_THROWS_AS(other.set_column(max_columns, 8, false), std::runtime_error);
}

TEST_CASE("Excel's _xHHHH_ escape is written only where Excel decodes it", "[xlsx][writer]") {
    // Sheet names are escaped strings, like cell text; a formula and the document properties are not.
    CHECK(xstring_attribute("A_x0041_ & \"b\"") == "A_x005F_x0041_ &amp; &quot;b&quot;");
    std::string plain;
    append_plain_text(plain, "'_x0041_'!$A:$A & <b>");
    CHECK(plain == "'_x0041_'!$A:$A &amp; &lt;b&gt;");
}

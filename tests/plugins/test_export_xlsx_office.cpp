// The xlsx exporter in the real program: LibreOffice Calc opens every workbook (Table 2 and Table 1 of the seed
// paper, the 63-participant chart, a per-unit chart, agreement, saturation) and prints it to PDF; pdftotext must find every
// sheet's table name, every row label and the first words of every excerpt (an excerpt below a row's first
// line is only printed when the row is tall enough). The workbooks themselves must give every row with
// several lines of wrapped text a height. Skipped with a message when soffice or pdftotext is absent.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/table_util.hpp"
#include "support/files.hpp"
#include "support/rendered_text.hpp"
#include "support/zip_dump.hpp"

namespace fs = std::filesystem;
using framer::Options;
using framer::Result;

namespace {

struct Case {
    std::string name, sample, analysis;
    Options options;
};

std::vector<Case> cases() {
    Options table2, table1, chart, per_unit, agreement, saturation;
    table2.set("by", "Role");
    table2.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    table2.add("applies", "Practicing relating to others in group=Group therapy:Yes");
    table1.set("by", "Role");
    chart.add("show", "Role");
    per_unit.set("per-unit", "1");
    agreement.set("coders", "Marta Núñez,Daniel Okoro");
    saturation.set("by", "Role");
    return {{"table2", "seed-table2.qdpx", "tabulate", table2},
            {"table1", "seed-table2.qdpx", "describe", table1},
            {"chart", "seed-table2.qdpx", "chart", chart},
            {"per-unit", "recovery-study.qdpx", "chart", per_unit},
            {"agreement", "recovery-study.qdpx", "agreement", agreement},
            {"saturation", "seed-table2.qdpx", "saturation", saturation}};
}

/// The worksheets of an xlsx by part name ("xl/worksheets/sheet1.xml"), from the golden-file dump.
std::map<std::string, std::string> worksheets(const std::string& xlsx) {
    const std::string dump = framer::test::zip_dump(xlsx);
    std::map<std::string, std::string> out;
    std::size_t at = 0;
    while ((at = dump.find("=== ", at)) != std::string::npos) {
        const std::size_t name_end = dump.find('\n', at);
        const std::string name = dump.substr(at + 4, name_end - at - 4);
        std::size_t next = dump.find("\n=== ", name_end);
        if (next == std::string::npos) next = dump.size();
        if (name.rfind("xl/worksheets/sheet", 0) == 0) out[name] = dump.substr(name_end + 1, next - name_end - 1);
        at = next;
    }
    return out;
}

std::size_t lines_of(const std::string& text) { return 1 + std::count(text.begin(), text.end(), '\n'); }

}  // namespace

TEST_CASE("Every xlsx row with lines of wrapped text has a height that shows them", "[exporters][xlsx]") {
    const auto& registry = framer::builtin_registry();
    std::size_t checked = 0;
    for (const auto& c : cases()) {
        if (!fs::exists(framer::test::sample_path(c.sample))) continue;
        INFO(c.name);
        // The project outlives the result: a chart streams its rows from it when they are written.
        const auto project = framer::test::read_sample(c.sample);
        Result result = registry.analysis(c.analysis)->run(project, c.options);
        std::ostringstream out;
        registry.exporter("xlsx")->write(result, out);
        auto sheets = worksheets(out.str());
        auto tables = framer::document_tables(result);
        REQUIRE(sheets.size() == tables.size());
        for (std::size_t t = 0; t < tables.size(); ++t) {
            const framer::Table& table = *tables[t];
            pugi::xml_document doc;
            REQUIRE(doc.load_string(sheets.at("xl/worksheets/sheet" + std::to_string(t + 1) + ".xml").c_str()));
            std::map<long, pugi::xml_node> rows;
            for (auto row : doc.select_nodes("//*[local-name()='row']"))
                rows[row.node().attribute("r").as_int()] = row.node();
            // Row 1 holds the table's name, then the header rows, then the body in order.
            const long first_body = 2 + static_cast<long>(table.header.size());
            const auto body = framer::test::body_rows(table);  // streamed rows included
            for (std::size_t r = 0; r < body.size(); ++r) {
                if (framer::row_hidden(table, r)) continue;
                std::size_t lines = 1;
                for (std::size_t col : framer::visible_columns(table)) {
                    const framer::Cell& cell = framer::cell_at(body[r], col);
                    if (cell.wrap) lines = std::max(lines, lines_of(cell.text));
                }
                if (lines < 2) continue;
                INFO("table " << table.name << ", row " << r << ": " << lines << " lines");
                auto row = rows[first_body + static_cast<long>(r)];
                REQUIRE(row);
                CHECK(row.attribute("customHeight").as_bool());
                CHECK(row.attribute("ht").as_double() >= 12.0 * static_cast<double>(lines));
                ++checked;
            }
        }
    }
    CHECK(checked > 20);
}

TEST_CASE("LibreOffice Calc opens every xlsx and prints every row label and excerpt", "[exporters][xlsx][office]") {
    if (!framer::test::have_program("soffice") || !framer::test::have_program("pdftotext")) {
        WARN("soffice or pdftotext not installed; the xlsx check in LibreOffice Calc is skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("framer-xlsx-office-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto& registry = framer::builtin_registry();
    std::vector<std::pair<std::string, std::vector<std::string>>> expected;
    std::string inputs;
    for (const auto& c : cases()) {
        if (!fs::exists(framer::test::sample_path(c.sample))) continue;
        // The project outlives the result: a chart streams its rows from it when they are written.
        const auto project = framer::test::read_sample(c.sample);
        Result result = registry.analysis(c.analysis)->run(project, c.options);
        std::ofstream out(dir / (c.name + ".xlsx"), std::ios::binary);
        registry.exporter("xlsx")->write(result, out);
        out.close();
        auto tables = framer::document_tables(result);
        std::vector<std::string> wanted = framer::test::row_labels(tables);
        for (auto& start : framer::test::excerpt_starts(tables, 6)) wanted.push_back(start);
        expected.emplace_back(c.name, std::move(wanted));
        inputs += " \"" + (dir / (c.name + ".xlsx")).string() + "\"";
    }
    REQUIRE(expected.size() >= 3);
    // One soffice run converts every workbook; a private profile, so a user's running LibreOffice (or the docx
    // test's) does not take the conversion.
    std::string command = "cd \"" + dir.string() + "\" && timeout 300 soffice -env:UserInstallation=file://" +
                          (dir / "profile").string() + " --headless --convert-to pdf --outdir \"" + dir.string() +
                          "\"" + inputs + " > soffice.log 2>&1";
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    for (const auto& [name, wanted] : expected) {
        INFO(name);
        const fs::path pdf = dir / (name + ".pdf");
        REQUIRE(fs::exists(pdf));
        const fs::path txt = dir / (name + ".txt");
        // -raw: the text in the order Calc draws it, cell by cell; the default reading order interleaves the
        // lines of a wrapped label with the excerpt beside it.
        REQUIRE(std::system(("pdftotext -raw \"" + pdf.string() + "\" \"" + txt.string() + "\"").c_str()) == 0);
        const std::string text = framer::test::squeeze(framer::test::read_file(txt));
        REQUIRE(wanted.size() > 5);
        for (const auto& want : wanted) {
            INFO(want);
            CHECK(text.find(framer::test::squeeze(want)) != std::string::npos);
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("LibreOffice Calc reads xlsx cells as typed: markup, Excel's _xHHHH_ escape, spaces, footnote marks",
          "[exporters][xlsx][office]") {
    if (!framer::test::have_program("soffice")) {
        WARN("soffice not installed; the xlsx cell check in LibreOffice Calc is skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("framer-xlsx-cells-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    Result result;
    framer::Table table;
    table.name = "Cells";
    auto cell = [](std::string text) {
        framer::Cell c;
        c.text = std::move(text);
        return c;
    };
    table.header = {{cell("Code"), cell("Value")}};
    framer::Cell marked = cell("Employment");
    marked.footnotes = {0};
    table.rows = {{cell("_x0041_ and _x00e9_"), cell("a & b < c > d")},
                  {cell("  two leading spaces"), cell("Zoë’s “quote” 🙂")},
                  {marked, cell("12 (50)")}};
    table.footnotes = {"only those with a value"};
    result.tables.push_back(table);
    {
        std::ofstream out(dir / "cells.xlsx", std::ios::binary);
        framer::builtin_registry().exporter("xlsx")->write(result, out);
    }
    // 44,34,76: comma-separated, double quotes, UTF-8.
    const std::string command = "cd \"" + dir.string() + "\" && timeout 120 soffice -env:UserInstallation=file://" +
                                (dir / "profile").string() +
                                " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir \"" +
                                dir.string() + "\" cells.xlsx > soffice.log 2>&1";
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    const std::string csv = framer::test::read_file(dir / "cells.csv");
    INFO(csv);
    CHECK(csv.find("_x0041_ and _x00e9_,a & b < c > d") != std::string::npos);
    CHECK(csv.find("  two leading spaces,Zoë’s “quote” 🙂") != std::string::npos);
    CHECK(csv.find("Employmenta,12 (50)") != std::string::npos);  // the footnote mark is a superscript run
    CHECK(csv.find("a only those with a value") != std::string::npos);
    fs::remove_all(dir);
}

namespace {

/// The table:table-cell-properties of LibreOffice's automatic cell style `name` in a .fods.
pugi::xml_node cell_properties(const pugi::xml_document& fods, const std::string& name) {
    for (auto style : fods.select_nodes("//office:automatic-styles/style:style"))
        if (name == style.node().attribute("style:name").value())
            return style.node().child("style:table-cell-properties");
    return {};
}

}  // namespace

TEST_CASE("LibreOffice Calc gives a chart's unwritten blank cells their column's style, and the summary cells "
          "their yellow", "[exporters][xlsx][office]") {
    if (!framer::test::have_program("soffice")) {
        WARN("soffice not installed; the xlsx column style check in LibreOffice Calc is skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("framer-xlsx-columns-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto cell = [](std::string text, bool wrap, bool editable) {
        framer::Cell c;
        c.text = std::move(text);
        c.wrap = wrap;
        c.editable = editable;
        return c;
    };
    Result result;
    framer::Table table;
    table.name = "Chart";
    table.header = {{cell("Case", false, false), cell("Code", true, false), cell("Code: summary", true, true)}};
    table.column_widths = {18, 60, 40};
    table.rows = {{cell("P1", false, false), cell("[P1 1-9] an excerpt", true, false), cell("", true, true)},
                  {cell("P2", false, false), cell("", true, false), cell("", true, true)},
                  {cell("P3", false, false), cell("", true, false), cell("typed", true, true)}};
    result.tables.push_back(table);
    {
        std::ofstream out(dir / "columns.xlsx", std::ios::binary);
        framer::builtin_registry().exporter("xlsx")->write(result, out);
    }
    // The blank excerpt cells are not in the workbook at all: column B's style stands for them.
    const std::string sheet =
        worksheets(framer::test::read_file(dir / "columns.xlsx")).at("xl/worksheets/sheet1.xml");
    INFO(sheet);
    CHECK(sheet.find("r=\"B4\"") == std::string::npos);
    CHECK(sheet.find("r=\"C3\"") != std::string::npos);  // a blank summary cell is written, yellow
    const std::string command = "cd \"" + dir.string() + "\" && timeout 120 soffice -env:UserInstallation=file://" +
                                (dir / "profile").string() + " --headless --convert-to fods --outdir \"" +
                                dir.string() + "\" columns.xlsx > soffice.log 2>&1";
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    pugi::xml_document fods;
    REQUIRE(fods.load_file((dir / "columns.fods").c_str()));
    // Column B (the second table-column, header columns included) wraps at the top, as its written cells do.
    std::vector<pugi::xml_node> columns;
    for (auto c : fods.select_nodes("//table:table[@table:name='Chart']//table:table-column")) columns.push_back(c.node());
    REQUIRE(columns.size() >= 3);
    const std::string b_style = columns[1].attribute("table:default-cell-style-name").value();
    const pugi::xml_node b = cell_properties(fods, b_style);
    REQUIRE(b);
    CHECK(std::string(b.attribute("fo:wrap-option").value()) == "wrap");
    CHECK(std::string(b.attribute("style:vertical-align").value()) == "top");
    CHECK_FALSE(b.attribute("fo:background-color"));
    // Row 4 (P2): its blank B cell takes the column's style; its blank C cell is yellow.
    std::vector<pugi::xml_node> rows;
    for (auto r : fods.select_nodes("//table:table[@table:name='Chart']//table:table-row")) rows.push_back(r.node());
    REQUIRE(rows.size() >= 4);
    std::vector<pugi::xml_node> cells;
    for (auto c : rows[3].children("table:table-cell")) {
        const int repeat = std::max(1, c.attribute("table:number-columns-repeated").as_int());
        for (int k = 0; k < repeat && cells.size() < 3; ++k) cells.push_back(c);
    }
    REQUIRE(cells.size() == 3);
    CHECK(cells[0].child("text:p").text().get() == std::string("P2"));
    const std::string own = cells[1].attribute("table:style-name").value();
    CHECK((own.empty() || own == b_style));
    const pugi::xml_node c = cell_properties(fods, cells[2].attribute("table:style-name").value());
    REQUIRE(c);
    CHECK(std::string(c.attribute("fo:background-color").value()) == "#fff2cc");
    fs::remove_all(dir);
}

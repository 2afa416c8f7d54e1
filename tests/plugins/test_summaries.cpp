// Tests of the summaries write-back: csv and xlsx round trips (edit programmatically, import, chart again,
// import again), exact text, no duplicates, clearing removes, nothing else changes, XSD-valid output, and every
// mismatch reported by row with nothing applied.
#include <catch2/catch.hpp>

#include <pugixml.hpp>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

#include "chart_test_support.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/text.hpp"
#include "summaries/summaries.hpp"
#include "summaries/summary_notes.hpp"
#include "support/files.hpp"
#include "support/xsd.hpp"

using framer::Json;
using framer::Options;
using framer::test::g;
using framer::test::cell_in;
using framer::test::make_chart_project;
using framer::test::run_chart;
namespace fs = std::filesystem;

namespace {

const std::string tricky = "Says <no> & \"never\" 'again'\nsecond line \xF0\x9F\x98\x80 caf\xC3\xA9";

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("framer-summaries-" + refi::make_guid());
        fs::create_directories(path);
    }
    ~TempDir() { std::error_code ec; fs::remove_all(path, ec); }
};

void write_chart(const refi::Project& project, const std::string& format, const fs::path& out, const Options& o = {}) {
    auto result = run_chart(project, o);
    const auto* exporter = framer::builtin_registry().exporter(format);
    REQUIRE(exporter);
    std::ostringstream s;
    exporter->write(result, s);
    framer::test::write_file(out, s.str());
}

// --- csv editing, with a parser and writer of its own (always quoting, LF rows) --------------------------------
using Rows = std::vector<std::vector<std::string>>;
Rows parse_csv(const std::string& text) {
    Rows rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') { rows.back().push_back(field); field.clear(); }
        else if (c == '\r') continue;
        else if (c == '\n') { rows.back().push_back(field); field.clear(); rows.emplace_back(); }
        else field += c;
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}
std::string write_csv(const Rows& rows, char delim = ',') {
    std::string out;
    for (const auto& r : rows) {
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (i) out += delim;
            out += '"';
            for (char c : r[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
            out += '"';
        }
        out += '\n';
    }
    return out;
}
std::size_t col(const Rows& rows, const std::string& name) {
    for (std::size_t i = 0; i < rows[0].size(); ++i)
        if (rows[0][i] == name) return i;
    FAIL("no column " << name);
    return 0;
}
std::vector<std::string>& row_of(Rows& rows, const std::string& unit, const std::string& code) {
    for (auto& r : rows)
        if (r[col(rows, "unit")] == unit && r[col(rows, "code")] == code) return r;
    FAIL("no row " << unit << " x " << code);
    throw;
}

// --- xlsx editing: rewrite one sheet's cell as an inline or a shared string ------------------------------------
std::string read_entry(zip_t* zip, const std::string& name) {
    zip_stat_t st;
    REQUIRE(zip_stat(zip, name.c_str(), 0, &st) == 0);
    std::string bytes(st.size, '\0');
    zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
    REQUIRE(zip_fread(f, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    return bytes;
}
void replace_entry(zip_t* zip, const std::string& name, const std::string& bytes) {
    char* copy = static_cast<char*>(std::malloc(bytes.size()));
    std::memcpy(copy, bytes.data(), bytes.size());
    zip_source_t* src = zip_source_buffer(zip, copy, bytes.size(), 1);
    REQUIRE(zip_file_add(zip, name.c_str(), src, ZIP_FL_OVERWRITE) >= 0);
}
std::string to_string(const pugi::xml_document& doc) {
    std::ostringstream s;
    doc.save(s, "", pugi::format_raw);
    return s.str();
}

/// Sets cell `ref` of `sheet_entry` (e.g. "xl/worksheets/sheet2.xml") to `text` ("" clears it).
void set_xlsx_cell(const fs::path& xlsx, const std::string& sheet_entry, const std::string& ref, const std::string& text,
                   bool shared) {
    int err = 0;
    zip_t* zip = zip_open(xlsx.string().c_str(), 0, &err);
    REQUIRE(zip);
    pugi::xml_document sheet;
    std::string sheet_xml = read_entry(zip, sheet_entry);
    REQUIRE(sheet.load_string(sheet_xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
    std::string row_number = ref.substr(ref.find_first_of("0123456789"));
    auto row = sheet.child("worksheet").child("sheetData").find_child_by_attribute("row", "r", row_number.c_str());
    REQUIRE(row);
    auto cell = row.find_child_by_attribute("c", "r", ref.c_str());
    if (!cell) {
        // Cells must stay in column order; Framer writes every cell of these rows, so append is enough.
        cell = row.append_child("c");
        cell.append_attribute("r") = ref.c_str();
    }
    std::string style = cell.attribute("s").value();
    cell.remove_children();
    for (auto a = cell.first_attribute(); a;) {
        auto next = a.next_attribute();
        if (std::string(a.name()) != "r" && std::string(a.name()) != "s") cell.remove_attribute(a);
        a = next;
    }
    if (!text.empty() && shared) {
        pugi::xml_document sst;
        // Framer writes inline strings; Excel saves a shared-string
        // table: add one as Excel would, with its content type and its relationship from the workbook.
        if (zip_name_locate(zip, "xl/sharedStrings.xml", 0) < 0) {
            pugi::xml_document types, rels;
            std::string types_xml = read_entry(zip, "[Content_Types].xml");
            std::string rels_xml = read_entry(zip, "xl/_rels/workbook.xml.rels");
            REQUIRE(types.load_string(types_xml.c_str()));
            REQUIRE(rels.load_string(rels_xml.c_str()));
            auto o = types.child("Types").append_child("Override");
            o.append_attribute("PartName") = "/xl/sharedStrings.xml";
            o.append_attribute("ContentType") =
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
            auto r = rels.child("Relationships").append_child("Relationship");
            r.append_attribute("Id") = "rIdShared";
            r.append_attribute("Type") =
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
            r.append_attribute("Target") = "sharedStrings.xml";
            replace_entry(zip, "[Content_Types].xml", to_string(types));
            replace_entry(zip, "xl/_rels/workbook.xml.rels", to_string(rels));
            replace_entry(zip, "xl/sharedStrings.xml",
                          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\""
                          "http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"0\" uniqueCount=\"0\"/>");
            REQUIRE(zip_close(zip) == 0);  // written, so that the next read sees the new part
            zip = zip_open(xlsx.string().c_str(), 0, &err);
            REQUIRE(zip);
        }
        std::string sst_xml = read_entry(zip, "xl/sharedStrings.xml");
        REQUIRE(sst.load_string(sst_xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
        auto root = sst.child("sst");
        std::size_t index = 0;
        for (auto si : root.children("si")) { (void)si; ++index; }
        auto t = root.append_child("si").append_child("t");
        t.append_attribute("xml:space") = "preserve";
        t.text() = text.c_str();
        root.attribute("uniqueCount") = static_cast<unsigned>(index + 1);
        replace_entry(zip, "xl/sharedStrings.xml", to_string(sst));
        cell.append_attribute("t") = "s";
        cell.append_child("v").text() = static_cast<unsigned>(index);
    } else if (!text.empty()) {
        cell.append_attribute("t") = "inlineStr";
        auto t = cell.append_child("is").append_child("t");
        t.append_attribute("xml:space") = "preserve";
        t.text() = text.c_str();
    }
    replace_entry(zip, sheet_entry, to_string(sheet));
    REQUIRE(zip_close(zip) == 0);
}

void rename_first_sheet(const fs::path& xlsx, const std::string& new_name) {
    int err = 0;
    zip_t* zip = zip_open(xlsx.string().c_str(), 0, &err);
    REQUIRE(zip);
    pugi::xml_document wb;
    std::string xml = read_entry(zip, "xl/workbook.xml");
    REQUIRE(wb.load_string(xml.c_str()));
    wb.child("workbook").child("sheets").child("sheet").attribute("name") = new_name.c_str();
    replace_entry(zip, "xl/workbook.xml", to_string(wb));
    REQUIRE(zip_close(zip) == 0);
}

std::string summary_in(const refi::Project& project, const std::string& theme, const std::string& unit,
                       const std::string& column) {
    auto result = run_chart(project);
    for (const auto& t : result.json.at("themes").as_array()) {
        if (t.at("code").as_string() != theme) continue;
        const auto& columns = t.at("columns").as_array();
        for (const auto& r : t.at("rows").as_array()) {
            if (r.at("unit").as_string() != unit) continue;
            for (std::size_t c = 0; c < columns.size(); ++c)
                if (columns[c].at("code").as_string() == column) return cell_in(t, r, c).at("summary").as_string();
        }
    }
    FAIL("no cell " << theme << "/" << unit << "/" << column);
    return {};
}

refi::Project import(const refi::Project& project, const fs::path& chart, const std::string& now,
                     framer::SummaryStats* stats = nullptr) {
    refi::Project copy = project;
    auto entries = framer::read_edited_chart(chart, copy);
    framer::SummaryOptions o;
    o.now = now;
    auto s = framer::apply_summaries(copy, entries, o);
    if (stats) *stats = s;
    return copy;
}

void check_xsd(const refi::Project& project) {
    if (auto why = framer::test::xsd_skip_reason()) {
        WARN("XSD validation skipped: " << *why);
        return;
    }
    refi::Diagnostics d;
    auto result = framer::test::validate_project_xml(refi::project_to_xml(project, d));
    INFO(result.output);
    CHECK(result.valid);
}

}  // namespace

TEST_CASE("Summaries round trip through the long csv: add, chart again, re-import, clear", "[summaries]") {
    TempDir dir;
    auto original = make_chart_project();
    write_chart(original, "csv", dir.path / "chart.csv");
    Rows rows = parse_csv(framer::test::read_file(dir.path / "chart.csv"));
    row_of(rows, "P2", "O2")[col(rows, "summary")] = tricky;
    row_of(rows, "P10", "S1x")[col(rows, "summary")] = "Plain one";
    framer::test::write_file(dir.path / "edited.csv", write_csv(rows));

    framer::SummaryStats stats;
    auto first = import(original, dir.path / "edited.csv", "2026-01-02T03:04:05Z", &stats);
    CHECK(stats.added == 2);
    CHECK(first.notes.size() == 2);
    CHECK(summary_in(first, "Other", "P2", "O2") == tricky);
    CHECK(summary_in(first, "S1", "P10", "S1x") == "Plain one");

    // The note: name, exact text, author (a User "Framer" added), dates, NoteRef on the code, two Links.
    const refi::Note* found = refi::ProjectIndex(first).find_note(framer::summary_note_guid(g("case:P2"), g("code:O2")));
    REQUIRE(found);
    const refi::Note& note = *found;
    CHECK(note.name == std::optional<std::string>("Summary: P2 \u00D7 O2"));
    CHECK(note.plain_text_content == std::optional<std::string>(tricky));
    REQUIRE(first.users.size() == 3);
    CHECK(first.users.back().name == std::optional<std::string>("Framer"));
    CHECK(note.authorship.creating_user == first.users.back().guid);
    CHECK(note.authorship.creation_date_time == std::optional<std::string>("2026-01-02T03:04:05Z"));
    CHECK(note.authorship.modified_date_time == std::optional<std::string>("2026-01-02T03:04:05Z"));
    refi::ProjectIndex index(first);
    const refi::Code* o2 = index.find_code(g("code:O2"));
    REQUIRE(o2->note_refs.size() == 1);
    CHECK(refi::same_guid(o2->note_refs[0].target, note.guid));
    std::vector<std::string> targets;
    for (const auto& l : first.links)
        if (l.origin && refi::same_guid(*l.origin, note.guid)) targets.push_back(refi::normalize_guid(*l.target));
    std::sort(targets.begin(), targets.end());
    std::vector<std::string> expected{refi::normalize_guid(g("case:P2")), refi::normalize_guid(g("code:O2"))};
    std::sort(expected.begin(), expected.end());
    CHECK(targets == expected);
    check_xsd(first);

    // Importing the same chart again: no copies, nothing changes (not even dates).
    auto second = import(first, dir.path / "edited.csv", "2027-01-01T00:00:00Z", &stats);
    CHECK(stats.unchanged == 2);
    CHECK(stats.added == 0);
    CHECK(second == first);

    // A chart written from the result shows the summaries; editing one updates it, clearing one removes its note.
    write_chart(second, "csv", dir.path / "chart2.csv");
    Rows rows2 = parse_csv(framer::test::read_file(dir.path / "chart2.csv"));
    CHECK(row_of(rows2, "P2", "O2")[col(rows2, "summary")] == tricky);
    row_of(rows2, "P2", "O2")[col(rows2, "summary")] = "";
    row_of(rows2, "P10", "S1x")[col(rows2, "summary")] = "Plain one, revised";
    framer::test::write_file(dir.path / "edited2.csv", write_csv(rows2, ';'));  // a European spreadsheet's csv
    auto third = import(second, dir.path / "edited2.csv", "2027-01-01T00:00:00Z", &stats);
    CHECK(stats.removed == 1);
    CHECK(stats.updated == 1);
    REQUIRE(third.notes.size() == 1);
    CHECK(third.notes[0].plain_text_content == std::optional<std::string>("Plain one, revised"));
    CHECK(third.notes[0].authorship.creation_date_time == std::optional<std::string>("2026-01-02T03:04:05Z"));
    CHECK(third.notes[0].authorship.modified_date_time == std::optional<std::string>("2027-01-01T00:00:00Z"));
    for (const auto& l : third.links) CHECK(refi::same_guid(*l.origin, third.notes[0].guid));
    CHECK(refi::ProjectIndex(third).find_code(g("code:O2"))->note_refs.empty());
    check_xsd(third);

    // Clearing the last one leaves the project as it was, apart from the added user.
    row_of(rows2, "P10", "S1x")[col(rows2, "summary")] = "";
    framer::test::write_file(dir.path / "edited3.csv", write_csv(rows2));
    auto fourth = import(third, dir.path / "edited3.csv", "2027-01-01T00:00:00Z");
    fourth.users.pop_back();
    CHECK(fourth == original);
}

TEST_CASE("Summaries round trip through xlsx: inline and shared strings, re-import, clear", "[summaries]") {
    TempDir dir;
    auto original = make_chart_project();
    const fs::path xlsx = dir.path / "chart.xlsx";
    write_chart(original, "xlsx", xlsx);
    // Sheets: Domain, Theme, S1, Other (every code with children is a theme). Sheet 4 is the theme "Other":
    // A unit, B O1, C O1 summary, D O2, E O2 summary, F key; row 1 the theme's title, row 2 header, row 3 the
    // hidden key row, rows 4..7 P1, P2, P3, P10.
    set_xlsx_cell(xlsx, "xl/worksheets/sheet4.xml", "E5", tricky, false);
    set_xlsx_cell(xlsx, "xl/worksheets/sheet4.xml", "C4", "Shared & <string>", true);
    // Sheet 3 is "S1": B/C S1 coded directly, D/E S1x; P3 (row 6) has nothing coded but can have a summary.
    set_xlsx_cell(xlsx, "xl/worksheets/sheet3.xml", "E6", "Nothing coded for P3", false);

    framer::SummaryStats stats;
    auto first = import(original, xlsx, "2026-01-02T03:04:05Z", &stats);
    CHECK(stats.added == 3);
    CHECK(summary_in(first, "Other", "P2", "O2") == tricky);
    CHECK(summary_in(first, "Other", "P1", "O1") == "Shared & <string>");
    CHECK(summary_in(first, "S1", "P3", "S1x") == "Nothing coded for P3");
    check_xsd(first);

    auto again = import(first, xlsx, "2027-01-01T00:00:00Z", &stats);
    CHECK(stats.unchanged == 3);
    CHECK(again.notes.size() == 3);
    CHECK(again == first);

    // Chart the result to xlsx: the summaries are in it; clear one and import.
    const fs::path xlsx2 = dir.path / "chart2.xlsx";
    write_chart(first, "xlsx", xlsx2);
    set_xlsx_cell(xlsx2, "xl/worksheets/sheet4.xml", "E5", "", false);
    auto cleared = import(first, xlsx2, "2027-01-01T00:00:00Z", &stats);
    CHECK(stats.removed == 1);
    CHECK(stats.unchanged == 2);
    CHECK(cleared.notes.size() == 2);
    CHECK(summary_in(cleared, "Other", "P2", "O2") == "");
    CHECK(summary_in(cleared, "Other", "P1", "O1") == "Shared & <string>");
    check_xsd(cleared);
}

TEST_CASE("Summaries work on the per-unit chart's xlsx and on a sample project", "[summaries][samples]") {
    TempDir dir;
    auto project = framer::test::read_sample("recovery-study.qdpx");
    Options per_unit;
    per_unit.set("per-unit", "1");
    const fs::path xlsx = dir.path / "per-unit.xlsx";
    write_chart(project, "xlsx", xlsx, per_unit);
    // Sheet 1 is SU4: A code, B excerpts, C summary, D key; row 1 its title, rows 4 and 5 head the domain and
    // theme (no key), row 6 is its first code.
    set_xlsx_cell(xlsx, "xl/worksheets/sheet1.xml", "C6", tricky, false);
    auto result = import(project, xlsx, "2026-01-02T03:04:05Z");
    CHECK(result.notes.size() == project.notes.size() + 1);
    auto chart = run_chart(result, per_unit);
    CHECK(chart.json.at("units").as_array()[0].at("codes").as_array()[0].at("summary").as_string() == tricky);
    check_xsd(result);
}

TEST_CASE("Summaries report every mismatched row of a csv and apply nothing", "[summaries][errors]") {
    TempDir dir;
    auto project = make_chart_project();
    write_chart(project, "csv", dir.path / "chart.csv");
    Rows rows = parse_csv(framer::test::read_file(dir.path / "chart.csv"));
    auto& a = row_of(rows, "P2", "O2");
    a[col(rows, "summary")] = "filled";
    a[col(rows, "unit_guid")] = "00000000-0000-4000-8000-000000000000";
    auto& b = row_of(rows, "P1", "O1");
    b[col(rows, "summary")] = "filled too";
    b[col(rows, "code_guid")] = "11111111-1111-4111-8111-111111111111";
    auto& c = row_of(rows, "P3", "O1");
    c[col(rows, "summary")] = "renamed unit";
    c[col(rows, "unit")] = "P3 (renamed)";
    auto& d = row_of(rows, "P10", "O2");  // an empty row with a bad GUID changes nothing and is not reported
    d[col(rows, "code_guid")] = "22222222-2222-4222-8222-222222222222";
    framer::test::write_file(dir.path / "bad.csv", write_csv(rows));
    try {
        framer::read_edited_chart(dir.path / "bad.csv", project);
        FAIL("no error");
    } catch (const refi::Error& e) {
        std::string m = e.what();
        INFO(m);
        CHECK(m.find("3 problems") != std::string::npos);
        CHECK(m.find("unknown unit GUID 00000000-0000-4000-8000-000000000000") != std::string::npos);
        CHECK(m.find("unknown code GUID 11111111-1111-4111-8111-111111111111") != std::string::npos);
        CHECK(m.find("unit 'P3 (renamed)' does not match") != std::string::npos);
        CHECK(m.find("22222222") == std::string::npos);
        CHECK(m.find("row ") != std::string::npos);
        CHECK(m.find("nothing was written") != std::string::npos);
    }
    // A changed header.
    rows[0][col(rows, "summary")] = "my summary";
    framer::test::write_file(dir.path / "header.csv", write_csv(rows));
    try {
        framer::read_edited_chart(dir.path / "header.csv", project);
        FAIL("no error");
    } catch (const refi::Error& e) {
        std::string m = e.what();
        CHECK(m.find("unknown column 'my summary'") != std::string::npos);
        CHECK(m.find("column 'summary' is missing") != std::string::npos);
    }
}

TEST_CASE("Summaries report a renamed sheet and a changed header of an xlsx", "[summaries][errors]") {
    TempDir dir;
    auto project = make_chart_project();
    const fs::path xlsx = dir.path / "chart.xlsx";
    write_chart(project, "xlsx", xlsx);
    set_xlsx_cell(xlsx, "xl/worksheets/sheet4.xml", "E5", "x", false);  // row 1 title, 2 header, 3 keys
    set_xlsx_cell(xlsx, "xl/worksheets/sheet4.xml", "D2", "O2 renamed", false);
    rename_first_sheet(xlsx, "My sheet");
    try {
        framer::read_edited_chart(xlsx, project);
        FAIL("no error");
    } catch (const refi::Error& e) {
        std::string m = e.what();
        INFO(m);
        CHECK(m.find("sheet 'My sheet': the sheet was renamed (framer chart wrote it as 'Domain')") != std::string::npos);
        CHECK(m.find("sheet 'Other', column D: header 'O2 renamed' was changed (expected 'O2')") != std::string::npos);
    }
}

TEST_CASE("Summaries of a large chart (2,000 units x 10 codes, 5,000 filled, 1,000 cleared) give exactly the "
          "expected notes",
          "[summaries][large]") {
    // Correctness at a size where the old scans were slow; the speed itself is shown in bench/README.md.
    refi::Project project;
    for (int c = 0; c < 10; ++c) {
        refi::Code code;
        code.guid = g("code:L" + std::to_string(c));
        code.name = "L" + std::to_string(c);
        project.codes.push_back(code);
    }
    for (int u = 0; u < 2000; ++u) {
        refi::Source s;
        s.kind = refi::SourceKind::Text;
        s.guid = g("source:U" + std::to_string(u));
        s.name = "U" + std::to_string(u);
        s.plain_text_content = "text";
        project.sources.push_back(s);
    }
    // Every cell of the chart; cell i is filled when i % 4 == 0 (5,000 of 20,000), in chart order.
    auto cell_of = [&](int i, const std::string& summary) {
        framer::ChartCell cell;
        cell.where = "row " + std::to_string(i + 2);
        cell.unit_guid = project.sources[i / 10].guid;
        cell.code_guid = project.codes[i % 10].guid;
        cell.summary = summary;
        return cell;
    };
    std::vector<framer::ChartCell> cells;
    std::map<std::string, std::string> expected;  // note GUID -> text
    for (int i = 0; i < 20000; ++i) {
        std::string text = i % 4 == 0 ? "summary " + std::to_string(i) : "";
        cells.push_back(cell_of(i, text));
        if (!text.empty())
            expected[refi::normalize_guid(framer::summary_note_guid(cells.back().unit_guid, cells.back().code_guid))] =
                text;
    }
    auto apply = [](refi::Project& p, const std::vector<framer::ChartCell>& cs) {
        std::vector<std::string> problems;
        auto entries = framer::check_chart_cells(cs, p, problems);
        REQUIRE(problems.empty());
        framer::SummaryOptions options;
        options.now = "2026-01-02T03:04:05Z";
        return framer::apply_summaries(p, entries, options);
    };
    auto check_notes = [&](const refi::Project& p) {
        std::map<std::string, std::string> actual;
        for (const auto& n : p.notes) actual[refi::normalize_guid(n.guid)] = n.plain_text_content.value_or("?");
        CHECK(actual == expected);
        // Two links and one NoteRef per note, none pointing at a removed note.
        CHECK(p.links.size() == 2 * expected.size());
        for (const auto& l : p.links) CHECK(expected.count(refi::normalize_guid(*l.origin)) == 1);
        std::size_t refs = 0;
        for (const auto& c : p.codes)
            for (const auto& r : c.note_refs) refs += expected.count(refi::normalize_guid(r.target));
        CHECK(refs == expected.size());
        std::size_t all_refs = 0;
        for (const auto& c : p.codes) all_refs += c.note_refs.size();
        CHECK(all_refs == expected.size());
    };

    auto stats = apply(project, cells);
    CHECK(stats.added == 5000);
    check_notes(project);
    // Notes come in chart order (appended as the cells are read).
    REQUIRE(project.notes.size() == 5000);
    CHECK(project.notes[0].plain_text_content == std::optional<std::string>("summary 0"));
    CHECK(project.notes[4999].plain_text_content == std::optional<std::string>("summary 19996"));

    // Clear every fifth filled cell (1,000), revise every seventh of the rest, leave the others as they are.
    int cleared = 0, revised = 0;
    for (int i = 0; i < 20000; i += 4) {
        const std::string key = refi::normalize_guid(framer::summary_note_guid(cells[i].unit_guid, cells[i].code_guid));
        if ((i / 4) % 5 == 0) {
            cells[i].summary.clear();
            expected.erase(key);
            ++cleared;
        } else if ((i / 4) % 7 == 0) {
            cells[i].summary += " revised";
            expected[key] = cells[i].summary;
            ++revised;
        }
    }
    REQUIRE(cleared == 1000);
    stats = apply(project, cells);
    CHECK(stats.removed == 1000);
    CHECK(stats.updated == revised);
    CHECK(stats.unchanged == 4000 - revised);
    CHECK(stats.added == 0);
    check_notes(project);
    REQUIRE(project.notes.size() == 4000);
    CHECK(project.notes[0].plain_text_content == std::optional<std::string>("summary 4"));  // order kept
}

TEST_CASE("SummaryLookup finds what the index finds by summary_note_guid, and nothing for memos", "[summaries]") {
    refi::Project p;
    const std::string unit = "144BAEDF-BF7F-5A61-8681-9DDB6DF0E205";
    const std::vector<std::string> codes = {"73F4548E-9CF2-54AF-A669-627E5C198585", "43eeeb79-748d-5296-964f-6a4e3d960950",
                                            "{DAAC8E85-5943-5764-80BD-689F12E7B678}", "B9E929D7-962E-5994-B242-6E8CCC00D3C4"};
    auto note = [&](std::string guid, std::string text) {
        refi::Note n;
        n.guid = std::move(guid);
        n.plain_text_content = std::move(text);
        p.notes.push_back(std::move(n));
    };
    note(refi::make_guid(), "a memo");  // version 4: never a summary
    {
        framer::SummaryLookup only_memos(p);
        CHECK(only_memos.empty());
        CHECK(only_memos.find(unit, codes[0]) == nullptr);
    }
    // Summaries as Framer writes them, in lower case (a tool that lowers GUIDs), with braces, and twice.
    note(framer::summary_note_guid(unit, codes[0]), "first");
    note(refi::ascii_lower(framer::summary_note_guid(unit, codes[1])), "second");
    note("{" + framer::summary_note_guid("{" + refi::ascii_lower(unit) + "}", codes[2]) + "}", "third");
    note(framer::summary_note_guid(unit, codes[2]), "third again: not the one found");
    refi::ProjectIndex index(p);
    framer::SummaryLookup lookup(p);
    CHECK_FALSE(lookup.empty());
    const std::string other_unit = "BDE0A532-41C6-5FCF-8015-4B7A51597769";
    for (const std::string& u : std::vector<std::string>{unit, other_unit, refi::ascii_lower(unit), unit})  // the unit changes
        for (const auto& c : codes) {
            INFO(u << " x " << c);
            CHECK(lookup.find(u, c) == index.find_note(framer::summary_note_guid(u, c)));
        }
    CHECK(*lookup.find(unit, codes[0])->plain_text_content == "first");
    CHECK(*lookup.find(unit, codes[1])->plain_text_content == "second");
    CHECK(*lookup.find(unit, codes[2])->plain_text_content == "third");
    CHECK(lookup.find(unit, codes[3]) == nullptr);
    CHECK(lookup.find(other_unit, codes[0]) == nullptr);
}

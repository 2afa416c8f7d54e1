// Streamed rows (Table::row_stream) are a first-class part of the neutral result: every exporter must render a
// table whose body rows come from a stream exactly as it renders the same rows held in Table::rows, so that no
// format can silently drop, reorder or mis-measure a streamed row.
#include <catch2/catch.hpp>
#include <zip.h>

#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "core/layout.hpp"
#include "core/registry.hpp"
#include "core/table_util.hpp"
#include "support/result_cells.hpp"
#include "support/zip_entries.hpp"

using namespace framer;

namespace {

using framer::test::num;
using framer::test::render;
using framer::test::text;

Cell wrapped(std::string t, bool editable = false) {
    Cell c = text(std::move(t));
    c.wrap = true;
    c.editable = editable;
    return c;
}

std::string long_text(std::size_t words) {
    std::string s;
    for (std::size_t i = 0; i < words; ++i) s += (i ? (i % 40 == 0 ? "\n" : " ") : "") + std::string("word") + std::to_string(i);
    return s;
}

// What the exporters measure and mark: a hidden key row (index 0) and a hidden row further down (index 3),
// a hidden key column, numeric columns, a footnote referenced from a body cell only, long wrapped cells
// (xlsx widening and row heights, latex page fit), bold and indented cells, and one table without width hints.
Result held_result() {
    Result r;
    r.title = "Streamed & held";
    r.notes = {"A note"};
    Table chart;
    chart.name = "Chart: theme";
    chart.frozen_columns = 1;
    chart.header = {{text("Case", true), text("Code A", true), text("Code A: summary", true), text("n", true),
                     text("key")}};
    chart.column_widths = {18, 60, 40, 8, 40};
    chart.hidden_columns = {4};
    chart.rows.push_back({text("#key"), text("data"), text("summary"), text("count"), text("sheet:x")});
    chart.hidden_rows = {0, 3};
    for (int u = 0; u < 6; ++u) {
        Cell unit = text("Case " + std::to_string(u), true);
        if (u == 3) unit.footnotes = {0};
        chart.rows.push_back({unit, wrapped(u == 1 ? long_text(900) : "[SU" + std::to_string(u) + "] said <this> & $that$"),
                              wrapped(u == 4 ? "a summary" : "", true), num(std::to_string(u * 7)),
                              text("unit:" + std::to_string(u))});
    }
    chart.footnotes = {"Referenced from a streamed row", "Plain note"};
    r.tables.push_back(chart);

    Table counts;  // no hints: widths from the cells
    counts.name = "Counts";
    counts.csv = true;
    counts.header = {{text("Code"), text("Total (N=3)")}};
    counts.rows = {{text("Theme", true), num("3 (100)")}, {text("Sub", false, 2), num("1 (33)")},
                   {text("Other sub with a longer name", false, 2), num("12 (4)")}};
    r.tables.push_back(counts);
    return r;
}

// The same result with each table's body rows after the first `held` moved into a stream that hands them over
// one at a time in one reused row (as the chart does), so an exporter that kept a reference would see it change.
Result streamed_result(std::size_t held, std::shared_ptr<int> calls = nullptr) {
    Result r = held_result();
    for (Table& t : r.tables) {
        auto rest = std::make_shared<std::vector<std::vector<Cell>>>(t.rows.begin() + static_cast<std::ptrdiff_t>(std::min(held, t.rows.size())), t.rows.end());
        t.rows.resize(std::min(held, t.rows.size()));
        t.row_stream = [rest, calls](const RowSink& take) {
            if (calls) ++*calls;
            std::vector<Cell> row;
            for (const auto& r : *rest) {
                row = r;
                if (!take(row)) return;
                row.assign(row.size(), text("garbage"));
            }
        };
    }
    return r;
}

/// Every entry of a zip (xlsx, docx) by name, so a difference is reported by part.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    std::map<std::string, std::string> entries;
    for (auto& [name, content] : framer::test::zip_entries(bytes)) entries[name] = std::move(content);
    return entries;
}

void check_same(const std::string& format, const Result& held, const Result& streamed) {
    const std::string a = render(format, held), b = render(format, streamed);
    REQUIRE_FALSE(a.empty());
    if (format == "xlsx" || format == "docx") {
        auto pa = unzip(a), pb = unzip(b);
        REQUIRE(pa.size() == pb.size());
        for (const auto& [name, content] : pa) {
            INFO(format << " part " << name);
            CHECK(pb[name] == content);
        }
    } else {
        CHECK(b == a);
    }
}

}  // namespace

TEST_CASE("Every exporter renders streamed rows exactly as the same rows held", "[exporters][stream]") {
    const Result held = held_result();
    for (const char* format : {"csv", "md", "html", "latex", "txt", "docx", "xlsx"}) {
        INFO(format);
        // Every body row streamed, and the hidden key row held with the rest streamed (the chart's tables).
        for (std::size_t keep : {0, 1}) {
            INFO("rows held: " << keep);
            check_same(format, held, streamed_result(keep));
        }
    }
}

TEST_CASE("A streamed table in a text format shows its last row, not its hidden ones", "[exporters][stream]") {
    const Result r = streamed_result(1);
    for (const char* format : {"md", "html", "latex", "txt"}) {
        INFO(format);
        const std::string out = render(format, r);
        CHECK(out.find("Case 5") != std::string::npos);
        CHECK(out.find("Case 2") == std::string::npos);  // body row 3, hidden
        CHECK(out.find("#key") == std::string::npos);    // body row 0, hidden
        CHECK(out.find("garbage") == std::string::npos);
    }
}

TEST_CASE("for_each_row counts streamed rows after held ones for hidden_rows, and stops a stream", "[exporters][stream]") {
    auto calls = std::make_shared<int>(0);
    const Result r = streamed_result(1, calls);
    const Table& t = r.tables[0];
    std::vector<std::string> visible;
    for_each_visible_row(t, [&](std::size_t, const std::vector<Cell>& row) { visible.push_back(row[0].text); });
    // Row 0 (the key) and row 3 (Case 2) are hidden: indices count the held row, then the streamed ones.
    CHECK(visible == std::vector<std::string>{"Case 0", "Case 1", "Case 3", "Case 4", "Case 5"});
    int seen = 0;
    CHECK_FALSE(for_each_row_while(t, [&](const std::vector<Cell>&) { return ++seen < 3; }));
    CHECK(seen == 3);
    CHECK(has_rows(t));
    CHECK(footnote_referenced(t, 0));
    CHECK_FALSE(footnote_referenced(t, 1));
    CHECK(numeric_columns(t, {0, 3}) == std::vector<bool>{false, false});  // the key row's "count" is text
    CHECK(*calls >= 3);  // a stream may be read again
    Table empty;
    empty.row_stream = [](const RowSink&) {};
    CHECK_FALSE(has_rows(empty));
    CHECK(numeric_columns(empty, {0}) == std::vector<bool>{false});
}

TEST_CASE("drop_column drops the column from streamed rows too", "[exporters][stream]") {
    Result r = streamed_result(1);
    Table& t = r.tables[0];
    drop_column(t, 2);
    std::vector<std::size_t> widths;
    for_each_row(t, [&](const std::vector<Cell>& row) { widths.push_back(row.size()); });
    CHECK(widths == std::vector<std::size_t>(7, 4));
    Result h = held_result();
    drop_column(h.tables[0], 2);
    CHECK(render("md", r) == render("md", h));
}

namespace {

// A chart-like table, every column with a width hint, its rows streamed; with `long_last`, the third row has
// a long cell and the last row a longer one, so that measuring goes on past the first row that widens.
Result hinted_chart(double data_width, bool long_last, std::shared_ptr<int> calls) {
    Result r;
    Table t;
    t.name = "Chart";
    t.header = {{text("Case", true), text("Code", true), text("Code: summary", true)}};
    t.column_widths = {18, data_width, 40};
    auto rows = std::make_shared<std::vector<std::vector<Cell>>>();
    for (int u = 0; u < 5; ++u)
        rows->push_back({text("Case " + std::to_string(u), true),
                         wrapped(long_last && u >= 2 && u % 2 == 0 ? long_text(u == 4 ? 300 : 200)
                                                                   : long_text(10 + 10 * u)),
                         wrapped(u % 2 ? "" : "summary", true)});
    t.row_stream = [rows, calls](const RowSink& take) {
        ++*calls;
        for (const auto& row : *rows)
            if (!take(row)) return;
    };
    r.tables.push_back(t);
    return r;
}

/// The width Excel stores for column `n` (1-based) of the first sheet, as text.
std::string stored_width(const std::map<std::string, std::string>& parts, int n) {
    const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
    const std::string col = "<col min=\"" + std::to_string(n) + "\" max=\"" + std::to_string(n) + "\" width=\"";
    const std::size_t at = sheet.find(col);
    REQUIRE(at != std::string::npos);
    const std::size_t from = at + col.size();
    return sheet.substr(from, sheet.find('"', from) - from);
}

}  // namespace

TEST_CASE("xlsx writes a table whose columns all have widths in one pass over its rows, and in two when a late "
          "row widens a column, the same workbook as with the wider width given",
          "[exporters][stream][xlsx]") {
    auto calls = std::make_shared<int>(0);
    // Nothing widens: the rows are made once (the measuring pass is not needed).
    const std::string plain = render("xlsx", hinted_chart(60, false, calls));
    CHECK(*calls == 1);
    CHECK(stored_width(unzip(plain), 2) == "60.7109375");

    // The last row widens column B: the sheet is laid out again at the wider width, so the rows before it get
    // the heights of that width, not of the hint.
    *calls = 0;
    const auto widened = unzip(render("xlsx", hinted_chart(60, true, calls)));
    CHECK(*calls == 2);  // laid out up to the last row, which is measured; laid out again
    const std::string width = stored_width(widened, 2);
    CHECK(width != "60.7109375");
    const double wider = std::floor(std::stod(width));
    CHECK(wider > 60);
    auto calls_at_width = std::make_shared<int>(0);
    const auto given = unzip(render("xlsx", hinted_chart(wider, true, calls_at_width)));
    CHECK(*calls_at_width == 1);
    REQUIRE(given.size() == widened.size());
    for (const auto& [name, content] : widened) {
        if (name == "docProps/core.xml") continue;  // its creation time
        INFO("xlsx part " << name);
        CHECK(given.at(name) == content);
    }
}

// A chart costs per coding plus a small constant per cell: an empty cell (a unit x a code nobody coded for it)
// is written, but allocates nothing and is looked up nowhere. Checked structurally, by counting allocations
// (support/allocation_count.hpp), not by timing: two projects with the same units and codings, one with a few
// hundred more codes that nobody used, must differ by far less than one allocation per added empty cell.
#include <catch2/catch.hpp>

#include <ostream>
#include <streambuf>
#include <string>

#include "core/json_writer.hpp"
#include "core/registry.hpp"
#include "core/table_util.hpp"
#include "plugins/project_builder.hpp"
#include "support/allocation_count.hpp"

using namespace framer;

namespace {

constexpr std::size_t units = 400;
constexpr std::size_t coded_codes = 4;

// `extra` codes that nobody coded, beside the coded ones, all under one theme: units x (coded + extra) cells.
refi::Project sparse_wide_project(std::size_t extra) {
    test::ProjectBuilder b;
    b.code("Theme");
    for (std::size_t c = 0; c < coded_codes + extra; ++c) b.code("Theme/Code " + std::to_string(c));
    for (std::size_t u = 0; u < units; ++u) {
        std::size_t s = b.source("Interview " + std::to_string(u));
        b.coding(s, "Theme/Code " + std::to_string(u % coded_codes));
    }
    return b.project();
}

// Counts the bytes written and keeps none (the JSON of 100,000 cells is tens of MB).
class CountingBuffer : public std::streambuf {
public:
    std::size_t bytes = 0;
protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += static_cast<std::size_t>(n);
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) ++bytes;
        return c;
    }
};

struct Cost {
    std::size_t allocations = 0;
    std::size_t bytes = 0;
};

// Allocations of running the chart for `parts` and, for json, of writing its JSON.
Cost chart_cost(const refi::Project& project, const std::string& parts) {
    const Analysis* chart = builtin_registry().analysis("chart");
    REQUIRE(chart);
    Options options;
    options.set("parts", parts);
    CountingBuffer sink;
    std::ostream out(&sink);
    const std::size_t before = test::allocations_so_far();
    {
        Result result = chart->run(project, options);
        if (parts == "json") {
            REQUIRE(result.write_json);
            JsonWriter writer(out, 2);
            result.write_json(writer);
            writer.finish();
        } else {
            // The document tables' rows are streamed: made while the exporter writes them, so that is counted.
            builtin_registry().exporter("html")->write(result, out);
        }
    }
    return {test::allocations_so_far() - before, sink.bytes};
}

}  // namespace

TEST_CASE("Empty chart cells cost no allocation: codes nobody coded add per code, not per unit x code",
          "[chart][cost]") {
    constexpr std::size_t extra = 250;
    const refi::Project narrow = sparse_wide_project(0);
    const refi::Project wide = sparse_wide_project(extra);
    const std::size_t added_cells = units * extra;  // 100,000 empty cells

    for (const char* parts : {"json", "documents"}) {
        INFO("parts=" << parts);
        const Cost a = chart_cost(narrow, parts);
        const Cost b = chart_cost(wide, parts);
        INFO("bytes: " << a.bytes << " -> " << b.bytes);
        if (std::string(parts) == "json") {
            // The JSON lists a row's cells that hold something: the new codes add their column entries only
            // (name, path, GUID: a few hundred bytes each), nothing per empty cell.
            CHECK(b.bytes > a.bytes + extra * 100);
            CHECK(b.bytes < a.bytes + extra * 400);
        } else {
            // Every empty cell of a document is written: a data and a summary <td>.
            CHECK(b.bytes > a.bytes + added_cells * 20);
        }
        const std::size_t added = b.allocations - a.allocations;
        INFO("allocations: " << a.allocations << " -> " << b.allocations << " for " << added_cells << " more cells");
        // What a code costs once (its GUID, name, header, index entries) is a few dozen allocations; one
        // allocation per empty cell would be 100,000.
        CHECK(added < extra * 60);
        CHECK(added < added_cells / 5);
    }
}

namespace {

// Every one of `codes` codes the whole text of each unit's source: the chart's cells hold `codes` times the
// texts, so tables that held their cells would take far more memory than the project.
refi::Project overlapping_project(std::size_t unit_count, std::size_t codes, std::size_t text_length) {
    test::ProjectBuilder b;
    b.code("Theme");
    for (std::size_t c = 0; c < codes; ++c) b.code("Theme/Code " + std::to_string(c));
    for (std::size_t u = 0; u < unit_count; ++u) {
        std::size_t s = b.source("Interview " + std::to_string(u));
        for (std::size_t c = 0; c < codes; ++c) b.coding(s, "Theme/Code " + std::to_string(c));
    }
    refi::Project project = b.project();
    std::string text;
    while (text.size() < text_length) text += "words of an interview ";
    text.resize(text_length);
    for (auto& source : project.sources) {
        source.plain_text_content = text;
        for (auto& selection : source.selections) selection.end = static_cast<std::int64_t>(text_length);
    }
    return project;
}

}  // namespace

// Peak live bytes (beyond what was live before) of running the chart for its documents and writing `format`;
// `hold` copies the streamed rows into Table::rows first, as the tables were before they were streamed.
std::size_t document_peak(const refi::Project& project, const std::string& format, bool hold, std::size_t& bytes,
                          std::size_t& streamed_rows) {
    const Analysis* chart = builtin_registry().analysis("chart");
    REQUIRE(chart);
    Options options;
    options.set("parts", "documents");
    CountingBuffer sink;
    std::ostream out(&sink);
    const std::size_t before = test::live_bytes();
    test::reset_peak_live_bytes();
    {
        Result result = chart->run(project, options);
        streamed_rows = 0;
        for (Table& table : result.tables) {
            if (table.csv_only || !table.row_stream) continue;
            std::vector<std::vector<Cell>> rows;
            for_each_row(table, [&](const std::vector<Cell>& row) {
                ++streamed_rows;
                if (hold) rows.push_back(row);
            });
            if (!hold) continue;
            table.rows = std::move(rows);
            table.row_stream = nullptr;
        }
        builtin_registry().exporter(format)->write(result, out);
    }
    bytes = sink.bytes;
    return test::peak_live_bytes() - before;
}

TEST_CASE("Chart to html and xlsx never holds every cell: rows are made as the exporter writes them",
          "[chart][cost][stream]") {
    constexpr std::size_t unit_count = 200, codes = 20, text_length = 2000;
    const refi::Project project = overlapping_project(unit_count, codes, text_length);
    const std::size_t cell_text = unit_count * codes * text_length;  // 8 MB of excerpts in the cells
    for (const char* format : {"html", "xlsx"}) {
        INFO(format);
        std::size_t bytes = 0, held_bytes = 0, rows = 0;
        const std::size_t streamed = document_peak(project, format, false, bytes, rows);
        CHECK(rows == 1 + unit_count);  // the matrix: its key row, then every unit's
        const std::size_t held = document_peak(project, format, true, held_bytes, rows);
        INFO("peak live bytes " << streamed << " streamed, " << held << " held, for " << cell_text
                                << " bytes of cell text");
        CHECK(bytes == held_bytes);  // the same output
        if (std::string(format) == "html") {
            CHECK(bytes > cell_text);  // every excerpt was written
            // Streamed, a row at a time (40 KB) beside the model; held, the cells alone would be cell_text.
            CHECK(streamed < cell_text / 4);
        }
        // xlsx also holds the sheet's XML while it is deflated (xlsx_package.cpp): the rows are what streaming saves.
        CHECK(held > streamed + cell_text * 3 / 4);
    }
}

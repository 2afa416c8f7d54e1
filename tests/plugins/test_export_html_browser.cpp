// The html exporter in the real program: headless Chromium prints every html output (Table 2 and Table 1 of
// the seed paper, the 63-participant chart, a per-unit chart, quotes, agreement, saturation) to PDF, and pdftotext must
// find every row label and the first words of every excerpt and quotation: nothing is lost in print. A second
// check scrolls each table in a Chromium window and measures where the header rows are: both in view, one
// under the other. Skipped with a message when chromium or pdftotext is absent.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/table_util.hpp"
#include "support/files.hpp"
#include "support/rendered_text.hpp"

namespace fs = std::filesystem;
using framer::Options;
using framer::Result;

namespace {

struct Case {
    std::string name, sample, analysis;
    Options options;
};

std::vector<Case> cases() {
    Options table2, table1, chart, per_unit, quotes, agreement, saturation;
    table2.set("by", "Role");
    table2.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    table2.add("applies", "Practicing relating to others in group=Group therapy:Yes");
    table1.set("by", "Role");
    chart.add("show", "Role");
    per_unit.set("per-unit", "1");
    quotes.set("label", "{unit}, {Treatment}");
    quotes.set("per-code", "2");
    agreement.set("coders", "Marta Núñez,Daniel Okoro");
    saturation.set("by", "Role");
    return {{"table2", "seed-table2.qdpx", "tabulate", table2},
            {"table1", "seed-table2.qdpx", "describe", table1},
            {"chart", "seed-table2.qdpx", "chart", chart},
            {"per-unit", "recovery-study.qdpx", "chart", per_unit},
            {"quotes", "recovery-study.qdpx", "quotes", quotes},
            {"agreement", "recovery-study.qdpx", "agreement", agreement},
            {"saturation", "seed-table2.qdpx", "saturation", saturation}};
}

/// Every row label, excerpt start, heading and quotation start of what the html page shows.
std::vector<std::string> expected_text(const Result& result) {
    auto tables = framer::prose_document_tables(result);
    std::vector<std::string> out = framer::test::row_labels(tables);
    for (auto& start : framer::test::excerpt_starts(tables, 6)) out.push_back(start);
    for (const auto& block : result.blocks) {
        if (block.kind == framer::Block::Kind::Heading) out.push_back(block.text);
        if (block.kind == framer::Block::Kind::Quote) {
            out.push_back(framer::test::first_words(block.text, 6));
            if (!block.label.empty()) out.push_back(block.label);
        }
    }
    return out;
}

/// Headless Chromium with a private profile (a user's running browser would otherwise take the job) and
/// nothing fetched from the network; /tmp instead of a container's small /dev/shm; ended after two minutes
/// rather than hanging the suite.
std::string chromium(const fs::path& dir) {
    return "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic "
           "--no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=\"" +
           (dir / "profile").string() + "\"";
}

struct Page {
    std::string name;
    fs::path html;
    std::vector<std::string> wanted;
    std::size_t header_rows = 0;  // of its first table
};

/// Writes every case's html into `dir`.
std::vector<Page> write_pages(const fs::path& dir) {
    const auto& registry = framer::builtin_registry();
    std::vector<Page> pages;
    for (const auto& c : cases()) {
        if (!fs::exists(framer::test::sample_path(c.sample))) continue;
        // The project outlives the result: a chart streams its rows from it when they are written.
        const auto project = framer::test::read_sample(c.sample);
        Result result = registry.analysis(c.analysis)->run(project, c.options);
        result.heat = c.analysis == "tabulate" || c.analysis == "describe";  // the shading must print too
        Page page{c.name, dir / (c.name + ".html"), expected_text(result), 0};
        auto tables = framer::prose_document_tables(result);
        if (!tables.empty()) page.header_rows = tables.front()->header.size();
        std::ofstream out(page.html, std::ios::binary);
        registry.exporter("html")->write(result, out);
        pages.push_back(std::move(page));
    }
    return pages;
}

/// Measures, after scrolling every table box half way down and across, each box's top and bottom and the top
/// and bottom of each header row's cells (the row element itself does not move with sticky cells, so the
/// cells are measured). One line per box: "scrolled BOX_TOP BOX_BOTTOM TOP BOTTOM TOP BOTTOM ...".
const char* const probe = R"(<script>
(function () {
  var lines = [];
  document.querySelectorAll('.scroll').forEach(function (box) {
    box.scrollTop = box.scrollHeight / 2;
    box.scrollLeft = box.scrollWidth / 2;
    var b = box.getBoundingClientRect();
    var line = [box.scrollTop, b.top, b.bottom];
    box.querySelectorAll('thead tr').forEach(function (row) {
      var top = Infinity, bottom = -Infinity;
      row.querySelectorAll('th').forEach(function (cell) {
        var r = cell.getBoundingClientRect();
        top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
      });
      line.push(top, bottom);
    });
    lines.push(line.join(' '));
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = '[' + lines.join('][') + ']';
  document.body.appendChild(pre);
})();
</script>
)";

}  // namespace

TEST_CASE("Chromium prints every row label and every excerpt of every html output", "[exporters][html][browser]") {
    if (!framer::test::have_program("chromium") || !framer::test::have_program("pdftotext")) {
        WARN("chromium or pdftotext not installed; the html print check in Chromium is skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("framer-html-print-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto pages = write_pages(dir);
    REQUIRE(pages.size() >= 4);
    for (const auto& page : pages) {
        INFO(page.name);
        const fs::path pdf = dir / (page.name + ".pdf");
        // Chromium prints one page per run; each run takes about a second on the small pages.
        std::string command = chromium(dir) + " --no-pdf-header-footer --print-to-pdf=\"" + pdf.string() +
                              "\" \"file://" + page.html.string() + "\" > \"" + (dir / "chromium.log").string() +
                              "\" 2>&1";
        INFO(command);
        REQUIRE(std::system(command.c_str()) == 0);
        REQUIRE(fs::exists(pdf));
        const fs::path txt = dir / (page.name + ".txt");
        REQUIRE(std::system(("pdftotext \"" + pdf.string() + "\" \"" + txt.string() + "\"").c_str()) == 0);
        const std::string text = framer::test::squeeze(framer::test::read_file(txt));
        REQUIRE(page.wanted.size() > 5);
        for (const auto& want : page.wanted) {
            INFO(want);
            CHECK(text.find(framer::test::squeeze(want)) != std::string::npos);
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("Chromium shows both header rows of a scrolled table, one under the other", "[exporters][html][browser]") {
    if (!framer::test::have_program("chromium")) {
        WARN("chromium not installed; the sticky header check in Chromium is skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("framer-html-sticky-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::size_t checked = 0;
    for (const auto& page : write_pages(dir)) {
        if (page.header_rows < 2 && page.name != "chart") continue;  // Table 1, Table 2; the chart for the column
        INFO(page.name);
        std::string html = framer::test::read_file(page.html);
        const auto body_end = html.rfind("</body>");
        REQUIRE(body_end != std::string::npos);
        html.insert(body_end, probe);
        const fs::path probed = dir / (page.name + "-probe.html");
        framer::test::write_file(probed, html);
        const fs::path dom = dir / (page.name + ".dom");
        std::string command = chromium(dir) + " --window-size=1200,800 --dump-dom \"file://" + probed.string() +
                              "\" > \"" + dom.string() + "\" 2> \"" + (dir / "chromium.log").string() + "\"";
        INFO(command);
        REQUIRE(std::system(command.c_str()) == 0);
        const std::string out = framer::test::read_file(dom);
        const auto at = out.find("<pre id=\"probe\">");
        REQUIRE(at != std::string::npos);
        const std::string measured = out.substr(at, out.find("</pre>", at) - at);
        INFO(measured);
        std::size_t from = 0;
        bool scrolled_one = false;
        while ((from = measured.find('[', from)) != std::string::npos) {
            std::istringstream line(measured.substr(from + 1, measured.find(']', from) - from - 1));
            ++from;
            double scrolled, box_top, box_bottom;
            line >> scrolled >> box_top >> box_bottom;
            std::vector<double> edges;
            for (double v; line >> v;) edges.push_back(v);
            if (scrolled <= 0) continue;  // a table that fits its box does not scroll
            scrolled_one = true;
            REQUIRE(edges.size() % 2 == 0);
            REQUIRE(edges.size() >= 2);
            // Stuck to the top of the box (within its border), each row under the one before, all in the box.
            CHECK(edges[0] >= box_top - 0.5);
            CHECK(edges[0] <= box_top + 2);
            for (std::size_t k = 2; k < edges.size(); k += 2) CHECK(edges[k] >= edges[k - 1] - 0.5);
            CHECK(edges.back() <= box_bottom);
        }
        CHECK(scrolled_one);  // the pages are long enough to scroll: the check above ran
        ++checked;
    }
    CHECK(checked >= 2);
    fs::remove_all(dir);
}

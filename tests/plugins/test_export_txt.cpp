// The txt exporter: aligned grids that fit the width, wrapped names, right-aligned numbers, blocks for tables
// too wide for a grid, and the CLI choosing it for a terminal.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli.hpp"
#include "core/registry.hpp"
#include "export_txt/export_txt.hpp"
#include "refi/io.hpp"
#include "support/files.hpp"

using namespace framer;

namespace {

Cell text(std::string t, int indent = 0) {
    Cell c;
    c.text = std::move(t);
    c.indent = indent;
    return c;
}

Cell num(std::string t) {
    Cell c = text(std::move(t));
    c.numeric = true;
    return c;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string render(const Result& r, int width) {
    std::ostringstream out;
    make_txt_exporter(width)->write(r, out);
    return out.str();
}

Result theme_table() {
    Result r;
    r.title = "Participants per code";
    Table t;
    t.name = "Themes";
    t.header = {{text("Code"), text("Total (N=12)"), text("Service user (N=8)")},
                {text(""), text("N (%)"), text("N (%)")}};
    t.rows.push_back({text("Domain 1: Processes of recovery"), num("12 (100)"), num("8 (100)")});
    t.rows.push_back({text("Process 1: Fighting ambivalence and committing to taking action, a very long theme name "
                           "that cannot fit one line at eighty columns",
                           1),
                      num("7 (58)"), num("6 (75)")});
    t.rows.push_back({text("Nüñez’s subtheme", 2), num("2 (17)"), num("1 (13)")});
    r.tables.push_back(t);
    return r;
}

}  // namespace

TEST_CASE("The txt exporter writes no line longer than the width, wrapping long names", "[exporters][txt]") {
    for (int width : {80, 40}) {
        INFO(width);
        std::string out = render(theme_table(), width);
        for (const auto& line : lines_of(out)) CHECK(code_points(line) <= static_cast<std::size_t>(width));
        // Wrapped, not cut: every word of the long name is there.
        for (const char* word : {"Fighting", "ambivalence", "committing", "eighty", "columns"})
            CHECK(out.find(word) != std::string::npos);
    }
}

TEST_CASE("The txt exporter right-aligns numbers and indents subthemes by two spaces per level", "[exporters][txt]") {
    auto lines = lines_of(render(theme_table(), 80));
    std::size_t domain = 0, sub = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind("Domain 1", 0) == 0) domain = i;
        if (lines[i].find("Nüñez") != std::string::npos) sub = i;
    }
    REQUIRE(domain > 0);
    REQUIRE(sub > 0);
    CHECK(lines[sub].rfind("    Nüñez", 0) == 0);
    // Right-aligned: the numbers of both rows end in the same (last) column of the line.
    CHECK(code_points(lines[domain]) == code_points(lines[sub]));
    CHECK(lines[domain].substr(lines[domain].size() - 7) == "8 (100)");
    CHECK(lines[sub].substr(lines[sub].size() - 6) == "1 (13)");
    // No Markdown or HTML markup.
    std::string out = render(theme_table(), 80);
    for (const char* markup : {"&nbsp;", "<br>", "**", "|", "\\["}) CHECK(out.find(markup) == std::string::npos);
}

TEST_CASE("The txt exporter writes a table too wide for a grid as one block per row", "[exporters][txt]") {
    Result r;
    Table t;
    t.header.push_back({text("Case")});
    for (int k = 0; k < 10; ++k) t.header[0].push_back(text("Subtheme number " + std::to_string(k)));
    t.rows.push_back({text("SU4")});
    for (int k = 0; k < 10; ++k) t.rows[0].push_back(text(k == 3 ? "[SU4 1–20] an excerpt\n\nanother" : ""));
    r.tables.push_back(t);
    std::string out = render(r, 80);
    CHECK(out.find("one block per row, empty cells left out") != std::string::npos);
    CHECK(out.find("SU4\n~~~\n") != std::string::npos);
    CHECK(out.find("Subtheme number 3:\n    [SU4 1–20] an excerpt\n\n    another\n") != std::string::npos);
    CHECK(out.find("Subtheme number 4") == std::string::npos);  // empty cell left out
    for (const auto& line : lines_of(out)) CHECK(code_points(line) <= 80);
}

TEST_CASE("The txt exporter takes its width from COLUMNS", "[exporters][txt]") {
    ::setenv("COLUMNS", "37", 1);
    CHECK(txt_output_width() == 37);
    ::setenv("COLUMNS", "80", 1);
    CHECK(txt_output_width() == 80);
}

TEST_CASE("framer writes txt to a terminal and Markdown to a pipe", "[exporters][txt][cli]") {
    auto project = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";
    ::setenv("COLUMNS", "80", 1);
    auto run = [&](bool terminal, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"framer", "tabulate", project, "--by", "Role"};
        args.insert(args.end(), extra.begin(), extra.end());
        std::ostringstream out, err;
        cli::Io io{out, err, terminal};
        REQUIRE(cli::run(args, io) == 0);
        return out.str();
    };
    std::string terminal = run(true), pipe = run(false), forced = run(true, {"--format", "md"});
    CHECK(terminal.find("=============================") != std::string::npos);
    CHECK(terminal.find("| :--- |") == std::string::npos);
    CHECK(pipe.find("| :--- |") != std::string::npos);
    CHECK(forced == pipe);
    // Markdown keeps plain characters where it has a plain way: no &nbsp; entities, no <br> in the header.
    CHECK(pipe.find("&nbsp;") == std::string::npos);
    CHECK(pipe.find("| Total (N=12) N (%) |") != std::string::npos);
}

TEST_CASE("The terminal table of every analysis of the samples fits 80 columns", "[exporters][txt]") {
    struct Case {
        std::string sample, analysis;
        Options options;
    };
    Options table2, by_role, chart, per_unit, quotes, agreement;
    table2.set("by", "Role");
    table2.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    by_role.set("by", "Role");
    chart.add("show", "Role");
    per_unit.set("per-unit", "1");
    quotes.set("per-code", "2");
    agreement.set("coders", "Marta Núñez,Daniel Okoro");
    const std::vector<Case> cases = {{"seed-table2.qdpx", "tabulate", table2},
                                     {"seed-table2.qdpx", "describe", by_role},
                                     {"seed-table2.qdpx", "chart", chart},
                                     {"recovery-study.qdpx", "chart", per_unit},
                                     {"recovery-study.qdpx", "quotes", quotes},
                                     {"recovery-study.qdpx", "agreement", agreement},
                                     {"seed-table2.qdpx", "saturation", by_role}};
    const auto& registry = builtin_registry();
    for (const auto& c : cases) {
        INFO(c.analysis << " of " << c.sample);
        refi::Diagnostics diagnostics;
        const refi::Project project =
            refi::read_project(std::string(FRAMER_SOURCE_DIR) + "/samples/" + c.sample, diagnostics);
        const std::string out = render(registry.analysis(c.analysis)->run(project, c.options), 80);
        REQUIRE(lines_of(out).size() > 10);
        for (const auto& line : lines_of(out)) {
            INFO(line);
            CHECK(code_points(line) <= 80);
        }
    }
}

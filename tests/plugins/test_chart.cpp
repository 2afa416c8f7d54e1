// Tests of the chart analysis: exact excerpt text, natural order, every unit, cells that hold something, themes,
// summaries in cells, the per-unit chart, and golden charts of the samples in every format.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/registry.hpp"
#include "core/table_util.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/text.hpp"
#include "summaries/summaries.hpp"
#include "summaries/summary_notes.hpp"
#include "support/files.hpp"
#include "support/rendered_text.hpp"
#include "support/zip_dump.hpp"

using framer::Json;
using framer::Options;
using framer::test::run_chart;
using framer::test::cell_in;
using framer::test::row_in;
using framer::test::slice_code_points;
using framer::test::g;
using framer::test::p1_text;
using framer::test::make_chart_project;

namespace {

const Json& theme_named(const Json& json, const std::string& name) {
    for (const auto& t : json.at("themes").as_array())
        if (t.at("code").as_string() == name) return t;
    FAIL("no theme " << name);
    throw;
}

std::vector<std::string> row_units(const Json& theme) {
    std::vector<std::string> units;
    for (const auto& r : theme.at("rows").as_array()) units.push_back(r.at("unit").as_string());
    return units;
}

}  // namespace

TEST_CASE("Chart excerpts hold the exact text of the coded code-point range, across CRLF and emoji", "[chart]") {
    auto project = make_chart_project();
    Options o;
    o.add("theme", "Theme");
    auto result = run_chart(project, o);
    const auto& theme = theme_named(result.json, "Theme");
    const auto& p1 = row_in(theme, "P1");
    REQUIRE(p1.at("unit").as_string() == "P1");
    // Columns: Theme (coded directly, by P10), S1 (with S1x below it), S2; P1 has nothing in Theme's own column,
    // which the row leaves out.
    REQUIRE(theme.at("columns").size() == 3);
    REQUIRE(p1.at("cells").size() == 2);
    const auto& s1 = cell_in(theme, p1, 1).at("excerpts").as_array();
    REQUIRE(s1.size() == 1);
    CHECK(s1[0].at("text").as_string() == slice_code_points(p1_text, 6, 23));
    CHECK(s1[0].at("text").as_string() == "line\r\nCaf\xC3\xA9 talk \xF0\x9F\x98\x80");
    CHECK(s1[0].at("start").as_int() == 6);
    CHECK(s1[0].at("end").as_int() == 23);
    CHECK(s1[0].at("source").as_string() == "P1");
    CHECK(s1[0].at("coder").as_string() == "Ana");
    const auto& s2 = cell_in(theme, p1, 2).at("excerpts").as_array();
    REQUIRE(s2.size() == 1);
    CHECK(s2[0].at("text").as_string() == slice_code_points(p1_text, 25, 40));
}

TEST_CASE("Chart JSON lists every unit in natural order, and in each theme the rows and cells that hold something", "[chart]") {
    // The project outlives the result: the long csv table's rows are made from it when read.
    const auto project = make_chart_project();
    auto result = run_chart(project);
    // Default themes: every code with children, in codebook order: Domain (Theme), Theme (itself, S1, S2),
    // S1 (itself, S1x) and Other (O1, O2); no top-level code is a leaf, so there is no "Top-level codes" matrix.
    REQUIRE(result.json.at("themes").size() == 4);
    std::vector<std::string> names;
    for (const auto& t : result.json.at("themes").as_array()) names.push_back(t.at("code").as_string());
    CHECK(names == std::vector<std::string>{"Domain", "Theme", "S1", "Other"});
    CHECK(result.json.at("unit").as_string() == "case");
    // Every unit, uncoded P3 included, in natural order.
    std::vector<std::string> units;
    for (const auto& u : result.json.at("units").as_array()) {
        units.push_back(u.at("unit").as_string());
        CHECK(u.at("guid").as_string() == g("case:" + units.back()));
    }
    CHECK(units == std::vector<std::string>{"P1", "P2", "P3", "P10"});
    // A theme's rows are the units with something in it, in the same order.
    CHECK(row_units(theme_named(result.json, "Domain")) == std::vector<std::string>{"P1", "P10"});
    CHECK(row_units(theme_named(result.json, "Theme")) == std::vector<std::string>{"P1", "P10"});
    CHECK(row_units(theme_named(result.json, "S1")) == std::vector<std::string>{"P1", "P10"});
    CHECK(row_units(theme_named(result.json, "Other")) == std::vector<std::string>{"P1", "P2"});
    for (const auto& theme : result.json.at("themes").as_array()) {
        for (const auto& row : theme.at("rows").as_array()) {
            // A listed cell names its column and holds an excerpt; the listed cells are in column order.
            const auto& columns = theme.at("columns").as_array();
            std::size_t next = 0;
            CHECK(row.at("cells").size() > 0);
            for (const auto& cell : row.at("cells").as_array()) {
                while (next < columns.size() && columns[next].at("guid").as_string() != cell.at("code_guid").as_string())
                    ++next;
                REQUIRE(next < columns.size());
                CHECK(cell.at("column").as_string() == columns[next].at("code").as_string());
                CHECK(cell.at("excerpts").size() > 0);
                ++next;
            }
        }
    }
    const auto& other = theme_named(result.json, "Other");
    CHECK(other.at("path").as_array().size() == 1);
    // P1 has O1 only: one cell, in O1's column.
    const auto& p1 = row_in(other, "P1");
    REQUIRE(p1.at("cells").size() == 1);
    CHECK(p1.at("cells").as_array()[0].at("column").as_string() == "O1");
    CHECK(cell_in(other, p1, 1).at("excerpts").size() == 0);
    // Document tables: one per theme plus the long csv table (csv_only).
    REQUIRE(result.tables.size() == 5);
    CHECK(result.tables[4].csv_only);
    // units × columns: Domain 1, Theme 1 (self) + 2, S1 1 (self) + 1, Other 2
    // Its rows are streamed (Table::row_stream), not held.
    CHECK(result.tables[4].rows.empty());
    std::size_t long_rows = 0;
    framer::for_each_row(result.tables[4], [&](const std::vector<framer::Cell>& row) {
        CHECK(row.size() == result.tables[4].header.front().size());
        ++long_rows;
    });
    CHECK(long_rows == 4 * (1 + 3 + 2 + 2));
    // Every coding is charted, so the chart says nothing is left out.
    CHECK(result.warnings.empty());
}

TEST_CASE("Chart --theme takes a name, a path or a GUID: a column holds codings of its code and below", "[chart]") {
    auto project = make_chart_project();
    for (std::string spec : std::vector<std::string>{"Theme", "Domain/Theme", "Domain > Theme", g("code:Theme")}) {
        Options o;
        o.add("theme", spec);
        auto result = run_chart(project, o);
        REQUIRE(result.json.at("themes").size() == 1);
        const auto& theme = result.json.at("themes").as_array()[0];
        CHECK(theme.at("code").as_string() == "Theme");
        // P10 is coded with Theme itself and with S1: a "coded directly" column comes first.
        REQUIRE(theme.at("columns").size() == 3);
        CHECK(theme.at("columns").as_array()[0].at("self").as_bool());
        const auto& p10 = row_in(theme, "P10");
        CHECK(cell_in(theme, p10, 0).at("excerpts").size() == 1);
        CHECK(cell_in(theme, p10, 1).at("excerpts").size() == 1);
        // P1's S1x coding shows in the S1 column.
        CHECK(cell_in(theme, row_in(theme, "P1"), 1).at("excerpts").size() == 1);
    }
    Options bad;
    bad.add("theme", "Thme");
    REQUIRE_THROWS_AS(run_chart(project, bad), framer::UsageError);
    try {
        run_chart(project, bad);
    } catch (const framer::UsageError& e) {
        CHECK(std::string(e.what()).find("Thme") != std::string::npos);
    }
}

TEST_CASE("Chart --flat gives one matrix of the leaf codes and of the codes with children coded themselves, and --show adds variables", "[chart]") {
    Options o;
    o.set("flat", "1");
    o.add("show", "Role");
    auto result = run_chart(make_chart_project(), o);
    REQUIRE(result.json.at("themes").size() == 1);
    const auto& theme = result.json.at("themes").as_array()[0];
    std::vector<std::string> columns;
    for (const auto& c : theme.at("columns").as_array()) columns.push_back(c.at("code").as_string());
    // Theme and S1 have children and are coded themselves (P10): their own codings get a column each.
    CHECK(columns == std::vector<std::string>{"Theme", "S1", "S1x", "S2", "O1", "O2"});
    CHECK(theme.at("columns").as_array()[0].at("self").as_bool());
    CHECK(theme.at("columns").as_array()[1].at("self").as_bool());
    CHECK_FALSE(theme.at("columns").as_array()[2].at("self").as_bool());
    // The S1 column holds P10's S1 coding only, not P1's S1x one (that has its own column).
    CHECK(cell_in(theme, row_in(theme, "P1"), 1).at("excerpts").size() == 0);
    CHECK(cell_in(theme, row_in(theme, "P10"), 1).at("excerpts").size() == 1);
    const auto& p10 = row_in(theme, "P10");
    CHECK(p10.at("attributes").at("Role").as_string() == "Therapist");
    CHECK(result.tables[0].header[0][1].text == "Role");
    Options bad;
    bad.add("show", "Rol");
    CHECK_THROWS_AS(run_chart(make_chart_project(), bad), framer::UsageError);
}

TEST_CASE("Chart shows the summary note of unit × code in its cell", "[chart]") {
    auto project = make_chart_project();
    framer::SummaryOptions so;
    so.now = "2026-01-02T03:04:05Z";
    framer::apply_summaries(project, {{"test", g("case:P2"), g("code:O2"), "P2 & O2 <summary>"}}, so);
    auto result = run_chart(project);
    const auto& other = theme_named(result.json, "Other");
    const auto& p2 = row_in(other, "P2");
    CHECK(cell_in(other, p2, 1).at("summary").as_string() == "P2 & O2 <summary>");
    CHECK(cell_in(other, p2, 0).at("summary").as_string() == "");
    // The document table's summary cell is editable and holds it too.
    const auto& table = result.tables[3];  // Domain, Theme, S1, Other
    REQUIRE(table.name == "Other");
    const auto rows = framer::test::body_rows(table);  // streamed: copied here
    REQUIRE(rows.size() > 2);
    const auto& row = rows[2];  // rows[0] is the hidden key row
    CHECK(row[4].editable);
    CHECK(row[4].text == "P2 & O2 <summary>");
}

TEST_CASE("Chart --per-unit lists each unit's codes in codebook order with their excerpts", "[chart]") {
    Options o;
    o.set("per-unit", "1");
    auto result = run_chart(make_chart_project(), o);
    const auto& units = result.json.at("units").as_array();
    REQUIRE(units.size() == 4);
    CHECK(units[0].at("unit").as_string() == "P1");
    std::vector<std::string> codes;
    for (const auto& c : units[0].at("codes").as_array()) codes.push_back(c.at("code").as_string());
    CHECK(codes == std::vector<std::string>{"S1x", "S2", "O1"});
    CHECK(units[2].at("codes").size() == 0);  // P3: nothing coded
    CHECK(units[0].at("codes").as_array()[0].at("excerpts").as_array()[0].at("text").as_string() ==
          slice_code_points(p1_text, 6, 23));
}

TEST_CASE("Chart excerpts of every sample equal the source text at the coded range", "[chart][samples]") {
    for (std::string name : {"recovery-study.qdpx", "recovery-study-nvivo.qdpx", "recovery-study-maxqda.qdpx"}) {
        INFO(name);
        auto project = framer::test::read_sample(name);
        refi::ProjectIndex index(project);
        Options o;
        o.set("per-unit", "1");
        auto result = run_chart(project, o);
        std::size_t checked = 0, non_ascii = 0, after_crlf = 0;
        for (const auto& unit : result.json.at("units").as_array())
            for (const auto& c : unit.at("codes").as_array())
                for (const auto& e : c.at("excerpts").as_array()) {
                    if (e.at("kind").as_string() != "text") continue;
                    const refi::Source* source = index.find_source(e.at("source_guid").as_string());
                    REQUIRE(source);
                    auto text = refi::load_plain_text(project, *source);
                    REQUIRE(text);
                    const refi::Selection* sel = index.find_selection(e.at("selection_guid").as_string());
                    REQUIRE(sel);
                    CHECK(e.at("start").as_int() == sel->start);
                    CHECK(e.at("end").as_int() == sel->end);
                    CHECK(e.at("text").as_string() == slice_code_points(*text, sel->start, sel->end));
                    ++checked;
                    auto s = e.at("text").as_string();
                    if (std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; }))
                        ++non_ascii;
                    auto crlf = text->find("\r\n");
                    if (crlf != std::string::npos &&
                        sel->start > static_cast<std::int64_t>(refi::count_code_points(text->substr(0, crlf))))
                        ++after_crlf;
                }
        CHECK(checked >= 60);
        CHECK(non_ascii > 0);
        CHECK(after_crlf > 0);
    }
}

TEST_CASE("Chart of the standard and NVivo samples shows the same excerpts (UTF-16 positions converted)", "[chart][samples]") {
    auto texts = [](const std::string& name) {
        Options o;
        o.set("per-unit", "1");
        auto result = run_chart(framer::test::read_sample(name), o);
        std::vector<std::string> all;
        for (const auto& unit : result.json.at("units").as_array())
            for (const auto& c : unit.at("codes").as_array())
                for (const auto& e : c.at("excerpts").as_array())
                    all.push_back(unit.at("unit").as_string() + "|" + c.at("code").as_string() + "|" +
                                  e.at("text").as_string());
        std::sort(all.begin(), all.end());
        return all;
    };
    CHECK(texts("recovery-study-nvivo.qdpx") == texts("recovery-study.qdpx"));
}

// ---- golden charts -------------------------------------------------------------------------------------------

namespace {

std::string normalise(std::string s) {
    // Dates would be volatile; the chart has none today, but a summary note's date must never break the golden.
    static const std::regex date(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return std::regex_replace(s, date, "<DATE>");
}

void check_golden(const std::string& file, const std::string& actual) {
    std::filesystem::path path = std::string(FRAMER_SOURCE_DIR) + "/tests/golden/chart/" + file;
    if (std::getenv("FRAMER_UPDATE_GOLDEN")) {
        framer::test::write_file(path, actual);
        WARN("rewrote " << path.string());
        return;
    }
    REQUIRE(std::filesystem::exists(path));
    CHECK(framer::test::read_file(path) == actual);
}

}  // namespace

TEST_CASE("Chart goldens for the samples in every format", "[chart][golden]") {
    struct Case { std::string sample, variant; Options options; };
    Options show, per_unit;
    show.add("show", "Role");
    per_unit.set("per-unit", "1");
    std::vector<Case> cases = {{"recovery-study.qdpx", "recovery-study", show},
                               {"recovery-study-maxqda.qdpx", "recovery-study-maxqda", {}},
                               {"recovery-study.qdpx", "recovery-study-per-unit", per_unit}};
    const auto& registry = framer::builtin_registry();
    ::setenv("COLUMNS", "80", 1);  // the txt exporter's width; goldens are at the default 80
    for (const auto& c : cases) {
        // The project outlives the result: the json exporter writes the chart's JSON from it (Result::write_json).
        const refi::Project project = framer::test::read_sample(c.sample);
        auto result = run_chart(project, c.options);
        for (const auto& exporter : registry.exporters()) {
            if (exporter->needs_figure()) continue;  // svg: a chart has no figure (tested in test_exporters)
            INFO(c.variant << "." << exporter->name());
            std::ostringstream out;
            exporter->write(result, out);
            std::string text = exporter->binary() ? framer::test::zip_dump(out.str()) : out.str();
            check_golden(c.variant + "." + exporter->name() + (exporter->binary() ? ".dump" : ""), normalise(text));
        }
    }
}

namespace {

/// Every excerpt of a chart's json (matrix or per-unit) as "unit|start|end|coder".
std::vector<std::string> excerpt_lines(const Json& json, bool per_unit) {
    std::vector<std::string> out;
    auto add = [&](const std::string& unit, const Json& excerpts) {
        for (const auto& e : excerpts.as_array())
            out.push_back(unit + "|" + std::to_string(e.at("start").as_int()) + "|" + std::to_string(e.at("end").as_int()) +
                          "|" + e.at("coder").as_string());
    };
    if (per_unit) {
        for (const auto& u : json.at("units").as_array())
            for (const auto& c : u.at("codes").as_array()) add(u.at("unit").as_string(), c.at("excerpts"));
    } else {
        for (const auto& t : json.at("themes").as_array())
            for (const auto& r : t.at("rows").as_array())
                for (const auto& c : r.at("cells").as_array()) add(r.at("unit").as_string(), c.at("excerpts"));
    }
    return out;
}

}  // namespace

TEST_CASE("Chart shows a range coded by two coders once, listing both", "[chart][coder]") {
    auto project = framer::test::read_sample("recovery-study.qdpx");
    for (bool per_unit : {false, true}) {
        INFO(per_unit);
        Options o;
        if (per_unit) o.set("per-unit", "1");
        auto lines = excerpt_lines(run_chart(project, o).json, per_unit);
        // SU4 415–499 was selected by Marta Núñez and by Daniel Okoro with the same code (the double coding).
        CHECK(std::count(lines.begin(), lines.end(), "SU4|415|499|Marta Núñez, Daniel Okoro") >= 1);
        CHECK(std::count(lines.begin(), lines.end(), "SU4|415|499|Marta Núñez") == 0);
        CHECK(std::count(lines.begin(), lines.end(), "SU4|415|499|Daniel Okoro") == 0);
        // Overlapping but different ranges stay apart: 848–882 (Marta) and 848–953 (Daniel).
        CHECK(std::count(lines.begin(), lines.end(), "SU4|848|882|Marta Núñez") >= 1);
        CHECK(std::count(lines.begin(), lines.end(), "SU4|848|953|Daniel Okoro") >= 1);
    }
    auto md = framer::builtin_registry().exporter("md");
    std::ostringstream out;
    md->write(run_chart(project), out);
    CHECK(out.str().find("SU4 415–499, Marta Núñez, Daniel Okoro") != std::string::npos);
}

TEST_CASE("Chart --coder keeps one coder's codings, the same columns, and says how many it left out", "[chart][coder]") {
    auto project = framer::test::read_sample("recovery-study.qdpx");
    framer::Result all = run_chart(project);
    Options o;
    o.set("coder", "Daniel Okoro");
    framer::Result daniel = run_chart(project, o);
    auto lines = excerpt_lines(daniel.json, false);
    REQUIRE(!lines.empty());
    for (const auto& l : lines) CHECK(l.substr(l.rfind('|') + 1) == "Daniel Okoro");
    CHECK(std::count(lines.begin(), lines.end(), "SU4|415|499|Daniel Okoro") >= 1);
    // The same matrices and columns as the whole project's chart.
    REQUIRE(daniel.json.at("themes").size() == all.json.at("themes").size());
    for (std::size_t t = 0; t < all.json.at("themes").size(); ++t)
        CHECK(daniel.json.at("themes").as_array()[t].at("columns").size() ==
              all.json.at("themes").as_array()[t].at("columns").size());
    // Nothing silent: the note counts the other coders' codings (Marta Núñez coded more than Daniel Okoro).
    std::string note;
    for (const auto& n : daniel.notes)
        if (n.rfind("Codings by Daniel Okoro only; ", 0) == 0) note = n;
    REQUIRE(!note.empty());
    std::smatch m;
    REQUIRE(std::regex_search(note, m, std::regex(R"(only; (\d+) codings by other coders left out)")));
    CHECK(std::stoi(m[1]) > static_cast<int>(lines.size()));
    Options unknown;
    unknown.set("coder", "Nobody");
    CHECK_THROWS_AS(run_chart(project, unknown), framer::UsageError);
}

TEST_CASE("Chart --per-unit groups rows under their domain and theme with short names and shows --show in every format", "[chart]") {
    auto project = framer::test::read_sample("recovery-study.qdpx");
    Options o;
    o.set("per-unit", "1");
    o.add("show", "Role");
    auto result = run_chart(project, o);
    const framer::Table& su4 = result.tables[0];
    CHECK(su4.name == "SU4 (Role: Service user)");
    const auto su4_rows = framer::test::body_rows(su4);  // streamed: copied here
    // Row 0 is the hidden key row; then the domain, the theme (bold, unkeyed), and the subtheme by its own name.
    REQUIRE(su4_rows.size() > 3);
    CHECK(su4_rows[1][0].text == "Domain 1: Processes of recovery");
    CHECK(su4_rows[1][0].bold);
    CHECK(su4_rows[1][3].text.empty());  // no key: `framer summaries` passes it by
    CHECK(su4_rows[2][0].text == "Process 1: Fighting ambivalence and committing to taking action");
    CHECK(su4_rows[2][0].indent == 1);
    CHECK(su4_rows[3][0].text == "Giving up, feeling held up by the past and scared of change");
    CHECK(su4_rows[3][0].indent == 2);
    CHECK_FALSE(su4_rows[3][0].bold);
    CHECK(su4_rows[3][3].text.rfind("code:", 0) == 0);
    // A domain heads its rows once.
    int domain_rows = 0;
    for (const auto& row : su4_rows) domain_rows += row[0].text == "Domain 1: Processes of recovery";
    CHECK(domain_rows == 1);
    for (const char* format : {"md", "html", "latex", "txt"}) {
        INFO(format);
        std::ostringstream out;
        framer::builtin_registry().exporter(format)->write(result, out);
        CHECK(out.str().find("Role: Service user") != std::string::npos);
    }
}

TEST_CASE("Chart --applies on a parent code reaches every code below it, and rules combine per code", "[chart][applies]") {
    auto project = framer::test::read_sample("recovery-study.qdpx");
    const std::string challenge = "Challenge 3: Confronting interpersonal difficulties and practicing new ways of relating";
    const std::string subtheme = "Feeling overwhelmed and exposed in group";
    // The sample has service users and therapists with and without group therapy: every combination is checked.
    auto check = [&](const std::vector<std::string>& rules, auto applies_to) {
        Options o;
        for (const auto& r : rules) o.add("applies", r);
        o.add("show", "Group therapy");
        o.add("show", "Role");
        auto result = run_chart(project, o);
        std::set<std::pair<bool, std::string>> seen;
        for (const auto& theme : result.json.at("themes").as_array()) {
            const auto& columns = theme.at("columns").as_array();
            for (std::size_t c = 0; c < columns.size(); ++c) {
                if (columns[c].at("code").as_string() != subtheme) continue;
                for (const auto& row : theme.at("rows").as_array()) {
                    const bool in_group = row.at("attributes").at("Group therapy").as_string() == "true";
                    const std::string role = row.at("attributes").at("Role").as_string();
                    INFO(row.at("unit").as_string() << ": group therapy " << in_group << ", " << role);
                    CHECK(cell_in(theme, row, c).contains("applies") == !applies_to(in_group, role));
                    seen.insert({in_group, role});
                }
            }
        }
        CHECK(seen.size() == 4);
    };
    // The challenge's rule reaches its subtheme, and the subtheme's own narrows it further.
    check({challenge + "=Group therapy:Yes", subtheme + "=Role:Therapist"},
          [](bool group, const std::string& role) { return group && role == "Therapist"; });
    // Two values of one variable widen the rule.
    check({challenge + "=Group therapy:Yes", subtheme + "=Role:Therapist", subtheme + "=Role:Service user"},
          [](bool group, const std::string&) { return group; });
}

TEST_CASE("Chart --applies marks the empty cells of units a subtheme does not apply to as n/a in every format", "[chart][applies]") {
    auto project = framer::test::read_sample("recovery-study.qdpx");
    Options o;
    o.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    o.add("show", "Group therapy");
    auto result = run_chart(project, o);
    std::size_t not_applicable = 0, applicable_empty = 0;
    for (const auto& theme : result.json.at("themes").as_array()) {
        const auto& columns = theme.at("columns").as_array();
        for (const auto& row : theme.at("rows").as_array()) {
            bool in_group = row.at("attributes").at("Group therapy").as_string() == "true";
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const Json& cell = cell_in(theme, row, c);
                if (columns[c].at("code").as_string() != "Feeling overwhelmed and exposed in group") {
                    CHECK_FALSE(cell.contains("applies"));
                    continue;
                }
                CHECK(cell.contains("applies") == !in_group);
                if (!in_group) ++not_applicable;
                else if (cell.at("excerpts").size() == 0) ++applicable_empty;
            }
        }
    }
    CHECK(not_applicable == 4);  // the four participants without group therapy
    CHECK(applicable_empty > 0);
    // Document tables and the csv say n/a there, and only there.
    std::size_t na_cells = 0;
    for (const auto& t : result.tables)
        framer::for_each_row(t, [&](const std::vector<framer::Cell>& row) {
            for (const auto& c : row) na_cells += c.text == "n/a";
        });
    CHECK(na_cells == 2 * not_applicable);  // the theme's matrix and the long csv
    for (const char* format : {"md", "html", "latex", "txt", "csv"}) {
        INFO(format);
        std::ostringstream out;
        framer::builtin_registry().exporter(format)->write(result, out);
        CHECK(out.str().find("n/a") != std::string::npos);
    }
    Options typo;
    typo.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Maybe");
    CHECK_THROWS_WITH(run_chart(project, typo), Catch::Contains("no unit has Group therapy = 'Maybe'"));
    Options per_unit;
    per_unit.set("per-unit", "1");
    per_unit.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    CHECK_THROWS_AS(run_chart(project, per_unit), framer::UsageError);
}

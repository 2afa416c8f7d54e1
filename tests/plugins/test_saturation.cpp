// saturation: the two stopping rules on published and hand-computed vectors, then the analysis on small built
// projects (order, ties, missing values, levels, groups, bad options) and on the samples (goldens).
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/registry.hpp"
#include "project_builder.hpp"
#include "refi/guid.hpp"
#include "saturation/rules.hpp"
#include "support/files.hpp"
#include "support/result_cells.hpp"

using framer::Json;
using framer::Options;
using framer::Result;
using framer::saturation::guest_rule;
using framer::saturation::window_rule;
using framer::test::ProjectBuilder;
using Counts = std::vector<std::size_t>;

namespace {

Result run_saturation(const refi::Project& project, const Options& options = {}) {
    const framer::Analysis* analysis = framer::builtin_registry().analysis("saturation");
    REQUIRE(analysis);
    return analysis->run(project, options);
}

/// Case units U1..Un, one source each; unit i is coded with the top-level codes named in codes[i].
ProjectBuilder study(const std::vector<std::vector<std::string>>& codes) {
    ProjectBuilder b;
    std::set<std::string> made;
    for (std::size_t u = 0; u < codes.size(); ++u) {
        const std::string name = "U" + std::to_string(u + 1);
        std::size_t s = b.source(name + " interview");
        b.add_case(name, {name + " interview"});
        for (const auto& c : codes[u]) {
            if (made.insert(c).second) b.code(c);
            b.coding(s, c);
        }
    }
    return b;
}

/// qdaR's vector 4,3,2,1,1,0,0,0 as codings: U1 C1-C4, U2 three new, ... U6-U8 only codes seen before.
ProjectBuilder qdar_study() {
    return study({{"C1", "C2", "C3", "C4"}, {"C1", "C5", "C6", "C7"}, {"C8", "C9", "C2"}, {"C10"}, {"C11", "C1"},
                  {"C1"}, {"C2", "C3"}, {"C11"}});
}

Counts new_codes(const Json& sequence) {
    Counts out;
    for (const auto& u : sequence.at("units").as_array()) out.push_back(static_cast<std::size_t>(u.at("new_codes").as_int()));
    return out;
}

std::vector<std::string> unit_names(const Json& sequence) {
    std::vector<std::string> out;
    for (const auto& u : sequence.at("units").as_array()) out.push_back(u.at("unit").as_string());
    return out;
}

bool has_warning(const Result& r, const std::string& part) {
    for (const auto& w : r.warnings)
        if (w.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("Guest's rule on qdaR's vector 4,3,2,1,1,0,0,0 gives a base of 10 codes and 5+2", "[saturation][rules]") {
    auto g = guest_rule({4, 3, 2, 1, 1, 0, 0, 0}, 4, 2, 0.05);
    CHECK(g.base_codes == 10);
    REQUIRE(g.runs.size() == 3);  // runs start after the base (unit 5) and slide by one: 5-6, 6-7, 7-8
    CHECK(g.runs[0].first == 4);
    CHECK(g.runs[0].new_codes == 1);
    CHECK(g.runs[0].ratio == Approx(0.10));
    CHECK_FALSE(g.runs[0].at_or_under);
    CHECK(g.runs[1].new_codes == 0);
    CHECK(g.runs[1].at_or_under);
    REQUIRE(g.confirming);
    CHECK(*g.confirming == 1);
    REQUIRE(g.saturated_after);
    CHECK(*g.saturated_after == 5);  // "5+2": five units, two more confirm
}

TEST_CASE("Guest's rule with a run of 3 on 4,3,2,1,0,0,0 gives 4+3", "[saturation][rules]") {
    auto g = guest_rule({4, 3, 2, 1, 0, 0, 0}, 4, 3, 0.05);
    CHECK(g.base_codes == 10);
    REQUIRE(g.saturated_after);
    CHECK(*g.saturated_after == 4);
}

TEST_CASE("Guest's rule never saturates a constant 4,4,4,...", "[saturation][rules]") {
    auto g = guest_rule(Counts(12, 4), 4, 2, 0.05);
    CHECK(g.base_codes == 16);
    CHECK(g.runs.size() == 7);
    for (const auto& r : g.runs) CHECK(r.ratio == Approx(0.5));
    CHECK_FALSE(g.confirming);
    CHECK_FALSE(g.saturated_after);
}

TEST_CASE("Guest's rule says so for fewer than base + run units and divides by nothing", "[saturation][rules]") {
    auto g = guest_rule({4, 3, 2, 1, 1}, 4, 2, 0.05);
    CHECK(g.too_few_units);
    CHECK(g.runs.empty());
    CHECK_FALSE(g.saturated_after);
    auto none = guest_rule({}, 4, 2, 0.05);
    CHECK(none.too_few_units);
    CHECK(none.base_codes == 0);
    // A base without codes cannot be a denominator.
    auto empty = guest_rule({0, 0, 0, 0, 1, 0}, 4, 2, 0.05);
    CHECK(empty.empty_base);
    CHECK(empty.runs.empty());
}

TEST_CASE("Guest's rule counts a run exactly at the threshold as saturated", "[saturation][rules]") {
    auto g = guest_rule({5, 5, 5, 5, 1, 0}, 4, 2, 0.05);  // 1 of 20 = 5%
    REQUIRE(g.runs.size() == 1);
    CHECK(g.runs[0].at_or_under);
    REQUIRE(g.saturated_after);
    CHECK(*g.saturated_after == 4);
    auto strict = guest_rule({5, 5, 5, 5, 1, 0, 0}, 4, 2, 0.0);  // 0%: the second run
    REQUIRE(strict.saturated_after);
    CHECK(*strict.saturated_after == 5);
}

TEST_CASE("The window rule reports whether the last K units added nothing and where that first held", "[saturation][rules]") {
    auto w = window_rule({4, 3, 2, 1, 1, 0, 0, 0}, 5);
    CHECK_FALSE(w.holds);
    CHECK_FALSE(w.first_held_after);
    CHECK(*w.last_new == 5);
    auto three = window_rule({4, 3, 2, 1, 1, 0, 0, 0}, 3);
    CHECK(three.holds);
    CHECK(*three.first_held_after == 8);
    // Quiet in the middle, then something new: it held once but does not hold at the end.
    auto middle = window_rule({3, 0, 0, 1, 0}, 2);
    CHECK_FALSE(middle.holds);
    CHECK(*middle.first_held_after == 3);
    CHECK(*middle.last_new == 4);
    CHECK_FALSE(window_rule({1, 0}, 5).holds);  // fewer units than the window
}

TEST_CASE("Saturation of a project in name order reproduces qdaR's 5+2", "[saturation]") {
    auto b = qdar_study();
    Result r = run_saturation(b.project());
    const Json& j = r.json;
    CHECK(j.at("order").as_string() == "name");
    CHECK(new_codes(j) == Counts{4, 3, 2, 1, 1, 0, 0, 0});
    CHECK(j.at("units").as_array()[7].at("cumulative").as_int() == 11);
    CHECK(j.at("units").as_array()[1].at("codes").dump(-1) == R"(["C5","C6","C7"])");
    CHECK(j.at("window").as_int() == 5);
    CHECK_FALSE(j.at("saturated").as_bool());
    const Json& g = j.at("guest");
    CHECK(g.at("base_codes").as_int() == 10);
    CHECK(g.at("saturated_after").as_int() == 5);
    CHECK(g.at("notation").as_string() == "5+2");
    CHECK(g.at("runs").size() == 3);
    CHECK(g.at("runs").as_array()[1].at("units").dump(-1) == R"(["U6","U7"])");
    CHECK(r.notes.front().find("8 cases with codings in interview order: by unit name") == 0);
    bool said = false;
    for (const auto& n : r.notes)
        said = said || n.find("saturated at 5+2: saturated after 5 cases; the run 6\u20137 (U6, U7) added 0 new "
                              "code(s), 0% of the 10 base codes") != std::string::npos;
    CHECK(said);
}

TEST_CASE("Saturation orders by a date variable, breaks ties by name and puts missing values last, saying so", "[saturation][order]") {
    auto b = qdar_study();
    b.variable("Interview date", refi::VariableType::Date);
    // U2 was interviewed first; U3 and U4 on the same day; U8 has no date.
    const std::vector<std::string> dates = {"2020-01-02", "2020-01-01", "2020-01-05", "2020-01-05",
                                            "2020-01-06", "2020-01-07", "2020-01-08", ""};
    for (std::size_t c = 0; c < dates.size(); ++c)
        if (!dates[c].empty()) b.case_value(c, "Interview date", dates[c], refi::VariableType::Date);
    Result r = run_saturation(b.project());
    CHECK(r.json.at("order").as_string() == "Interview date");
    CHECK(unit_names(r.json) == std::vector<std::string>{"U2", "U1", "U3", "U4", "U5", "U6", "U7", "U8"});
    CHECK(new_codes(r.json) == Counts{4, 3, 2, 1, 1, 0, 0, 0});  // U2 first: C1,C5,C6,C7; then U1: C2,C3,C4
    CHECK(r.json.at("units").as_array()[7].at("value").is_null());
    CHECK(has_warning(r, "1 group(s) of units share a Interview date (2020-01-05: U3, U4); within a tie they are "
                         "taken in natural name order"));
    CHECK(has_warning(r, "1 unit(s) have no Interview date and come last, in natural name order: U8"));
    // The default picks the date variable and says it did.
    CHECK(r.json.at("order_description").as_string().find("the project's first date variable") != std::string::npos);
    // --order name overrides it.
    Options by_name;
    by_name.set("order", "name");
    CHECK(unit_names(run_saturation(b.project(), by_name).json).front() == "U1");
}

TEST_CASE("Saturation orders by an Integer variable numerically and by source creation dates", "[saturation][order]") {
    auto b = study({{"A"}, {"B"}, {"C"}});
    b.variable("Interview number", refi::VariableType::Integer);
    b.case_value(0, "Interview number", "10", refi::VariableType::Integer);
    b.case_value(1, "Interview number", "9", refi::VariableType::Integer);
    b.case_value(2, "Interview number", "100", refi::VariableType::Integer);
    Options o;
    o.set("order", "interview number");  // case-insensitive, as every variable lookup
    CHECK(unit_names(run_saturation(b.project(), o).json) == std::vector<std::string>{"U2", "U1", "U3"});
    b.project().sources[0].authorship.creation_date_time = "2021-05-01T10:00:00Z";
    b.project().sources[1].authorship.creation_date_time = "2021-04-01T10:00:00Z";
    Options dates;
    dates.set("order", "source-date");
    Result r = run_saturation(b.project(), dates);
    CHECK(unit_names(r.json) == std::vector<std::string>{"U2", "U1", "U3"});
    CHECK(has_warning(r, "have no source creationDateTime and come last, in natural name order: U3"));
}

TEST_CASE("Saturation at theme level counts a subtheme as its theme", "[saturation][level]") {
    ProjectBuilder b;
    b.code("Domain", false);
    b.code("Domain/Theme A");
    b.code("Domain/Theme A/Sub 1");
    b.code("Domain/Theme A/Sub 2");
    b.code("Domain/Theme B");  // a theme without subthemes: itself, not its domain
    for (const char* u : {"P1", "P2", "P3"}) {
        b.source(u);
        b.add_case(u, {u});
    }
    b.coding(0, "Domain/Theme A/Sub 1");
    b.coding(1, "Domain/Theme A/Sub 2");
    b.coding(2, "Domain/Theme B");
    CHECK(new_codes(run_saturation(b.project()).json) == Counts{1, 1, 1});
    Options themes;
    themes.set("level", "theme");
    Result r = run_saturation(b.project(), themes);
    CHECK(new_codes(r.json) == Counts{1, 0, 1});
    CHECK(r.json.at("units").as_array()[0].at("codes").dump(-1) == R"(["Theme A"])");
    CHECK(r.json.at("units").as_array()[2].at("paths").dump(-1) == R"(["Domain > Theme B"])");
    CHECK(r.json.at("level").as_string() == "theme");
}

TEST_CASE("Saturation --by assesses each group on its own", "[saturation][by]") {
    auto b = qdar_study();
    b.variable("Role");
    // Odd units are service users, even ones therapists.
    for (std::size_t c = 0; c < 8; ++c) b.case_value(c, "Role", c % 2 == 0 ? "Service user" : "Therapist");
    Options o;
    o.set("by", "role");
    o.set("base", "2");
    o.set("run", "1");
    Result r = run_saturation(b.project(), o);
    CHECK(r.json.at("by").as_string() == "Role");
    const auto& groups = r.json.at("groups").as_array();
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].at("group").as_string() == "Service user");
    CHECK(unit_names(groups[0]) == std::vector<std::string>{"U1", "U3", "U5", "U7"});
    // U1 C1-C4; U3 C8,C9 (C2 seen); U5 C11 (C1 seen); U7 nothing new.
    CHECK(new_codes(groups[0]) == Counts{4, 2, 1, 0});
    CHECK(new_codes(groups[1]) == Counts{4, 1, 0, 1});  // U2 C1,C5-C7; U4 C10; U6 C1 seen; U8 C11 new here
    CHECK(groups[0].at("guest").at("base_codes").as_int() == 6);
    CHECK(groups[0].at("guest").at("notation").as_string() == "3+1");  // 1/6 = 17%, then 0
    CHECK(groups[1].at("guest").at("notation").as_string() == "2+1");   // base 5; U6 adds 0
    CHECK(new_codes(r.json) == Counts{4, 3, 2, 1, 1, 0, 0, 0});  // the whole sequence is still there
}

TEST_CASE("Saturation leaves uncoded units out of the sequence and names them", "[saturation]") {
    auto b = study({{"A"}, {}, {"B"}});
    Result r = run_saturation(b.project());
    CHECK(unit_names(r.json) == std::vector<std::string>{"U1", "U3"});
    CHECK(r.json.at("left_out").dump(-1) == R"(["U2"])");
    CHECK(has_warning(r, "1 case(s) without codings left out of the sequence (not coded yet?): U2"));
    CHECK(r.json.at("guest").at("too_few_units").as_bool());
    CHECK(r.json.at("guest").at("notation").is_null());
}

TEST_CASE("Saturation refuses a project without codings and bad options", "[saturation][errors]") {
    auto empty = study({{}, {}});
    CHECK_THROWS_WITH(run_saturation(empty.project()), Catch::Contains("the project has no codings of its cases"));
    auto b = qdar_study();
    b.variable("Interview date", refi::VariableType::Date);
    b.variable("Role");
    auto usage = [&](const char* key, const char* value, const std::string& message) {
        Options o;
        o.set(key, value);
        INFO(key << " " << value);
        CHECK_THROWS_AS(run_saturation(b.project(), o), framer::UsageError);
        CHECK_THROWS_WITH(run_saturation(b.project(), o), Catch::Contains(message));
    };
    usage("order", "Interview dat", "did you mean 'Interview date'");
    usage("order", "Role", "variable 'Role' is Text, which has no order");
    usage("by", "Rol", "did you mean 'Role'");
    usage("level", "themes2", "unknown level 'themes2'");
    usage("threshold", "5", "expected a proportion from 0 to 1 (0.05) or a percentage (5%)");
    usage("base", "0", "--base '0': expected a whole number of at least 1");
    usage("coder", "Nobody", "Nobody");
    Options percent;
    percent.set("threshold", "10%");
    CHECK(run_saturation(b.project(), percent).json.at("guest").at("threshold").as_double() == Approx(0.10));
}

TEST_CASE("Saturation of the seed-table2 sample in interview order (source dates)", "[saturation][sample]") {
    const refi::Project project = framer::test::read_sample("seed-table2.qdpx");
    Options o;
    o.set("order", "source-date");
    Result r = run_saturation(project, o);
    const auto& units = r.json.at("units").as_array();
    REQUIRE(units.size() == 63);
    // Interview order: creation dates never decrease; within a day, natural name order.
    for (std::size_t i = 1; i < units.size(); ++i) CHECK(units[i - 1].at("value").as_string() <= units[i].at("value").as_string());
    CHECK(units.front().at("value").as_string() == "2013-01-10T10:00:00Z");
    CHECK(has_warning(r, "share a source creationDateTime"));
    // Every directly coded code is first seen exactly once.
    std::set<std::string> coded;
    auto walk = [&](const refi::Source& s) {
        for (const auto& sel : s.selections)
            for (const auto& c : sel.codings) coded.insert(refi::normalize_guid(c.code.target));
        for (const auto& c : s.codings) coded.insert(refi::normalize_guid(c.code.target));
    };
    for (const auto& s : project.sources) walk(s);
    std::int64_t total = 0;
    for (const auto& u : units) total += u.at("new_codes").as_int();
    CHECK(total == static_cast<std::int64_t>(coded.size()));
    CHECK(units.back().at("cumulative").as_int() == total);
    // The verdict follows from the per-unit counts by the rule.
    auto g = guest_rule(new_codes(r.json), 4, 2, 0.05);
    const Json& guest = r.json.at("guest");
    CHECK(guest.at("base_codes").as_int() == static_cast<std::int64_t>(g.base_codes));
    CHECK(guest.at("saturated").as_bool() == g.saturated_after.has_value());
}

TEST_CASE("Saturation goldens: md, csv and json of the samples", "[saturation][golden]") {
    struct Case { std::string sample, variant; Options options; };
    Options by_role;
    by_role.set("by", "Role");
    std::vector<Case> cases = {{"recovery-study.qdpx", "recovery-study", {}},
                               {"recovery-study.qdpx", "recovery-study-by-role", by_role}};
    for (const auto& c : cases) {
        const Result result = run_saturation(framer::test::read_sample(c.sample), c.options);
        for (const std::string format : {"md", "csv", "json"}) {
            INFO(c.variant << "." << format);
            std::ostringstream out;
            framer::builtin_registry().exporter(format)->write(result, out);
            const std::filesystem::path path =
                std::string(FRAMER_SOURCE_DIR) + "/tests/golden/saturation/" + c.variant + "." + format;
            if (std::getenv("FRAMER_UPDATE_GOLDEN")) {
                framer::test::write_file(path, out.str());
                WARN("rewrote " << path.string());
                continue;
            }
            REQUIRE(std::filesystem::exists(path));
            CHECK(framer::test::read_file(path) == out.str());
        }
    }
}

namespace {

using framer::test::render;

/// Points per series name in an SVG document (one element of class "point" per category).
std::map<std::string, std::size_t> points_per_series(const pugi::xml_node& root) {
    std::map<std::string, std::size_t> out;
    for (const auto& g : root.select_nodes("//g[@class='series']")) {
        std::size_t n = 0;
        for (const auto& p : g.node().children())
            if (std::string(p.attribute("class").value()) == "point") ++n;
        out[g.node().attribute("data-name").value()] = n;
    }
    return out;
}

}  // namespace

TEST_CASE("The saturation svg parses as XML with one point per unit per series and marks base and run", "[saturation][svg]") {
    auto b = qdar_study();
    Result r = run_saturation(b.project());
    REQUIRE(r.figures.size() == 1);
    const std::string svg = render("svg", r);
    pugi::xml_document doc;
    const auto parsed = doc.load_string(svg.c_str());
    INFO(parsed.description());
    REQUIRE(parsed);
    CHECK(std::string(doc.document_element().name()) == "svg");
    const auto points = points_per_series(doc);
    CHECK(points == std::map<std::string, std::size_t>{{"Cumulative codes", 8}, {"New codes", 8}});
    // The bars' heights follow the counts: the first is the tallest (4), the last three are flat (0).
    std::vector<double> heights;
    for (const auto& x : doc.select_nodes("//g[@data-name='New codes']/rect[@class='point']"))
        heights.push_back(x.node().attribute("height").as_double());
    REQUIRE(heights.size() == 8);
    CHECK(heights[0] > heights[1]);
    CHECK(heights[7] == 0);
    std::vector<std::string> marks;
    for (const auto& m : doc.select_nodes("//g[@class='mark']"))
        marks.push_back(std::string(m.node().child("text").text().get()) + "@" + m.node().attribute("data-first").value() +
                        "-" + m.node().attribute("data-last").value());
    CHECK(marks == std::vector<std::string>{"base (4)@0-3", "confirming run (5+2)@5-6"});
    CHECK(svg.find("U8: 11 Cumulative codes") != std::string::npos);
    // html embeds the same picture inline (self-contained: no external reference).
    const std::string html = render("html", r);
    CHECK(html.find(svg.substr(svg.find("<svg"))) != std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    // md has no figure, but the table carries the same numbers.
    CHECK(render("md", r).find("<svg") == std::string::npos);
}

TEST_CASE("The saturation svg draws one figure per group with --by", "[saturation][svg]") {
    const refi::Project project = framer::test::read_sample("recovery-study.qdpx");
    Options o;
    o.set("by", "Role");
    Result r = run_saturation(project, o);
    REQUIRE(r.figures.size() == 3);  // all cases, service users, therapists
    pugi::xml_document doc;
    REQUIRE(doc.load_string(render("svg", r).c_str()));
    CHECK(doc.select_nodes("//g[@class='figure']").size() == 3);
    std::vector<std::size_t> line_points;
    for (const auto& g : doc.select_nodes("//g[@data-name='Cumulative codes']"))
        line_points.push_back(g.node().select_nodes("circle[@class='point']").size());
    CHECK(line_points == std::vector<std::size_t>{12, 8, 4});
}

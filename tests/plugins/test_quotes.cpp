// quotes: the selection rule on hand-made candidates, label templates, and the analysis on the samples (exact
// excerpts from distinct units with the right labels, determinism, goldens).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/registry.hpp"
#include "core/units.hpp"
#include "project_builder.hpp"
#include "quotes/label.hpp"
#include "quotes/select.hpp"
#include "refi/text.hpp"
#include "support/files.hpp"

using framer::Options;
using framer::Result;
using framer::quotes::Candidate;
using framer::quotes::Length;
using framer::quotes::Selector;

namespace {

Candidate cand(int unit, std::string spread, std::string coder, std::size_t words, std::string key,
               bool direct = true) {
    Candidate c;
    c.unit = unit;
    c.spread = std::move(spread);
    c.coder = std::move(coder);
    c.words = words;
    c.key = std::move(key);
    c.direct = direct;
    return c;
}

std::vector<int> units_of(const std::vector<Candidate>& cs, const std::vector<framer::quotes::Pick>& picks) {
    std::vector<int> out;
    for (const auto& p : picks) out.push_back(cs[p.candidate].unit);
    return out;
}

Result run_quotes(const refi::Project& project, const Options& options) {
    const framer::Analysis* quotes = framer::builtin_registry().analysis("quotes");
    REQUIRE(quotes);
    return quotes->run(project, options);
}

}  // namespace

TEST_CASE("Quote selection spreads picks across the spread variable's values, then across coders", "[quotes][rule]") {
    // Units 0-2 are DBT, 3 is MBT; the DBT excerpts are longer, yet the second pick goes to MBT.
    std::vector<Candidate> cs = {cand(0, "DBT", "A", 30, "a"), cand(1, "DBT", "A", 29, "b"),
                                 cand(2, "DBT", "B", 28, "c"), cand(3, "MBT", "A", 12, "d")};
    Selector selector(5, 100);
    auto picks = selector.choose(cs, 3);
    CHECK(units_of(cs, picks) == std::vector<int>{0, 3, 2});  // third: DBT again, but by the coder not yet used
    for (const auto& p : picks) CHECK(p.length == Length::Within);
}

TEST_CASE("Quote selection takes each quote of a code from a different unit", "[quotes][rule]") {
    std::vector<Candidate> cs = {cand(0, "", "A", 40, "a"), cand(0, "", "A", 39, "b"), cand(1, "", "A", 6, "c")};
    Selector selector(5, 100);
    auto picks = selector.choose(cs, 3);
    CHECK(units_of(cs, picks) == std::vector<int>{0, 1});  // only two units: two quotes, not three
    CHECK(cs[picks[0].candidate].key == "a");
}

TEST_CASE("Quote selection never reuses an excerpt for a second code while another exists", "[quotes][rule]") {
    Selector selector(5, 100);
    std::vector<Candidate> first = {cand(0, "", "A", 50, "shared"), cand(1, "", "A", 10, "other")};
    auto p1 = selector.choose(first, 1);
    REQUIRE(first[p1[0].candidate].key == "shared");
    // The second code has the same excerpt (longest) and a shorter one: the shorter one is taken.
    std::vector<Candidate> second = {cand(0, "", "A", 50, "shared"), cand(2, "", "A", 6, "mine")};
    auto p2 = selector.choose(second, 1);
    CHECK(second[p2[0].candidate].key == "mine");
    CHECK_FALSE(p2[0].reused);
    // A third code with nothing but the shared excerpt gets it, marked as reused.
    std::vector<Candidate> third = {cand(0, "", "A", 50, "shared")};
    auto p3 = selector.choose(third, 1);
    REQUIRE(p3.size() == 1);
    CHECK(p3[0].reused);
}

TEST_CASE("Quote selection prefers the word bounds and takes a long excerpt only when no shorter exists", "[quotes][rule]") {
    Selector selector(5, 20);
    std::vector<Candidate> cs = {cand(0, "", "A", 200, "long"), cand(1, "", "A", 3, "short"),
                                 cand(2, "", "A", 150, "long2")};
    auto picks = selector.choose(cs, 3);
    REQUIRE(picks.size() == 3);
    CHECK(cs[picks[0].candidate].key == "short");   // under the minimum beats over the maximum
    CHECK(picks[0].length == Length::Short);
    CHECK(cs[picks[1].candidate].key == "long2");   // of the long ones, the shorter
    CHECK(picks[1].length == Length::Long);
    CHECK(cs[picks[2].candidate].key == "long");
}

TEST_CASE("Quote selection prefers a theme's own codings to those of its subthemes", "[quotes][rule]") {
    Selector selector(5, 100);
    std::vector<Candidate> cs = {cand(0, "", "A", 60, "below", false), cand(1, "", "A", 8, "own", true)};
    auto picks = selector.choose(cs, 1);
    CHECK(cs[picks[0].candidate].key == "own");
}

TEST_CASE("Quote selection spreads across participants over all codes", "[quotes][rule]") {
    Selector selector(0, 0);
    std::vector<Candidate> a = {cand(0, "", "A", 10, "a0"), cand(1, "", "A", 10, "a1")};
    std::vector<Candidate> b = {cand(0, "", "A", 10, "b0"), cand(1, "", "A", 10, "b1")};
    auto pa = selector.choose(a, 1);
    auto pb = selector.choose(b, 1);
    CHECK(a[pa[0].candidate].unit == 0);
    CHECK(b[pb[0].candidate].unit == 1);  // unit 0 was quoted already
}

TEST_CASE("Words are counted between white space", "[quotes]") {
    CHECK(framer::quotes::count_words("") == 0);
    CHECK(framer::quotes::count_words("  one  ") == 1);
    CHECK(framer::quotes::count_words("I’m scared\nof all them feelings") == 6);
}

TEST_CASE("Label templates fill the unit and its variables and leave out missing values", "[quotes][label]") {
    framer::test::ProjectBuilder b;
    b.variable("Treatment");
    b.variable("Role");
    auto project = b.project();
    framer::Unit su;
    su.name = "SU26";
    su.variables = {{"Treatment", "DBT"}, {"Role", "Service user"}};
    framer::Unit t;
    t.name = "T33";
    t.variables = {{"Role", "Therapist"}};
    using framer::quotes::LabelTemplate;
    CHECK(LabelTemplate(project, "{unit}, {Treatment}").render(su) == "SU26, DBT");
    CHECK(LabelTemplate(project, "{unit}, {Treatment}").render(t) == "T33");
    CHECK(LabelTemplate(project, "{unit} ({Treatment})").render(t) == "T33");
    CHECK(LabelTemplate(project, "{unit} ({Treatment})").render(su) == "SU26 (DBT)");
    CHECK(LabelTemplate(project, "{Treatment}: {unit}").render(t) == "T33");
    CHECK(LabelTemplate(project, "{unit}, {treatment}, {Role}").render(t) == "T33, Therapist");
    CHECK(LabelTemplate(project, "P-{unit} {{x}}").render(t) == "P-T33 {x}");
    CHECK(LabelTemplate(project, "{unit}, {Role}").variables() == std::vector<std::string>{"Role"});
    CHECK_THROWS_WITH(LabelTemplate(project, "{unit}, {Treatmnt}"), Catch::Contains("did you mean 'Treatment'"));
    CHECK_THROWS_AS(LabelTemplate(project, "{unit"), framer::UsageError);
}

TEST_CASE("Quotes are exact excerpts from distinct units with the right labels", "[quotes]") {
    for (const std::string sample : {"recovery-study.qdpx", "recovery-study-nvivo.qdpx", "seed-table2.qdpx"}) {
        INFO(sample);
        const refi::Project project = framer::test::read_sample(sample);
        Options options;
        options.set("label", "{unit}, {Treatment}");
        options.set("per-code", "3");
        const Result result = run_quotes(project, options);
        const auto units = framer::build_units(project, framer::UnitKind::Case);
        std::map<std::string, const framer::Unit*> by_name;
        for (const auto& u : units) by_name[u.name] = &u;
        std::map<std::string, const refi::Source*> sources;
        for (const auto& s : project.sources) sources[*s.name] = &s;
        const auto& codes = result.json.at("codes").as_array();
        REQUIRE(!codes.empty());
        std::size_t quotes = 0;
        for (const auto& code : codes) {
            std::set<std::string> seen_units;
            for (const auto& q : code.at("quotes").as_array()) {
                ++quotes;
                const std::string unit = q.at("unit").as_string();
                CHECK(seen_units.insert(unit).second);
                REQUIRE(by_name.count(unit));
                auto t = by_name[unit]->variables.find("Treatment");
                CHECK(q.at("label").as_string() ==
                      (t == by_name[unit]->variables.end() ? unit : unit + ", " + t->second));
                const refi::Source* source = sources.at(q.at("source").as_string());
                auto text = refi::load_plain_text(project, *source);
                REQUIRE(text);
                CHECK(q.at("text").as_string() == framer::test::slice_code_points(
                                                      *text, q.at("start").as_int(), q.at("end").as_int()));
            }
            CHECK(code.at("quotes").size() <= 3);
        }
        CHECK(quotes >= codes.size());
    }
}

TEST_CASE("Quotes are the same on every run and follow --code, --coder and --exclude-unit", "[quotes]") {
    const refi::Project project = framer::test::read_sample("recovery-study.qdpx");
    Options options;
    options.set("label", "{unit}, {Treatment}");
    options.set("per-code", "2");
    CHECK(run_quotes(project, options).json.dump() == run_quotes(project, options).json.dump());

    Options one;
    one.add("code", "Taking responsibility");
    one.set("per-code", "50");
    one.add("exclude-unit", "SU13");
    one.set("coder", "Marta Núñez");
    const Result r = run_quotes(project, one);
    const auto& codes = r.json.at("codes").as_array();
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].at("code").as_string() == "Taking responsibility");
    REQUIRE(codes[0].at("quotes").size() > 0);
    for (const auto& q : codes[0].at("quotes").as_array()) {
        CHECK(q.at("unit").as_string() != "SU13");
        CHECK(q.at("coder").as_string() == "Marta Núñez");
    }
    bool noted = false;
    for (const auto& n : r.notes) noted |= n.find("excluded (SU13)") != std::string::npos;
    CHECK(noted);
}

TEST_CASE("Quotes refuse bad options and a project without codings", "[quotes][errors]") {
    const refi::Project project = framer::test::read_sample("recovery-study.qdpx");
    auto with = [](const char* key, const char* value) {
        Options o;
        o.set(key, value);
        return o;
    };
    CHECK_THROWS_WITH(run_quotes(project, with("code", "Taking responsibilty")), Catch::Contains("did you mean"));
    CHECK_THROWS_WITH(run_quotes(project, with("spread", "Rol")), Catch::Contains("did you mean 'Role'"));
    CHECK_THROWS_WITH(run_quotes(project, with("exclude-unit", "SU99")), Catch::Contains("unknown unit 'SU99'"));
    CHECK_THROWS_AS(run_quotes(project, with("per-code", "0")), framer::UsageError);
    CHECK_THROWS_AS(run_quotes(project, with("per-code", "two")), framer::UsageError);
    Options bounds;
    bounds.set("min-words", "20");
    bounds.set("max-words", "10");
    CHECK_THROWS_AS(run_quotes(project, bounds), framer::UsageError);

    framer::test::ProjectBuilder b;
    b.code("Theme");
    b.source("S1");
    try {
        run_quotes(b.project(), {});
        FAIL("no error");
    } catch (const framer::UsageError&) {
        FAIL("a project without codings is not a usage error");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()).find("no codings") != std::string::npos);
    }
}

TEST_CASE("Quotes goldens: Box 1 markdown, csv and json of the sample", "[quotes][golden]") {
    const refi::Project project = framer::test::read_sample("recovery-study.qdpx");
    Options options;
    options.set("label", "{unit}, {Treatment}");
    options.set("per-code", "2");
    const Result result = run_quotes(project, options);
    for (const std::string format : {"md", "csv", "json", "html", "latex"}) {
        INFO(format);
        std::ostringstream out;
        framer::builtin_registry().exporter(format)->write(result, out);
        std::filesystem::path path =
            std::string(FRAMER_SOURCE_DIR) + "/tests/golden/quotes/recovery-study." + format;
        if (std::getenv("FRAMER_UPDATE_GOLDEN")) {
            framer::test::write_file(path, out.str());
            WARN("rewrote " << path.string());
            continue;
        }
        REQUIRE(std::filesystem::exists(path));
        CHECK(framer::test::read_file(path) == out.str());
    }
    // The Box 1 layout: code path as headings, a quote in curly quotes followed by its label.
    std::ostringstream md;
    framer::builtin_registry().exporter("md")->write(result, md);
    CHECK(md.str().find("## Domain 1: Processes of recovery\n\n### Process 1: Fighting ambivalence") != std::string::npos);
    CHECK(md.str().find("\u201D (SU4, DBT)\n") != std::string::npos);
    CHECK(md.str().find("| Quotation |") == std::string::npos);  // the table is for xlsx/latex only
}

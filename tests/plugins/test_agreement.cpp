// The agreement analysis on projects built here (the published vectors through the whole analysis, degenerate
// cases) and on the samples (perfect double coding in seed-table2, dialect independence, goldens).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <sstream>

#include "core/registry.hpp"
#include "refi/guid.hpp"
#include "refi/io.hpp"
#include "support/files.hpp"
#include "support/zip_dump.hpp"

using namespace framer;
using Catch::Detail::Approx;

namespace {

std::string gid(const std::string& name) { return refi::make_guid_from("agreement-test", name); }

/// Two coders, codes by name, text sources, and codings as [start, end) spans.
class Study {
public:
    Study() {
        m_p.name = "agreement test";
        for (const char* u : {"Ann", "Bob", "Cy"}) {
            refi::User user;
            user.guid = gid("user:" + std::string(u));
            user.name = u;
            m_p.users.push_back(user);
        }
    }
    void code(const std::string& name) {
        refi::Code c;
        c.guid = gid("code:" + name);
        c.name = name;
        m_p.codes.push_back(c);
    }
    void source(const std::string& name, const std::string& text) {
        refi::Source s;
        s.guid = gid("source:" + name);
        s.name = name;
        s.plain_text_content = text;
        m_p.sources.push_back(s);
    }
    void coding(const std::string& source, const std::string& user, const std::string& code, std::int64_t start,
                std::int64_t end) {
        refi::Selection sel;
        sel.guid = gid("sel:" + std::to_string(m_n++));
        sel.start = start;
        sel.end = end;
        sel.authorship.creating_user = gid("user:" + user);
        refi::Coding c;
        c.guid = gid("coding:" + std::to_string(m_n++));
        c.code.target = gid("code:" + code);
        sel.codings.push_back(c);
        for (auto& s : m_p.sources)
            if (s.name == source) s.selections.push_back(sel);
    }
    refi::Project& project() { return m_p; }
private:
    refi::Project m_p;
    int m_n = 0;
};

Result run(const refi::Project& p, Options options) {
    const Analysis* a = builtin_registry().analysis("agreement");
    REQUIRE(a);
    return a->run(p, options);
}
Options coders(const std::string& spec) {
    Options o;
    o.set("coders", spec);
    return o;
}
const Json& code_entry(const Result& r, const std::string& name) {
    for (const auto& c : r.json.at("codes").as_array())
        if (c.at("code").as_string() == name) return c;
    FAIL("no code " << name);
    throw std::logic_error("unreachable");
}
refi::Project sample(const std::string& name) {
    refi::Diagnostics d;
    return refi::read_project(std::string(FRAMER_SOURCE_DIR) + "/samples/" + name, d);
}
/// Every number in a JSON value is finite (the JSON writer would print NaN as text otherwise).
void check_finite(const Json& j) {
    if (j.is_number()) CHECK(std::isfinite(j.as_double()));
    if (j.is_array()) for (const auto& x : j.as_array()) check_finite(x);
    if (j.is_object()) for (const auto& [k, v] : j.as_object()) check_finite(v);
}

}  // namespace

TEST_CASE("Agreement on NVivo's example document: 85%, kappa 0.318, 2x2 counts with the denominators", "[agreement]") {
    Study s;
    s.code("Theme");
    s.source("D1", std::string(1000, 'x'));
    s.coding("D1", "Ann", "Theme", 0, 150);   // A: 150 characters
    s.coding("D1", "Bob", "Theme", 100, 200); // B: 100, of which 50 shared
    Result r = run(s.project(), coders("Ann,Bob"));
    const Json& chars = code_entry(r, "Theme").at("characters");
    CHECK(chars.at("characters").as_int() == 1000);
    CHECK(chars.at("both").as_int() == 50);
    CHECK(chars.at("a_only").as_int() == 100);
    CHECK(chars.at("b_only").as_int() == 50);
    CHECK(chars.at("neither").as_int() == 800);
    CHECK(chars.at("agreement").as_double() == Approx(85.0));
    CHECK(chars.at("agreement_coded").as_double() == Approx(25.0));
    CHECK(chars.at("kappa").as_double() == Approx(0.3182));
    // The disagreements are the two runs only one coder coded, with exact positions.
    const auto& dis = r.json.at("disagreements").as_array();
    REQUIRE(dis.size() == 2);
    CHECK(dis[0].at("coded_by").as_string() == "Ann");
    CHECK(dis[0].at("start").as_int() == 0);
    CHECK(dis[0].at("end").as_int() == 100);
    CHECK(dis[1].at("coded_by").as_string() == "Bob");
    CHECK(dis[1].at("start").as_int() == 150);
    CHECK(dis[1].at("end").as_int() == 200);
    CHECK(dis[1].at("text").as_string() == std::string(50, 'x'));
}

TEST_CASE("Agreement on ATLAS.ti's ten-unit example: 60%, kappa 0.0909, alpha 0.0952", "[agreement]") {
    Study s;
    s.code("C");
    s.source("D", "abcdefghij");
    s.coding("D", "Ann", "C", 0, 2);                    // 1100000000
    for (auto [a, b] : {std::pair{1, 3}, {5, 6}, {7, 8}})  // 0110010100
        s.coding("D", "Bob", "C", a, b);
    Result r = run(s.project(), coders("Ann,Bob"));
    const Json& chars = code_entry(r, "C").at("characters");
    CHECK(chars.at("agreement").as_double() == Approx(60.0));
    CHECK(chars.at("kappa").as_double() == Approx(0.0909));
    CHECK(chars.at("alpha").as_double() == Approx(0.0952));
    const Json& seg = code_entry(r, "C").at("segments");
    CHECK(seg.at("a").as_int() == 1);
    CHECK(seg.at("b").as_int() == 3);
    CHECK(seg.at("matched").as_int() == 0);  // [0,2) and [1,3) overlap by 1 of 2: 50% < 90%
    // Text of each run, in code points.
    std::vector<std::string> texts;
    for (const auto& d : r.json.at("disagreements").as_array()) texts.push_back(d.at("text").as_string());
    CHECK(texts == std::vector<std::string>{"a", "c", "f", "h"});
}

TEST_CASE("Code presence pools document-code pairs and Brennan and Prediger's k is stated and settable", "[agreement]") {
    // 5 documents x 3 codes = 15 pairs; Ann used every code everywhere, Bob all but one: p_o = 14/15.
    Study s;
    for (const char* c : {"C1", "C2", "C3"}) s.code(c);
    for (int d = 1; d <= 5; ++d) {
        const std::string doc = "D" + std::to_string(d);
        s.source(doc, "some text here");
        for (const char* c : {"C1", "C2", "C3"}) {
            s.coding(doc, "Ann", c, 0, 4);
            if (!(d == 3 && std::string(c) == "C2")) s.coding(doc, "Bob", c, 0, 4);
        }
    }
    Result r = run(s.project(), coders("Ann,Bob"));
    const Json& p = r.json.at("presence");
    CHECK(p.at("units").as_int() == 15);
    CHECK(p.at("a").as_int() == 14);
    CHECK(p.at("b").as_int() == 1);
    CHECK(p.at("c").as_int() == 0);
    CHECK(p.at("d").as_int() == 0);
    CHECK(p.at("agreement").as_double() == Approx(93.33));
    CHECK(p.at("k").as_int() == 3);  // the number of codes compared
    CHECK(p.at("brennan_prediger").as_double() == Approx(0.9));
    // No pair where neither used a code and one coder used codes everywhere: Cohen's kappa is 0, not undefined.
    CHECK(p.at("kappa").as_double() == Approx(0.0).margin(1e-9));
    for (auto [k, expected] : {std::pair{"2", 0.8667}, {"10", 0.9259}}) {
        Options o = coders("Ann,Bob");
        o.set("bp-k", k);
        CHECK(run(s.project(), o).json.at("presence").at("brennan_prediger").as_double() == Approx(expected));
    }
    // Per code: C1 was used by both in all 5 documents: kappa undefined, with the reason.
    const Json& c1 = code_entry(r, "C1").at("presence");
    CHECK(c1.at("kappa").is_null());
    CHECK(c1.at("undefined").at("kappa").as_string().find("both coders coded every unit") != std::string::npos);
}

TEST_CASE("A coder with no codings in the chosen sources is refused with a clear message", "[agreement][errors]") {
    Study s;
    s.code("C");
    s.source("D1", "text one");
    s.source("D2", "text two");
    s.coding("D1", "Ann", "C", 0, 4);
    s.coding("D2", "Bob", "C", 0, 4);
    // No source coded by both.
    REQUIRE_THROWS_WITH(run(s.project(), coders("Ann,Bob")),
                        Catch::Contains("no source is coded by both Ann and Bob") && Catch::Contains("--sources"));
    // Bob coded nothing in D1.
    Options o = coders("Ann,Bob");
    o.add("sources", "D1");
    REQUIRE_THROWS_WITH(run(s.project(), o), Catch::Contains("Bob has no codings in the chosen sources (D1)") &&
                                                 Catch::Contains("they coded D2"));
    // Cy coded nothing anywhere.
    o = coders("Ann,Cy");
    o.add("sources", "D1");
    REQUIRE_THROWS_WITH(run(s.project(), o), Catch::Contains("Cy has no codings") && Catch::Contains("nor in any other source"));
}

TEST_CASE("A coder who coded nothing in one named source is compared and warned about, with kappa 0 there", "[agreement]") {
    Study s;
    s.code("C");
    s.source("D1", "0123456789");
    s.source("D2", "0123456789");
    s.coding("D1", "Ann", "C", 0, 5);
    s.coding("D2", "Ann", "C", 0, 5);
    s.coding("D2", "Bob", "C", 0, 5);
    Options o = coders("Ann,Bob");
    o.add("sources", "D1,D2");
    Result r = run(s.project(), o);
    CHECK(r.json.at("documents").as_int() == 2);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("Bob has no codings in D1") != std::string::npos);
    const auto& docs = code_entry(r, "C").at("characters").at("documents").as_array();
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].at("document").as_string() == "D1");
    CHECK(docs[0].at("kappa").as_double() == Approx(0.0).margin(1e-9));
    CHECK(docs[1].at("kappa").as_double() == Approx(1.0));
}

TEST_CASE("Unknown coders, sources, units and bad options are usage errors with near matches", "[agreement][errors]") {
    Study s;
    s.code("C");
    s.source("Interview 1", "x");
    REQUIRE_THROWS_AS(run(s.project(), coders("Ann,Bobb")), UsageError);
    REQUIRE_THROWS_WITH(run(s.project(), coders("Ann,Bobb")), Catch::Contains("unknown coder 'Bobb'") && Catch::Contains("Bob"));
    REQUIRE_THROWS_WITH(run(s.project(), coders("Ann")), Catch::Contains("two coders"));
    REQUIRE_THROWS_WITH(run(s.project(), coders("Ann,Ann")), Catch::Contains("same user"));
    Options o = coders("Ann,Bob");
    o.add("sources", "Interview 2");
    REQUIRE_THROWS_WITH(run(s.project(), o), Catch::Contains("unknown source 'Interview 2'") && Catch::Contains("Interview 1"));
    for (auto [key, value] : {std::pair{"unit", "paragraph"}, {"overlap", "0"}, {"overlap", "101"},
                              {"overlap", "ninety"}, {"bp-k", "1"}, {"code", "Cee"}}) {
        Options bad = coders("Ann,Bob");
        bad.add(key, value);
        INFO(key << "=" << value);
        REQUIRE_THROWS_AS(run(s.project(), bad), UsageError);
    }
}

TEST_CASE("The overlap threshold decides segment matches", "[agreement]") {
    Study s;
    s.code("C");
    s.source("D", std::string(200, 'y'));
    s.coding("D", "Ann", "C", 0, 100);
    s.coding("D", "Bob", "C", 15, 100);  // 85 of 100
    auto matched = [&](const char* overlap) {
        Options o = coders("Ann,Bob");
        if (*overlap) o.set("overlap", overlap);
        return code_entry(run(s.project(), o), "C").at("segments").at("matched").as_int();
    };
    CHECK(matched("") == 0);  // default 90%
    CHECK(matched("85") == 1);
    CHECK(matched("85.5%") == 0);
    CHECK(matched("80%") == 1);
}

TEST_CASE("The unit option chooses the levels and the code option the codes, also ones nobody used", "[agreement]") {
    Study s;
    s.code("C");
    s.code("Unused");
    s.source("D", "0123456789");
    s.coding("D", "Ann", "C", 0, 5);
    s.coding("D", "Bob", "C", 0, 5);
    Options o = coders("Ann,Bob");
    o.add("unit", "document");
    Result r = run(s.project(), o);
    CHECK(r.json.contains("presence"));
    CHECK_FALSE(r.json.contains("characters"));
    CHECK_FALSE(r.json.contains("segments"));
    o = coders("Ann,Bob");
    o.add("code", "Unused");
    r = run(s.project(), o);
    REQUIRE(r.json.at("codes").size() == 1);
    const Json& chars = code_entry(r, "Unused").at("characters");
    CHECK(chars.at("neither").as_int() == 10);
    CHECK(chars.at("kappa").is_null());
    CHECK(chars.at("undefined").at("kappa").as_string().find("neither coder") != std::string::npos);
}

TEST_CASE("The seed study's 13 double-coded interviews agree perfectly, with no NaN anywhere", "[agreement][samples]") {
    Result r = run(sample("seed-table2.qdpx"), coders("Ana Costa,Ben Hughes"));
    CHECK(r.json.at("documents").as_int() == 13);
    CHECK(r.json.at("excluded_documents").size() == 50);
    const Json& p = r.json.at("presence");
    CHECK(p.at("b").as_int() == 0);
    CHECK(p.at("c").as_int() == 0);
    CHECK(p.at("agreement").as_double() == 100.0);
    CHECK(p.at("kappa").as_double() == 1.0);
    const Json& c = r.json.at("characters");
    CHECK(c.at("a_only").as_int() == 0);
    CHECK(c.at("b_only").as_int() == 0);
    CHECK(c.at("kappa").as_double() == 1.0);
    CHECK(c.at("alpha").as_double() == 1.0);
    const Json& seg = r.json.at("segments");
    CHECK(seg.at("matched").as_int() == seg.at("a").as_int());
    CHECK(seg.at("agreement").as_double() == 100.0);
    CHECK(r.json.at("disagreements").size() == 0);
    check_finite(r.json);
}

TEST_CASE("Agreement is the same whichever tool's dialect the recovery study comes in", "[agreement][samples]") {
    // NVivo counts UTF-16 units and MAXQDA keeps no cases; the model's code points make the figures identical.
    auto figures = [](const std::string& file) {
        Result r = run(sample(file), coders("Marta Núñez,Daniel Okoro"));
        std::string out;
        for (const auto& c : r.json.at("codes").as_array()) {
            out += c.at("path").as_string() + ":" + c.at("characters").at("both").dump(-1) + "," +
                   c.at("characters").at("a_only").dump(-1) + "," + c.at("characters").at("b_only").dump(-1) + "," +
                   c.at("characters").at("neither").dump(-1) + ";" + c.at("segments").dump(-1) + "\n";
        }
        for (const auto& d : r.json.at("disagreements").as_array())
            out += d.at("document").as_string() + d.at("start").dump(-1) + "-" + d.at("end").dump(-1) + ":" +
                   d.at("text").as_string() + "\n";
        return out;
    };
    const std::string standard = figures("recovery-study.qdpx");
    CHECK_FALSE(standard.empty());
    CHECK(figures("recovery-study-nvivo.qdpx") == standard);
    CHECK(figures("recovery-study-maxqda.qdpx") == standard);
}

TEST_CASE("Agreement goldens for the recovery study in every format", "[agreement][golden]") {
    Result r = run(sample("recovery-study.qdpx"), coders("Marta Núñez,Daniel Okoro"));
    for (const auto& exporter : builtin_registry().exporters()) {
        if (exporter->needs_figure()) continue;  // svg: agreement has no figure (tested in test_exporters)
        INFO(exporter->name());
        std::ostringstream out;
        exporter->write(r, out);
        const std::string text = exporter->binary() ? framer::test::zip_dump(out.str()) : out.str();
        const std::filesystem::path path = std::string(FRAMER_SOURCE_DIR) + "/tests/golden/agreement/recovery-study." +
                                           exporter->name() + (exporter->binary() ? ".dump" : "");
        if (std::getenv("FRAMER_UPDATE_GOLDEN")) {
            std::filesystem::create_directories(path.parent_path());
            framer::test::write_file(path, text);
            WARN("rewrote " << path.string());
            continue;
        }
        REQUIRE(std::filesystem::exists(path));
        CHECK(framer::test::read_file(path) == text);
    }
}

TEST_CASE("A whole-source coding covers all of the text, and positions outside the text are cut and warned about", "[agreement]") {
    Study s;
    s.code("C");
    s.source("D", "0123456789");
    refi::Coding whole;
    whole.guid = gid("whole coding");
    whole.creating_user = gid("user:Ann");
    whole.code.target = gid("code:C");
    s.project().sources[0].codings.push_back(whole);
    s.coding("D", "Bob", "C", 5, std::numeric_limits<std::int64_t>::max());  // a corrupt end: cut to 10
    Result r = run(s.project(), coders("Ann,Bob"));
    const Json& chars = code_entry(r, "C").at("characters");
    CHECK(chars.at("both").as_int() == 5);
    CHECK(chars.at("a_only").as_int() == 5);
    CHECK(chars.at("b_only").as_int() == 0);
    CHECK(chars.at("neither").as_int() == 0);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("1 coded span(s) reach outside") != std::string::npos);
}

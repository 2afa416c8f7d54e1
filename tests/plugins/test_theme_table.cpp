// tabulate: distinct participants per code through descendants, groups, --applies, --coder, rounding.
#include <catch2/catch.hpp>

#include "core/percent.hpp"
#include "plugins/project_builder.hpp"
#include "theme_table/theme_table.hpp"

using namespace framer;
using framer::test::ProjectBuilder;

namespace {

/// Domain (category) > Theme > Sub A, Sub B; a second top-level code "Other".
ProjectBuilder study() {
    ProjectBuilder b;
    b.code("Domain", false);
    b.code("Domain/Theme");
    b.code("Domain/Theme/Sub A");
    b.code("Domain/Theme/Sub B");
    b.code("Other");
    b.variable("Role");
    b.variable("Group");
    return b;
}

Result run(const refi::Project& p, Options o = {}) { return make_theme_table_analysis()->run(p, o); }

const Json& row(const Result& r, const std::string& code) {
    for (const auto& j : r.json.at("rows").as_array())
        if (j.at("code").as_string() == code) return j;
    FAIL("no row " << code);
    throw;
}

std::int64_t n_of(const Result& r, const std::string& code, const std::string& group = {}) {
    const Json& j = row(r, code);
    return (group.empty() ? j.at("total") : j.at("groups").at(group)).at("n").as_int();
}
std::int64_t base_of(const Result& r, const std::string& code, const std::string& group = {}) {
    const Json& j = row(r, code);
    return (group.empty() ? j.at("total") : j.at("groups").at(group)).at("base").as_int();
}

}  // namespace

TEST_CASE("Percent rounds half up exactly", "[tabulate][percent]") {
    CHECK(percent_text(6, 15, 0) == "40");
    CHECK(percent_text(5, 8, 0) == "63");
    CHECK(percent_text(7, 8, 0) == "88");
    CHECK(percent_text(1, 8, 0) == "13");   // 12.5
    CHECK(percent_text(1, 3, 2) == "33.33");
    CHECK(percent_text(2, 3, 1) == "66.7");
    CHECK(percent_text(1, 40, 1) == "2.5");
    CHECK(percent_text(1, 200, 1) == "0.5");
    CHECK(percent_text(0, 0, 0) == "–");
    CHECK(count_text(26, 42, 0) == "26 (62)");
    CHECK(count_json(5, 8, 0).at("percent").as_int() == 63);
    CHECK(count_json(5, 8, 1).at("percent").as_double() == 62.5);
    CHECK(count_json(0, 0, 0).at("percent").is_null());
    CHECK_THROWS_AS(parse_decimals("7"), UsageError);
}

TEST_CASE("tabulate counts distinct participants through descendants", "[tabulate]") {
    ProjectBuilder b = study();
    auto s1 = b.source("P1 interview");
    auto s2 = b.source("P1 follow-up");
    auto s3 = b.source("P2 interview");
    b.source("P3 interview");
    b.coding(s1, "Domain/Theme/Sub A");
    b.coding(s1, "Domain/Theme/Sub A");  // twice in one source: still one participant
    b.coding(s2, "Domain/Theme/Sub B");  // same participant, other subtheme: Theme counts P1 once
    b.coding(s3, "Domain/Theme");        // coded at the theme itself
    auto p1 = b.add_case("P1", {"P1 interview", "P1 follow-up"});
    auto p2 = b.add_case("P2", {"P2 interview"});
    auto p3 = b.add_case("P3", {"P3 interview"});
    b.case_value(p1, "Role", "Service user");
    b.case_value(p2, "Role", "Therapist");
    b.case_value(p3, "Role", "Service user");
    Options o;
    o.set("by", "Role");
    Result r = run(b.project(), o);
    CHECK(r.json.at("unit").as_string() == "case");
    CHECK(r.json.at("by").as_string() == "Role");
    REQUIRE(r.json.at("groups").size() == 2);
    CHECK(r.json.at("groups").as_array()[0].as_string() == "Service user");
    CHECK(n_of(r, "Sub A") == 1);
    CHECK(n_of(r, "Sub B") == 1);
    CHECK(n_of(r, "Theme") == 2);
    CHECK(n_of(r, "Theme", "Service user") == 1);
    CHECK(n_of(r, "Theme", "Therapist") == 1);
    CHECK(n_of(r, "Domain") == 2);
    CHECK(n_of(r, "Other") == 0);  // a code nobody used: a row of zeros
    CHECK(base_of(r, "Theme") == 3);
    CHECK(base_of(r, "Theme", "Service user") == 2);
    CHECK(row(r, "Theme").at("total").at("percent").as_int() == 67);
    // Every code a row, in codebook order, with path and depth; the category too.
    const auto& rows = r.json.at("rows").as_array();
    REQUIRE(rows.size() == 5);
    std::vector<std::string> order;
    for (const auto& j : rows) order.push_back(j.at("code").as_string());
    CHECK(order == std::vector<std::string>{"Domain", "Theme", "Sub A", "Sub B", "Other"});
    CHECK(rows[2].at("depth").as_int() == 2);
    CHECK(rows[2].at("path").as_array()[1].as_string() == "Theme");
    CHECK_FALSE(rows[0].at("codable").as_bool());
    // The document table: indentation by depth, "N (%)" cells.
    const Table& doc = r.tables[0];
    CHECK(doc.rows[2][0].indent == 2);
    CHECK(doc.rows[1][0].bold);
    CHECK(doc.rows[1][1].text == "2 (67)");
    CHECK(doc.header[0][1].text == "Total (N=3)");
    CHECK(doc.header[0][2].text == "Service user (N=2)");
    CHECK(r.warnings.empty());
}

TEST_CASE("tabulate adds a (no value) column for units without the variable", "[tabulate]") {
    ProjectBuilder b = study();
    auto s1 = b.source("A");
    auto s2 = b.source("B");
    b.source_value(s1, "Role", "Therapist");
    b.coding(s2, "Other");
    Options o;
    o.set("by", "Role");
    Result r = run(b.project(), o);
    CHECK(r.json.at("unit").as_string() == "source");
    REQUIRE(r.json.at("groups").size() == 2);
    CHECK(r.json.at("groups").as_array()[1].as_string() == "(no value)");
    CHECK(n_of(r, "Other", "(no value)") == 1);
    CHECK(base_of(r, "Other", "(no value)") == 1);
    CHECK(n_of(r, "Other", "Therapist") == 0);
}

TEST_CASE("tabulate --applies restricts the base of a code and its descendants", "[tabulate]") {
    ProjectBuilder b = study();
    // 4 participants: 2 with Group=yes (one of each role), 2 without.
    const char* names[] = {"U1", "U2", "U3", "U4"};
    const char* roles[] = {"Service user", "Service user", "Therapist", "Therapist"};
    const char* group[] = {"yes", "no", "yes", "no"};
    for (int k = 0; k < 4; ++k) {
        auto s = b.source(names[k]);
        b.source_value(s, "Role", roles[k]);
        b.source_value(s, "Group", group[k]);
    }
    b.coding(0, "Domain/Theme/Sub A");
    b.coding(2, "Domain/Theme/Sub B");
    b.coding(3, "Other");
    Options o;
    o.set("by", "Role");
    o.add("applies", "Theme=Group:yes");
    Result r = run(b.project(), o);
    CHECK(base_of(r, "Domain") == 4);
    CHECK(base_of(r, "Theme") == 2);
    CHECK(base_of(r, "Sub A") == 2);  // inherited
    CHECK(base_of(r, "Sub B", "Therapist") == 1);
    CHECK(base_of(r, "Other") == 4);
    CHECK(n_of(r, "Theme") == 2);
    CHECK(row(r, "Sub A").at("total").at("percent").as_int() == 50);
    CHECK(row(r, "Sub A").at("applies").as_string() == "Group: yes");
    REQUIRE(r.tables[0].footnotes.size() == 1);
    CHECK(r.tables[0].footnotes[0].find("Applicable to 2 participants (1 + 1)") == 0);
    CHECK(r.tables[0].rows[1][0].footnotes == std::vector<int>{0});
    CHECK(r.tables[0].rows[2][0].footnotes.empty());
    // Unknown value, code or variable: usage errors naming them.
    Options bad = o;
    bad.set("applies", "Theme=Group:maybe");
    CHECK_THROWS_WITH(run(b.project(), bad), Catch::Contains("'maybe'") && Catch::Contains("'yes'"));
    bad.set("applies", "Theem=Group:yes");
    CHECK_THROWS_WITH(run(b.project(), bad), Catch::Contains("unknown code 'Theem'") && Catch::Contains("'Theme'"));
    bad.set("applies", "Theme=Grop:yes");
    CHECK_THROWS_AS(run(b.project(), bad), UsageError);
    bad.set("applies", "Theme");
    CHECK_THROWS_AS(run(b.project(), bad), UsageError);
}

TEST_CASE("tabulate accepts a code's full path or GUID and refuses an ambiguous name", "[tabulate]") {
    ProjectBuilder b = study();
    b.code("Domain/Theme/Other");  // a second code named "Other"
    auto s = b.source("U1");
    b.source_value(s, "Group", "yes");
    Options o;
    o.add("applies", "Other=Group:yes");
    CHECK_THROWS_WITH(run(b.project(), o), Catch::Contains("ambiguous") && Catch::Contains("Domain/Theme/Other"));
    o.set("applies", "Domain/Theme/Other=Group:yes");
    CHECK(base_of(run(b.project(), o), "Sub A") == 1);
    o.set("applies", "/Other=Group:yes");
    CHECK(base_of(run(b.project(), o), "Other") == 1);
    o.set("applies", framer::test::guid_of("code", "Domain/Theme") + "=Group:yes");
    CHECK_NOTHROW(run(b.project(), o));
}

TEST_CASE("tabulate --coder counts only that user's codings", "[tabulate]") {
    ProjectBuilder b = study();
    std::string ann = b.user("Ann Smith", "AS");
    std::string bob = b.user("Bob Jones", "BJ");
    auto s1 = b.source("U1");
    auto s2 = b.source("U2");
    b.coding(s1, "Other", ann);
    b.coding(s2, "Other", bob);
    b.coding(s2, "Domain/Theme/Sub A", ann);
    for (const std::string& who : std::vector<std::string>{"Ann Smith", "AS", ann}) {
        Options o;
        o.set("coder", who);
        Result r = run(b.project(), o);
        CHECK(n_of(r, "Other") == 1);
        CHECK(n_of(r, "Sub A") == 1);
    }
    Options o;
    o.set("coder", "Bob Jones");
    CHECK(n_of(run(b.project(), o), "Sub A") == 0);
    o.set("coder", "Anne Smith");
    CHECK_THROWS_WITH(run(b.project(), o), Catch::Contains("Ann Smith"));
}

TEST_CASE("tabulate warns about codings of missing codes and does not count them", "[tabulate]") {
    ProjectBuilder b = study();
    auto s = b.source("U1");
    b.dangling_coding(s);
    b.dangling_coding(s);
    Result r = run(b.project());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("2 coding(s)") == 0);
    CHECK(r.json.at("warnings").size() == 1);
    for (const auto& j : r.json.at("rows").as_array()) CHECK(j.at("total").at("n").as_int() == 0);
}

TEST_CASE("tabulate on a project without codings or codes gives zeros or an empty table", "[tabulate]") {
    ProjectBuilder b = study();
    b.source("U1");
    Result r = run(b.project());
    CHECK(r.json.at("rows").size() == 5);
    CHECK(r.json.at("by").is_null());
    CHECK(r.tables[0].rows[0][1].text == "0 (0)");
    ProjectBuilder empty;
    Result e = run(empty.project());
    CHECK(e.json.at("rows").size() == 0);
    CHECK(e.tables[0].rows.empty());
    CHECK(e.tables[0].header[0][1].text == "Total (N=0)");
}

TEST_CASE("tabulate names an unknown --by variable with near matches", "[tabulate]") {
    ProjectBuilder b = study();
    Options o;
    o.set("by", "role");  // case-insensitive match is accepted
    CHECK_NOTHROW(run(b.project(), o));
    o.set("by", "Rle");
    CHECK_THROWS_WITH(run(b.project(), o), Catch::Contains("unknown variable 'Rle'") && Catch::Contains("'Role'"));
    o.set("by", "Role");
    o.set("unit", "person");
    CHECK_THROWS_AS(run(b.project(), o), UsageError);
}

TEST_CASE("tabulate --blank-domains leaves the counts of top-level codes with children out of the document table", "[tabulate][layout]") {
    ProjectBuilder b = study();
    auto s = b.source("P1");
    b.coding(s, "Domain/Theme/Sub A");
    b.coding(s, "Other");
    Options o;
    o.set("blank-domains", "1");
    Result r = run(b.project(), o);
    const Table& doc = r.tables[0];
    REQUIRE(doc.rows.size() == 5);
    CHECK(doc.rows[0][0].text == "Domain");
    CHECK(doc.rows[0][1].text.empty());
    CHECK(doc.rows[1][1].text == "1 (100)");  // Theme: not top-level
    CHECK(doc.rows[4][1].text == "1 (100)");  // Other: top-level but without children, a theme of its own
    // The numbers stay in json and csv.
    CHECK(n_of(r, "Domain") == 1);
    CHECK(r.tables[1].rows[0][3].text == "1");
    CHECK(r.notes[0].find("without counts") != std::string::npos);
}

TEST_CASE("tabulate takes a title, group labels and --no-total for the document table only", "[tabulate][layout]") {
    ProjectBuilder b = study();
    auto s1 = b.source("P1");
    auto s2 = b.source("P2");
    b.source_value(s1, "Role", "Service user");
    b.source_value(s2, "Role", "Therapist");
    b.coding(s1, "Domain/Theme/Sub A");
    Options o;
    o.set("by", "Role");
    o.set("title", "Table 2. Domains, themes and subthemes");
    o.add("label", "Service user=Service users");
    o.add("label", "Therapist=Therapists");
    o.set("no-total", "1");
    Result r = run(b.project(), o);
    CHECK(r.title == "Table 2. Domains, themes and subthemes");
    const Table& doc = r.tables[0];
    REQUIRE(doc.header[0].size() == 3);
    CHECK(doc.header[0][1].text == "Service users (N=1)");
    CHECK(doc.header[0][2].text == "Therapists (N=1)");
    CHECK(doc.header[1].size() == 3);
    for (const auto& row : doc.rows) CHECK(row.size() == 3);
    CHECK(doc.rows[2][1].text == "1 (100)");
    // csv and json keep the total and the raw values.
    CHECK(r.tables[1].header[0][3].text == "Total n");
    CHECK(r.tables[1].header[0][6].text == "Service user n");
    CHECK(n_of(r, "Sub A") == 1);
    Options bad;
    bad.set("by", "Role");
    bad.add("label", "Service users");
    CHECK_THROWS_WITH(run(b.project(), bad), Catch::Contains("expected VALUE=LABEL"));
}

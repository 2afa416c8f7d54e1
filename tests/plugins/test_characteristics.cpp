// describe: N (%) with the units that have a value as the base, N/A, mean (range), date ranges.
#include <catch2/catch.hpp>

#include "characteristics/characteristics.hpp"
#include "plugins/project_builder.hpp"

using namespace framer;
using framer::test::ProjectBuilder;
using VT = refi::VariableType;

namespace {

ProjectBuilder people() {
    ProjectBuilder b;
    b.variable("Role");
    b.variable("Gender");
    b.variable("Age", VT::Integer);
    b.variable("Employment");
    b.variable("Group therapy", VT::Boolean);
    b.variable("Interviewed", VT::Date);
    struct P { const char* name; const char* role; const char* gender; const char* age; const char* job; const char* group; const char* date; };
    const P ps[] = {{"SU1", "Service user", "Female", "18", "Employed", "1", "2019-03-02"},
                    {"SU2", "Service user", "Female", "30", "Unemployed", "true", "2019-01-15"},
                    {"SU10", "Service user", "Male", "58", "", "false", "2019-05-30"},
                    {"T1", "Therapist", "Male", "41", "", "0", "2019-02-01"}};
    for (const auto& p : ps) {
        auto s = b.source(p.name);
        b.source_value(s, "Role", p.role);
        b.source_value(s, "Gender", p.gender);
        b.source_value(s, "Age", p.age, VT::Integer);
        if (*p.job) b.source_value(s, "Employment", p.job);
        b.source_value(s, "Group therapy", p.group, VT::Boolean);
        b.source_value(s, "Interviewed", p.date, VT::Date);
    }
    return b;
}

const Json& variable(const Result& r, const std::string& name) {
    for (const auto& v : r.json.at("variables").as_array())
        if (v.at("variable").as_string() == name) return v;
    FAIL("no variable " << name);
    throw;
}

const Json& value_row(const Json& v, const std::string& value) {
    for (const auto& r : v.at("rows").as_array())
        if (r.at("value").as_string() == value) return r;
    FAIL("no value " << value);
    throw;
}

}  // namespace

TEST_CASE("describe gives N (%) of units with a value per group", "[describe]") {
    ProjectBuilder b = people();
    Options o;
    o.set("by", "Role");
    Result r = make_characteristics_analysis()->run(b.project(), o);
    CHECK(r.json.at("by").as_string() == "Role");
    CHECK(r.json.at("variables").size() == 5);  // all but --by
    const Json& gender = variable(r, "Gender");
    CHECK(gender.at("type").as_string() == "categorical");
    const Json& female = value_row(gender, "Female");
    CHECK(female.at("total").at("n").as_int() == 2);
    CHECK(female.at("total").at("base").as_int() == 4);
    CHECK(female.at("groups").at("Service user").at("percent").as_int() == 67);
    // Employment: only two service users have a value, so they are the base; therapists: N/A.
    const Json& employed = value_row(variable(r, "Employment"), "Employed");
    CHECK(employed.at("groups").at("Service user").at("base").as_int() == 2);
    CHECK(employed.at("groups").at("Service user").at("percent").as_int() == 50);
    CHECK(employed.at("groups").at("Therapist").at("percent").is_null());
    // Booleans: both spellings of true count together.
    const Json& yes = value_row(variable(r, "Group therapy"), "true");
    CHECK(yes.at("total").at("n").as_int() == 2);
    // Document table cells.
    const Table& t = r.tables[0];
    bool found_na = false;
    for (const auto& row : t.rows)
        if (row[0].text == "Employed") {
            CHECK(row[1].text == "1 (50)");
            CHECK(row[2].text == "1 (50)");
            CHECK(row[3].text == "N/A");
            found_na = true;
        }
    CHECK(found_na);
}

TEST_CASE("describe gives numeric variables as mean (range) and dates as range", "[describe]") {
    ProjectBuilder b = people();
    Options o;
    o.set("by", "Role");
    o.add("vars", "Age");
    o.add("vars", "Interviewed");
    Result r = make_characteristics_analysis()->run(b.project(), o);
    REQUIRE(r.json.at("variables").size() == 2);
    const Json& age = variable(r, "Age");
    CHECK(age.at("type").as_string() == "numeric");
    CHECK(age.at("total").at("n").as_int() == 4);
    CHECK(age.at("total").at("mean").as_double() == Approx(36.75));
    CHECK(age.at("groups").at("Service user").at("min").as_double() == 18);
    CHECK(age.at("groups").at("Service user").at("max").as_double() == 58);
    CHECK(r.tables[0].rows[1][2].text == "35.3 (18–58)");  // (18 + 30 + 58) / 3
    const Json& date = variable(r, "Interviewed");
    CHECK(date.at("type").as_string() == "date");
    CHECK(date.at("total").at("min").as_string() == "2019-01-15");
    CHECK(date.at("total").at("max").as_string() == "2019-05-30");
    CHECK(r.tables[0].rows[3][3].text == "2019-02-01");
}

TEST_CASE("describe names unknown variables with near matches", "[describe]") {
    ProjectBuilder b = people();
    Options o;
    o.add("vars", "Gendr");
    CHECK_THROWS_WITH(make_characteristics_analysis()->run(b.project(), o),
                      Catch::Contains("unknown variable 'Gendr'") && Catch::Contains("'Gender'"));
}

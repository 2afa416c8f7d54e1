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

namespace {

std::vector<std::string> labels_under(const Table& t, const std::string& variable) {
    std::vector<std::string> out;
    bool in = false;
    for (const auto& row : t.rows) {
        if (row[0].indent == 0) in = row[0].text == variable;
        else if (in) out.push_back(row[0].text);
    }
    return out;
}

}  // namespace

TEST_CASE("describe orders values by frequency, or as --values lists them", "[describe][layout]") {
    ProjectBuilder b = people();
    Options o;
    o.add("vars", "Gender");
    o.add("vars", "Employment");
    o.add("vars", "Group therapy");
    // Two women, two men: a tie, in natural order; Yes before No.
    Result r = make_characteristics_analysis()->run(b.project(), o);
    CHECK(labels_under(r.tables[0], "Gender") == std::vector<std::string>{"Female", "Male"});
    CHECK(labels_under(r.tables[0], "Group therapy") == std::vector<std::string>{"Yes", "No"});
    // A third man: the most frequent value comes first.
    auto s = b.source("SU11");
    b.source_value(s, "Gender", "Male");
    r = make_characteristics_analysis()->run(b.project(), o);
    CHECK(labels_under(r.tables[0], "Gender") == std::vector<std::string>{"Male", "Female"});
    // --values: listed values first, in the given order, the others after; boolean spellings accepted.
    o.add("values", "Gender=Female");
    o.add("values", "Group therapy=No, Yes");
    r = make_characteristics_analysis()->run(b.project(), o);
    CHECK(labels_under(r.tables[0], "Gender") == std::vector<std::string>{"Female", "Male"});
    CHECK(labels_under(r.tables[0], "Group therapy") == std::vector<std::string>{"No", "Yes"});
    Options typo;
    typo.add("values", "Gender=Femal");
    CHECK_THROWS_WITH(make_characteristics_analysis()->run(b.project(), typo),
                      Catch::Contains("no unit has Gender = 'Femal'") && Catch::Contains("'Female'"));
    Options malformed;
    malformed.add("values", "Gender");
    CHECK_THROWS_WITH(make_characteristics_analysis()->run(b.project(), malformed), Catch::Contains("VARIABLE=VALUE1"));
}

TEST_CASE("describe footnotes a variable whose base differs from its column's N", "[describe][layout]") {
    ProjectBuilder b = people();
    Options o;
    o.set("by", "Role");
    Result r = make_characteristics_analysis()->run(b.project(), o);
    const Table& t = r.tables[0];
    // Employment: two of the three service users have a value; the therapist none (N/A, no note needed).
    REQUIRE(t.footnotes.size() == 1);
    CHECK(t.footnotes[0] == "Employment: only the participants with a value are counted (Total 2 of 4; Service user 2 of 3).");
    for (const auto& row : t.rows) {
        INFO(row[0].text);
        CHECK(row[0].footnotes == (row[0].text == "Employment" ? std::vector<int>{0} : std::vector<int>{}));
    }
    // Without the Total column and with a label, the note names what the table shows.
    o.set("no-total", "1");
    o.add("label", "Service user=Service users");
    r = make_characteristics_analysis()->run(b.project(), o);
    CHECK(r.tables[0].footnotes == std::vector<std::string>{
              "Employment: only the participants with a value are counted (Service users 2 of 3)."});
}

TEST_CASE("describe takes a title, group labels and --no-total for the document table only", "[describe][layout]") {
    ProjectBuilder b = people();
    Options o;
    o.set("by", "Role");
    o.set("title", "Table 1. Characteristics");
    o.add("label", "Service user=Service users");
    o.set("no-total", "1");
    Result r = make_characteristics_analysis()->run(b.project(), o);
    CHECK(r.title == "Table 1. Characteristics");
    const Table& t = r.tables[0];
    REQUIRE(t.header[0].size() == 3);
    CHECK(t.header[0][1].text == "Service users (N=3)");
    CHECK(t.header[0][2].text == "Therapist (N=1)");
    for (const auto& row : t.rows) CHECK(row.size() == 3);
    // json keeps the total and the raw group values.
    CHECK(variable(r, "Age").at("total").at("n").as_int() == 4);
    CHECK(r.json.at("groups").as_array()[0].as_string() == "Service user");
    Options bad;
    bad.set("by", "Role");
    bad.add("label", "Therapst=Therapists");
    CHECK_THROWS_WITH(make_characteristics_analysis()->run(b.project(), bad),
                      Catch::Contains("no group 'Therapst'") && Catch::Contains("did you mean 'Therapist'"));
    Options lonely;
    lonely.set("no-total", "1");
    CHECK_THROWS_WITH(make_characteristics_analysis()->run(b.project(), lonely), Catch::Contains("--no-total needs --by"));
}

TEST_CASE("describe's csv is machine-readable: one row per variable, value and column", "[describe][csv]") {
    ProjectBuilder b = people();
    Options o;
    o.set("by", "Role");
    o.add("vars", "Employment");
    o.add("vars", "Age");
    o.add("vars", "Interviewed");
    Result r = make_characteristics_analysis()->run(b.project(), o);
    REQUIRE(r.tables.size() == 2);
    const Table& data = r.tables[1];
    CHECK(data.csv);
    CHECK(data.csv_only);
    std::vector<std::string> header;
    for (const auto& c : data.header[0]) header.push_back(c.text);
    CHECK(header == std::vector<std::string>{"variable", "type", "value", "group", "n", "base", "percent", "mean", "min", "max"});
    auto line = [](const std::vector<Cell>& row) {
        std::string s;
        for (const auto& c : row) s += c.text + "|";
        return s;
    };
    std::vector<std::string> lines;
    for (const auto& row : data.rows) lines.push_back(line(row));
    CHECK(lines == std::vector<std::string>{
                       "Employment|categorical|Employed|Total|1|2|50||||",
                       "Employment|categorical|Employed|Service user|1|2|50||||",
                       "Employment|categorical|Employed|Therapist|0|0|||||",
                       "Employment|categorical|Unemployed|Total|1|2|50||||",
                       "Employment|categorical|Unemployed|Service user|1|2|50||||",
                       "Employment|categorical|Unemployed|Therapist|0|0|||||",
                       "Age|numeric||Total|4|4||36.75|18|58|",
                       "Age|numeric||Service user|3|3||35.333333333333336|18|58|",
                       "Age|numeric||Therapist|1|1||41|41|41|",
                       "Interviewed|date||Total|4|4|||2019-01-15|2019-05-30|",
                       "Interviewed|date||Service user|3|3|||2019-01-15|2019-05-30|",
                       "Interviewed|date||Therapist|1|1|||2019-02-01|2019-02-01|"});
}

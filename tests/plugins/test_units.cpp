// Units of analysis: which participants exist, which sources they cover, where their variables come from.
#include <catch2/catch.hpp>

#include "core/plugin.hpp"
#include "core/units.hpp"
#include "plugins/project_builder.hpp"
#include "refi/index.hpp"

using framer::UnitKind;
using framer::test::ProjectBuilder;

TEST_CASE("Units default to cases when a case references sources, else to sources", "[units]") {
    ProjectBuilder b;
    b.source("S1");
    CHECK(framer::choose_unit_kind(b.project(), "") == UnitKind::Source);
    b.add_case("P1", {});
    CHECK(framer::choose_unit_kind(b.project(), "") == UnitKind::Source);
    b.add_case("P2", {"S1"});
    CHECK(framer::choose_unit_kind(b.project(), "") == UnitKind::Case);
    CHECK(framer::choose_unit_kind(b.project(), "source") == UnitKind::Source);
    CHECK(framer::choose_unit_kind(b.project(), "case") == UnitKind::Case);
    CHECK_THROWS_AS(framer::choose_unit_kind(b.project(), "participant"), framer::UsageError);
}

TEST_CASE("A case unit covers its SourceRefs and the sources of its SelectionRefs once each", "[units]") {
    ProjectBuilder b;
    b.code("A");
    b.source("S1");
    auto s2 = b.source("S2");
    b.source("S3");
    std::string sel = b.coding(s2, "A");
    auto c = b.add_case("P1", {"S1"});
    b.project().cases[c].selection_refs.push_back(refi::Ref{sel, {}, {}});
    b.project().cases[c].selection_refs.push_back(refi::Ref{sel, {}, {}});
    b.project().cases[c].source_refs.push_back(refi::Ref{framer::test::guid_of("source", "S1"), {}, {}});
    refi::ProjectIndex index(b.project());
    auto units = framer::build_units(b.project(), index, UnitKind::Case);
    REQUIRE(units.size() == 1);
    REQUIRE(units[0].sources.size() == 2);
    CHECK(*units[0].sources[0]->name == "S1");
    CHECK(*units[0].sources[1]->name == "S2");
    CHECK(units[0].the_case == &b.project().cases[c]);
}

TEST_CASE("Case units read variables from the case, then from the one source it wraps", "[units]") {
    ProjectBuilder b;
    b.variable("Role");
    b.variable("Age", refi::VariableType::Integer);
    b.variable("Consent", refi::VariableType::Boolean);
    auto s1 = b.source("Interview 1");
    b.source_value(s1, "Age", "40", refi::VariableType::Integer);
    b.source_value(s1, "Role", "from source");
    b.source_value(s1, "Consent", "1", refi::VariableType::Boolean);
    auto c = b.add_case("", {"Interview 1"});  // nameless: takes the source's name
    b.case_value(c, "Role", "Therapist");
    refi::ProjectIndex index(b.project());
    auto units = framer::build_units(b.project(), index, UnitKind::Case);
    REQUIRE(units.size() == 1);
    CHECK(units[0].name == "Interview 1");
    CHECK(units[0].variables.at("Role") == "Therapist");  // the case's own value wins
    CHECK(units[0].variables.at("Age") == "40");
    CHECK(units[0].variables.at("Consent") == "true");  // xsd:boolean "1" reads as true
}

TEST_CASE("Source units read variables from the source or from a nameless case wrapping only it", "[units]") {
    ProjectBuilder b;
    b.variable("Role");
    b.variable("Site");
    auto s1 = b.source("SU1");
    b.source("SU2");
    b.source("SU3");
    b.source_value(s1, "Role", "Service user");
    auto quirkos = b.add_case("", {"SU2"});
    b.case_value(quirkos, "Role", "Therapist");
    auto named = b.add_case("Group A", {"SU3"});  // a named case is a case, not a wrapper
    b.case_value(named, "Site", "North");
    auto two = b.add_case("", {"SU1", "SU3"});  // wraps two sources: not one participant's variables
    b.case_value(two, "Site", "South");
    refi::ProjectIndex index(b.project());
    auto units = framer::build_units(b.project(), index, UnitKind::Source);
    REQUIRE(units.size() == 3);
    CHECK(units[0].variables.at("Role") == "Service user");
    CHECK(units[0].variables.count("Site") == 0);
    CHECK(units[1].variables.at("Role") == "Therapist");
    CHECK(units[2].variables.empty());
    CHECK(units[1].kind == UnitKind::Source);
    CHECK(units[1].sources.size() == 1);
}

TEST_CASE("Units come in natural order of their names", "[units]") {
    ProjectBuilder b;
    for (const char* n : {"SU10", "SU2", "su1", "T1", "SU02"}) b.source(n);
    refi::ProjectIndex index(b.project());
    auto units = framer::build_units(b.project(), index, UnitKind::Source);
    std::vector<std::string> names;
    for (const auto& u : units) names.push_back(u.name);
    CHECK(names == std::vector<std::string>{"su1", "SU02", "SU2", "SU10", "T1"});
}

TEST_CASE("natural_less compares digit runs by value", "[units]") {
    CHECK(framer::natural_less("SU2", "SU10"));
    CHECK_FALSE(framer::natural_less("SU10", "SU2"));
    CHECK(framer::natural_less("a", "b"));
    CHECK(framer::natural_less("a9b", "a10a"));
    CHECK(framer::natural_less("x", "x1"));
    CHECK_FALSE(framer::natural_less("same", "same"));
}

TEST_CASE("near_matches finds typos, prefixes and case differences", "[units]") {
    std::vector<std::string> names{"Role", "Gender", "Age", "Treatment", "Ethnicity"};
    CHECK(framer::near_matches("role", names) == std::vector<std::string>{"Role"});
    CHECK(framer::near_matches("Gendr", names) == std::vector<std::string>{"Gender"});
    CHECK(framer::near_matches("Treat", names) == std::vector<std::string>{"Treatment"});
    CHECK(framer::near_matches("Zzzzzz", names).empty());
}

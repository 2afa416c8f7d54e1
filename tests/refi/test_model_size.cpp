// The per-coding model's size budget (refi/model.hpp) and the compact parts it rests on: refi::OptString (an
// optional string in one pointer, shared when the reader sees a value again) and Selection's out-of-line geometry.
// A large project holds one Selection and one Coding per coded passage (1,000,000 at the benchmark's largest
// size), so these sizes are most of what reading it costs; they must not silently grow back (bench/README.md:
// 512 + 216 bytes before, 192 + 136 after).
#include <catch2/catch.hpp>

#include <string>

#include "refi/refi.hpp"

using namespace refi;

// The budget, checked at compile time so a new field has to say so here.
static_assert(sizeof(OptString) == sizeof(void*), "an OptString is one pointer");
static_assert(sizeof(Authorship) <= 4 * sizeof(void*), "Authorship: four OptStrings");
static_assert(sizeof(Coding) <= 136, "Coding over its budget (tests/refi/test_model_size.cpp)");
static_assert(sizeof(Selection) <= 192, "Selection over its budget (tests/refi/test_model_size.cpp)");

TEST_CASE("An OptString reads like an optional string and compares by its text") {
    OptString none;
    CHECK_FALSE(none.has_value());
    CHECK(none == std::nullopt);
    CHECK(none.value_or("fallback") == "fallback");
    CHECK(none.get() == nullptr);
    CHECK_THROWS_AS(none.value(), std::bad_optional_access);

    OptString a = "2024-01-15T10:00:00Z";
    REQUIRE(a.has_value());
    CHECK(*a == "2024-01-15T10:00:00Z");
    CHECK(a->size() == 20);
    CHECK(a == "2024-01-15T10:00:00Z");
    CHECK(a == std::string("2024-01-15T10:00:00Z"));
    CHECK(a == std::optional<std::string>("2024-01-15T10:00:00Z"));
    CHECK_FALSE(a == std::nullopt);
    CHECK_FALSE(a == none);

    // Equal text held separately is equal; the empty string is a value, not absence.
    OptString b = std::string("2024-01-15T10:00:00Z");
    CHECK(a == b);
    CHECK_FALSE(a.shares(b));
    OptString empty = "";
    CHECK(empty.has_value());
    CHECK_FALSE(empty == none);
    CHECK(empty.to_optional() == std::optional<std::string>(""));
}

TEST_CASE("Copies of an OptString share one text and replacing one leaves the others as they were") {
    OptString a = "56C7E3A4-BE07-55A5-94D1-95492B825B3B";
    OptString copy = a;
    CHECK(copy.shares(a));
    copy = "another user";
    CHECK(*a == "56C7E3A4-BE07-55A5-94D1-95492B825B3B");
    CHECK(*copy == "another user");
    OptString moved = std::move(copy);
    CHECK(*moved == "another user");
    a.reset();
    CHECK_FALSE(a.has_value());
    CHECK(a.emplace(3, 'x') == "xxx");
}

TEST_CASE("The reader holds a user GUID and a date repeated on coding after coding once") {
    const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<Project name="p" xmlns="urn:QDA-XML:project:1.0">
  <Users><User guid="56C7E3A4-BE07-55A5-94D1-95492B825B3B" name="A"/></Users>
  <CodeBook><Codes><Code guid="E835E521-DA6B-55AB-9E9F-80F50EF1F5B5" name="c" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="69C599DB-EFB3-5528-B1F2-AF8A2BF2CF06" name="s" creatingUser="56C7E3A4-BE07-55A5-94D1-95492B825B3B">
      <PlainTextContent>Some words to code here.</PlainTextContent>
      <PlainTextSelection guid="2E60CFF6-5EC9-5EF0-AB9E-38FB5C4F5EC8" startPosition="0" endPosition="4">
        <Coding guid="C1184F3A-9523-5102-A2AF-936ECEE34F70" creatingUser="56C7E3A4-BE07-55A5-94D1-95492B825B3B" creationDateTime="2024-01-15T10:00:00Z">
          <CodeRef targetGUID="E835E521-DA6B-55AB-9E9F-80F50EF1F5B5"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="2E5CCFF6-5EC5-5619-BF28-07C99DFCD98F" startPosition="5" endPosition="10">
        <Coding guid="C1144F3A-951F-582B-BF45-A29992F33CD7" creatingUser="56C7E3A4-BE07-55A5-94D1-95492B825B3B" creationDateTime="2024-01-15T10:00:00Z">
          <CodeRef targetGUID="E835E521-DA6B-55AB-9E9F-80F50EF1F5B5"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="2E68CFF6-5ED1-509E-B263-AC4EA5A3D6DE" startPosition="11" endPosition="13">
        <Coding guid="C1104F3A-951B-5F54-BEFE-4D3C1481FDE6" creatingUser="56C7E3A4-BE07-55A5-94D1-95492B825B3B" creationDateTime="2024-02-01T09:30:00Z">
          <CodeRef targetGUID="E835E521-DA6B-55AB-9E9F-80F50EF1F5B5"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>)";
    Diagnostics d;
    Project p = parse_project_xml(xml, "p.qde", d);
    REQUIRE(p.sources.size() == 1);
    const auto& sels = p.sources[0].selections;
    REQUIRE(sels.size() == 3);
    const Coding &c0 = sels[0].codings.at(0), &c1 = sels[1].codings.at(0), &c2 = sels[2].codings.at(0);
    CHECK(c0.creating_user == "56C7E3A4-BE07-55A5-94D1-95492B825B3B");
    CHECK(c0.creating_user.shares(c1.creating_user));
    CHECK(c0.creating_user.shares(c2.creating_user));
    CHECK(c0.creating_user.shares(p.sources[0].authorship.creating_user));
    CHECK(c0.creation_date_time.shares(c1.creation_date_time));
    CHECK(c2.creation_date_time == "2024-02-01T09:30:00Z");  // a new value is its own
    CHECK_FALSE(c2.creation_date_time.shares(c1.creation_date_time));
    CHECK_FALSE(sels[0].authorship.creating_user.has_value());  // absent stays absent

    // Written back exactly as read.
    Project again = parse_project_xml(project_to_xml(p, d), "again.qde", d);
    CHECK(again == p);
}

TEST_CASE("A selection's geometry costs nothing until set and a zero geometry equals none") {
    Selection text;
    CHECK(text.geometry_part.get() == nullptr);
    CHECK(text.geometry().page == 0);
    CHECK(text.geometry().finish == 0);
    CHECK(text.geometry_part.get() == nullptr);  // reading it allocates nothing

    Selection zeros = text;
    zeros.set_geometry();
    CHECK(zeros.geometry_part.get() != nullptr);
    CHECK(zeros == text);

    Selection pdf = text;
    pdf.kind = SelectionKind::PDF;
    pdf.set_geometry() = {.page = 2, .first_x = 10, .first_y = 20, .second_x = 30, .second_y = 40};
    Selection copy = pdf;
    CHECK(copy == pdf);
    copy.set_geometry().second_y = 41;  // a copy owns its geometry
    CHECK(pdf.geometry().second_y == 40);
    CHECK_FALSE(copy == pdf);
}

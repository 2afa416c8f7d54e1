#include <catch2/catch.hpp>

#include "refi/refi.hpp"
#include "support/sample_project.hpp"

using namespace refi;

TEST_CASE("ProjectIndex finds every kind of element, selections and GUIDs indexed on first use", "[index]") {
    Project p = framer::test::make_full_project();
    ProjectIndex index(p);
    // Every selection anywhere (text, PDF with its Representation, picture, A/V, transcripts) and its source.
    std::size_t selections = 0;
    for (const auto& s : p.sources) {
        auto check = [&](const Selection& sel) {
            ++selections;
            CHECK(index.find_selection(sel.guid) == &sel);
            CHECK(index.source_of_selection(normalize_guid(sel.guid)) == &s);
            CHECK(index.knows(sel.guid));
            for (const auto& c : sel.codings) CHECK(index.knows(c.guid));
        };
        for (const auto& sel : s.selections) {
            check(sel);
            if (sel.representation)
                for (const auto& inner : sel.representation->selections) check(inner);
        }
        if (s.representation)
            for (const auto& sel : s.representation->selections) check(sel);
        for (const auto& t : s.transcripts) {
            CHECK(index.knows(t.guid));
            for (const auto& sp : t.sync_points) CHECK(index.knows(sp.guid));
            for (const auto& sel : t.selections) check(sel);
        }
        CHECK(index.find_source(s.guid) == &s);
    }
    CHECK(selections > 5);
    for (const auto& c : p.cases) CHECK(index.find_case(c.guid) == &c);
    for (const auto& l : p.links) CHECK(index.knows(l.guid));
    for (const auto& g : p.graphs)
        for (const auto& v : g.vertices) CHECK(index.knows(v.guid));
    CHECK_FALSE(index.knows("00000000-0000-4000-8000-00000000FFFF"));
    CHECK(index.find_selection("00000000-0000-4000-8000-00000000FFFF") == nullptr);
}

TEST_CASE("ProjectIndex finds an element by its GUID in upper case, lower case and braces alike", "[index]") {
    Project p = framer::test::make_full_project();
    ProjectIndex index(p);
    for (const auto& c : p.cases) {
        const std::string upper = normalize_guid(c.guid), lower = ascii_lower(upper);
        CHECK(index.find_case(upper) == &c);
        CHECK(index.find_case(lower) == &c);
        CHECK(index.find_case("{" + lower + "}") == &c);
        CHECK(index.find_case("{" + upper + "}") == &c);
    }
    for (const auto& s : p.sources) CHECK(index.find_source(ascii_lower(s.guid)) == &s);
    CHECK(index.find_case("{00000000-0000-4000-8000-00000000FFFF}") == nullptr);
}

// Derived GUIDs: make_guid_from's values are fixed (summary notes already written into users' projects are found
// by them), and GuidFromPrefix and guid_bits give exactly make_guid_from's bits without building strings.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "refi/guid.hpp"

using namespace refi;

TEST_CASE("Derived GUIDs keep the values earlier versions wrote", "[guid]") {
    // Computed by the implementation before GuidFromPrefix: a summary note of a case x code, and a coding id.
    CHECK(make_guid_from("framer-summary", "144BAEDF-BF7F-5A61-8681-9DDB6DF0E205"
                                           "73F4548E-9CF2-54AF-A669-627E5C198585") ==
          "DC5E3833-B99F-55FB-AE08-9FEBED3D62C5");
    CHECK(make_guid_from("coding", "7") == "A8EF9950-44FF-5809-9146-A68B1E1DD23D");
}

TEST_CASE("guid_bits reads a GUID in either case and with braces, and refuses what is not one", "[guid]") {
    auto upper = guid_bits("DC5E3833-B99F-55FB-AE08-9FEBED3D62C5");
    REQUIRE(upper);
    CHECK(upper->hi == 0xDC5E3833B99F55FBull);
    CHECK(upper->lo == 0xAE089FEBED3D62C5ull);
    CHECK(guid_bits("{dc5e3833-b99f-55fb-ae08-9febed3d62c5}") == upper);
    CHECK_FALSE(guid_bits("DC5E3833-B99F-55FB-AE08-9FEBED3D62C"));
    CHECK_FALSE(guid_bits("DC5E3833-B99F-55FB-AE08-9FEBED3D62CG"));
    CHECK_FALSE(guid_bits(""));
}

TEST_CASE("GuidFromPrefix gives make_guid_from's GUID for any prefix and rest", "[guid]") {
    std::mt19937 random(11);
    auto text = [&](std::size_t n) {
        std::string s(n, ' ');
        for (auto& c : s) c = static_cast<char>(random() % 256);
        return s;
    };
    for (int round = 0; round < 300; ++round) {
        const std::string ns = text(random() % 20), prefix = text(random() % 40), rest = text(random() % 40);
        const auto expected = guid_bits(make_guid_from(ns, prefix + rest));
        REQUIRE(expected);
        CHECK(GuidFromPrefix(ns, prefix).with(rest) == *expected);
    }
    // The normalising form: braces dropped and letters upper-cased as normalize_guid does.
    const GuidFromPrefix unit("framer-summary", normalize_guid("144baedf-bf7f-5a61-8681-9ddb6df0e205"));
    for (const char* code : {"73F4548E-9CF2-54AF-A669-627E5C198585", "73f4548e-9cf2-54af-a669-627e5c198585",
                             "{73f4548E-9CF2-54AF-A669-627E5C198585}"})
        CHECK(unit.with_normalized_guid(code) == guid_bits("DC5E3833-B99F-55FB-AE08-9FEBED3D62C5"));
}

TEST_CASE("A GUID is normalised by upper-casing ASCII letters and dropping braces, and is_normalized_guid agrees",
          "[guid]") {
    CHECK(normalize_guid("{dc5e3833-b99f-55fb-ae08-9febed3d62c5}") == "DC5E3833-B99F-55FB-AE08-9FEBED3D62C5");
    CHECK(normalize_guid("caf\xC3\xA9-x") == "CAF\xC3\xA9-X");  // bytes past ASCII stay as they are
    for (const char* g : {"DC5E3833-B99F-55FB-AE08-9FEBED3D62C5", "dc5e3833-B99F-55FB-AE08-9FEBED3D62C5",
                          "{DC5E3833-B99F-55FB-AE08-9FEBED3D62C5}", "{", "", "not-a-guid", "{x", "x}"}) {
        INFO(g);
        CHECK(is_normalized_guid(g) == (normalize_guid(g) == g));
    }
}

TEST_CASE("same_guid is normalize_guid equality, for GUIDs in any case, with or without braces", "[guid]") {
    const std::vector<std::string> guids = {"DC5E3833-B99F-55FB-AE08-9FEBED3D62C5", "dc5e3833-b99f-55fb-ae08-9febed3d62c5",
                                            "{DC5E3833-b99f-55FB-AE08-9FEBED3D62C5}", "DC5E3833-B99F-55FB-AE08-9FEBED3D62C6",
                                            "{DC5E3833-B99F-55FB-AE08-9FEBED3D62C5", "", "{}", "{", "x", "X"};
    for (const auto& a : guids)
        for (const auto& b : guids) {
            INFO(a << " / " << b);
            CHECK(same_guid(a, b) == (normalize_guid(a) == normalize_guid(b)));
        }
}

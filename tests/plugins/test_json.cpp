// framer::Json: dump escaping, UTF-8 pass-through, parse, round trip.
#include <catch2/catch.hpp>

#include "core/json.hpp"

using framer::Json;

TEST_CASE("Json dump escapes quotes, backslashes and every control character", "[json]") {
    Json j = std::string("a\"b\\c\n\t\x01\x1f\x7f");
    CHECK(j.dump() == "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\\u007f\"");
}

TEST_CASE("Json dump passes UTF-8 through unchanged", "[json]") {
    Json j = std::string("Zoë – 🙂");
    CHECK(j.dump() == "\"Zoë – 🙂\"");
}

TEST_CASE("Json objects keep insertion order and indent by two spaces", "[json]") {
    Json j;
    j["unit"] = "case";
    j["by"] = "Role";
    j["groups"].push_back("Service user");
    j["groups"].push_back("Therapist");
    j["n"] = 63;
    j["pct"] = 40.5;
    j["empty"] = Json::array();
    j["none"] = nullptr;
    j["flag"] = true;
    CHECK(j.dump() ==
          "{\n  \"unit\": \"case\",\n  \"by\": \"Role\",\n  \"groups\": [\n    \"Service user\",\n    \"Therapist\"\n"
          "  ],\n  \"n\": 63,\n  \"pct\": 40.5,\n  \"empty\": [],\n  \"none\": null,\n  \"flag\": true\n}");
    CHECK(j.dump(-1) ==
          "{\"unit\":\"case\",\"by\":\"Role\",\"groups\":[\"Service user\",\"Therapist\"],\"n\":63,\"pct\":40.5,"
          "\"empty\":[],\"none\":null,\"flag\":true}");
}

TEST_CASE("Json doubles with integral values stay doubles after a round trip", "[json]") {
    Json j = 40.0;
    CHECK(j.dump() == "40.0");
    Json back = Json::parse(j.dump());
    CHECK_FALSE(back.is_integer());
    CHECK(back.as_double() == 40.0);
    CHECK(Json(0.1).dump() == "0.1");
}

TEST_CASE("Json parse reads every kind of value and escape", "[json]") {
    Json j = Json::parse(R"( {"a": [1, -2, 3.5, 1e3, true, false, null], "s": "x\u00e9\ud83d\ude42\n\/", "o": {}} )");
    REQUIRE(j.is_object());
    const auto& a = j.at("a").as_array();
    REQUIRE(a.size() == 7);
    CHECK(a[0].as_int() == 1);
    CHECK(a[1].as_int() == -2);
    CHECK(a[2].as_double() == 3.5);
    CHECK(a[3].as_double() == 1000.0);
    CHECK(a[4].as_bool());
    CHECK_FALSE(a[5].as_bool());
    CHECK(a[6].is_null());
    CHECK(j.at("s").as_string() == "xé🙂\n/");
    CHECK(j.at("o").is_object());
    CHECK(j.at("o").size() == 0);
    CHECK(j.contains("s"));
    CHECK_FALSE(j.contains("t"));
    CHECK_THROWS_AS(j.at("t"), std::out_of_range);
}

TEST_CASE("Json parse rejects malformed input with the offset", "[json]") {
    for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "01x", "\"\\ud800\"", "[1] 2", "\"a\x01\""}) {
        INFO(bad);
        CHECK_THROWS_WITH(Json::parse(bad), Catch::Contains("offset"));
    }
    CHECK_THROWS(Json::parse(std::string(100000, '[')));
}

TEST_CASE("Json dump then parse gives the same text", "[json]") {
    Json j;
    j["k\"ey"] = std::string("line\r\nbreak \x02 ünïcode");
    j["list"].push_back(Json::object());
    j["list"].push_back(-7);
    j["list"].push_back(2.25);
    std::string text = j.dump();
    CHECK(Json::parse(text).dump() == text);
    CHECK(Json::parse(j.dump(-1)).dump() == text);
}

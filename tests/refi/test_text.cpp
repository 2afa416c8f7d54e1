#include <catch2/catch.hpp>

#include "refi/text.hpp"

using namespace refi;

TEST_CASE("OffsetMap converts NVivo UTF-16 units to code points and back", "[text]") {
    // "a😀b": the emoji is one code point but two UTF-16 units.
    std::string text = "a\xF0\x9F\x98\x80" "b";
    OffsetMap map(text, PositionCounting::Utf16Units);
    CHECK(map.length_code_points() == 3);
    CHECK(map.to_code_points(0) == 0);
    CHECK(map.to_code_points(1) == 1);
    CHECK(map.to_code_points(3) == 2);  // after the emoji
    CHECK(map.to_code_points(4) == 3);
    CHECK(map.from_code_points(2) == 3);
    CHECK(map.from_code_points(3) == 4);
    // Past the end: one unit per unit, so out-of-range values survive a round trip.
    CHECK(map.to_code_points(10) == 9);
    CHECK(map.from_code_points(9) == 10);
}

TEST_CASE("OffsetMap counts CRLF as one position for ATLAS.ti", "[text]") {
    std::string text = "ab\r\ncd\r\ne";
    OffsetMap map(text, PositionCounting::CodePointsLfOnly);
    // ATLAS.ti sees "ab\ncd\ne": 'c' is at 3, 'e' at 6; in the stored text 'c' is at 4, 'e' at 8.
    CHECK(map.to_code_points(3) == 4);
    CHECK(map.to_code_points(6) == 8);
    CHECK(map.to_code_points(2) == 2);  // the end of "ab" stays before the CR
    CHECK(map.from_code_points(4) == 3);
    CHECK(map.from_code_points(8) == 6);
    for (std::int64_t u = 0; u <= 7; ++u) CHECK(map.from_code_points(map.to_code_points(u)) == u);
}

TEST_CASE("OffsetMap is the identity for the standard counting", "[text]") {
    OffsetMap map("h\xC3\xA9llo", PositionCounting::CodePoints);
    CHECK(map.to_code_points(3) == 3);
    CHECK(map.from_code_points(5) == 5);
    CHECK(map.length_code_points() == 5);
}

TEST_CASE("substr_code_points cuts on code points, not bytes", "[text]") {
    std::string text = "caf\xC3\xA9 \xE2\x80\x94 ok";  // "café — ok"
    CHECK(substr_code_points(text, 0, 4) == "caf\xC3\xA9");
    CHECK(substr_code_points(text, 5, 6) == "\xE2\x80\x94");
    CHECK(substr_code_points(text, 7, 9) == "ok");
    CHECK(substr_code_points(text, 7, 100) == "ok");
    CHECK(substr_code_points(text, 50, 60).empty());
}

TEST_CASE("UTF-8 validation rejects invalid bytes, overlongs and surrogates", "[text]") {
    std::size_t at = 0;
    CHECK(is_valid_utf8("plain \xE2\x80\x94 text"));
    CHECK_FALSE(is_valid_utf8("bad \xFF here", &at));
    CHECK(at == 4);
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("cut \xE2\x80"));      // truncated sequence
    CHECK(strip_bom("\xEF\xBB\xBFhi") == "hi");
    CHECK(strip_bom("hi") == "hi");
}

TEST_CASE("resolve_path understands the four path forms of §8.3", "[text]") {
    CHECK(resolve_path("internal://ABC.txt").kind == ResolvedPath::Kind::Internal);
    CHECK(resolve_path("internal://ABC.txt").path == "ABC.txt");
    CHECK(resolve_path("relative:///AR/John Interview.mp4").path == "AR/John Interview.mp4");
    CHECK(resolve_path("absolute:///C:/PROJECT/a.mp4").path == "C:/PROJECT/a.mp4");
    CHECK(resolve_path("absolute:///home/u/a.mp4").path == "/home/u/a.mp4");
    auto bare = resolve_path("board_2017.txt");
    CHECK(bare.kind == ResolvedPath::Kind::Bare);
    CHECK(bare.path == "board_2017.txt");
}

TEST_CASE("OffsetMap saturates positions near INT64_MAX instead of overflowing", "[text][overflow]") {
    // CRLF text has more code points than ATLAS.ti positions; UTF-16 text more units than code points: both
    // conversions add to a value past the end, which must not wrap round to a negative position.
    OffsetMap lf("ab\r\ncd\r\ne", PositionCounting::CodePointsLfOnly);
    CHECK(lf.to_code_points(INT64_MAX) == INT64_MAX);
    CHECK(lf.to_code_points(INT64_MAX - 1) == INT64_MAX);
    CHECK(lf.from_code_points(INT64_MAX) == INT64_MAX - 2);
    OffsetMap utf16("a\xF0\x9F\x98\x80" "b", PositionCounting::Utf16Units);
    CHECK(utf16.from_code_points(INT64_MAX) == INT64_MAX);
    CHECK(utf16.to_code_points(INT64_MAX) == INT64_MAX - 1);
}

#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "refi/source_store.hpp"
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

TEST_CASE("UTF-8 validation names the exact offset of a bad byte wherever it falls in a long ASCII run", "[text]") {
    // The validator skips ASCII sixteen bytes at a time: a bad byte at any offset within or after such a block,
    // and a valid sequence straddling one, must be found exactly where a byte-by-byte check finds them.
    for (std::size_t at = 0; at < 70; ++at) {
        std::string s(80, 'a');
        s[at] = '\xFF';
        std::size_t found = 1000;
        CHECK_FALSE(is_valid_utf8(s, &found));
        CHECK(found == at);
        std::string ok(80, 'a');
        ok.replace(at, 3, "\xE2\x80\x94");
        CHECK(is_valid_utf8(ok));
        std::string cut(at + 1, 'a');
        cut.back() = '\xE2';  // a sequence cut by the end of the text
        CHECK_FALSE(is_valid_utf8(cut, &found));
        CHECK(found == at);
    }
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

namespace {
// The tool's position of every code point boundary, counted the plain way (the reference for the sparse map).
std::vector<std::int64_t> reference_units(const std::string& text, PositionCounting counting) {
    std::vector<std::int64_t> units;
    std::int64_t unit = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        units.push_back(unit);
        if (counting == PositionCounting::Utf16Units) unit += len == 4 ? 2 : 1;
        else unit += c == '\r' && i + 1 < text.size() && text[i + 1] == '\n' ? 0 : 1;
        i += len;
    }
    units.push_back(unit);
    return units;
}

std::string random_text(std::uint32_t seed, std::size_t pieces) {
    // ASCII runs of every length (so the eight-byte fast path meets candidates at every offset), CRLF, lone CR
    // and LF, 2-, 3- and 4-byte characters.
    static const char* parts[] = {"a", "bcdefgh", "ijklmnopqrstuvw", "\r\n", "\r", "\n", "\xC3\xA9", "\xE2\x80\x94",
                                  "\xF0\x9F\x98\x80", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", " ", "xyz\r\n\r\n"};
    std::string out;
    for (std::size_t i = 0; i < pieces; ++i) {
        seed = seed * 1103515245u + 12345u;
        out += parts[(seed >> 16) % std::size(parts)];
    }
    return out;
}
}  // namespace

TEST_CASE("OffsetMap agrees with a per-character count on texts of every shape", "[text]") {
    for (std::uint32_t seed = 1; seed <= 60; ++seed) {
        std::string text = random_text(seed, seed * 7);
        for (auto counting : {PositionCounting::Utf16Units, PositionCounting::CodePointsLfOnly}) {
            auto units = reference_units(text, counting);
            OffsetMap map(text, counting);
            REQUIRE(map.length_code_points() == static_cast<std::int64_t>(units.size()) - 1);
            for (std::size_t cp = 0; cp < units.size(); ++cp)
                REQUIRE(map.from_code_points(static_cast<std::int64_t>(cp)) == units[cp]);
            // Every tool position maps to the first code point at or after it (lower bound), as before.
            for (std::int64_t u = 0; u <= units.back() + 3; ++u) {
                auto expected = std::lower_bound(units.begin(), units.end(), u) - units.begin();
                if (u > units.back()) expected = static_cast<std::int64_t>(units.size()) - 1 + (u - units.back());
                REQUIRE(map.to_code_points(u) == expected);
            }
        }
    }
}

TEST_CASE("CodePointIndex finds code points by index in long and short texts", "[text]") {
    for (std::uint32_t seed = 1; seed <= 30; ++seed) {
        std::string text = random_text(seed, seed * 23);
        CodePointIndex index(text);
        REQUIRE(index.size() == static_cast<std::int64_t>(count_code_points(text)));
        std::u32string decoded = decode_utf8(text);
        REQUIRE(static_cast<std::int64_t>(decoded.size()) == index.size());
        for (std::int64_t cp = 0; cp < index.size(); ++cp) {
            REQUIRE(index.at(cp) == decoded[static_cast<std::size_t>(cp)]);
            REQUIRE(index.slice(cp, cp + 3) == substr_code_points(text, cp, cp + 3));
            const std::size_t b = index.byte_of(cp);
            REQUIRE(index.at_byte(b) == decoded[static_cast<std::size_t>(cp)]);
            // Stepping back from a code point's first byte lands on the first byte of the one before it.
            if (cp > 0) REQUIRE(index.previous_byte(b) == index.byte_of(cp - 1));
        }
        CHECK(index.previous_byte(text.size()) == index.byte_of(index.size() - 1));
        CHECK(index.previous_byte(0) == 0);
        CHECK(index.byte_of(index.size()) == text.size());
        CHECK(index.slice(index.size() + 5, index.size() + 9).empty());
    }
}

TEST_CASE("count_code_points counts lead bytes in every alignment", "[text]") {
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        std::string text = random_text(seed, seed * 5);
        std::size_t expected = 0;
        for (unsigned char c : text) expected += (c & 0xC0) != 0x80;
        REQUIRE(count_code_points(text) == expected);
    }
}

TEST_CASE("sources that name one file share one copy of its text", "[text][memory]") {
    Project p;
    p.store = with_files(nullptr, {{"sources/big.txt", "\xEF\xBB\xBFshared text"}, {"sources/other.txt", "other"}});
    Source a, b, c;
    a.plain_text_path = "internal://big.txt";
    b.plain_text_path = "internal://big.txt";
    c.plain_text_path = "internal://other.txt";
    auto ta = shared_plain_text(p, a), tb = shared_plain_text(p, b), tc = shared_plain_text(p, c);
    REQUIRE(ta);
    CHECK(*ta == "shared text");  // BOM stripped
    CHECK(ta.get() == tb.get());
    CHECK(*tc == "other");
    CHECK(ta.get() != tc.get());
    // load_plain_text still hands out its own copy.
    CHECK(load_plain_text(p, a) == std::optional<std::string>("shared text"));
    // Another project (another store) with a file of the same name is not confused with this one.
    Project q;
    q.store = with_files(nullptr, {{"sources/big.txt", "different"}});
    CHECK(*shared_plain_text(q, a) == "different");
    Source none;
    CHECK(shared_plain_text(p, none) == nullptr);
}

TEST_CASE("substr_code_points agrees with a byte-by-byte walk on long mixed texts, blocks of 16 included", "[text]") {
    // The reference: code point boundaries are the bytes that are not continuation bytes, and the end.
    auto reference = [](std::string_view s, std::int64_t start, std::int64_t end) {
        std::vector<std::size_t> starts;
        for (std::size_t i = 0; i < s.size(); ++i)
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
        starts.push_back(s.size());
        auto at = [&](std::int64_t cp) {
            return cp < static_cast<std::int64_t>(starts.size()) ? starts[static_cast<std::size_t>(cp)] : s.size();
        };
        return s.substr(at(start), at(end) - at(start));
    };
    for (std::uint32_t seed = 1; seed <= 30; ++seed) {
        const std::string text = random_text(seed, 40 + seed * 13);
        const auto n = static_cast<std::int64_t>(count_code_points(text));
        for (std::int64_t start = 0; start <= n + 2; start += 1 + static_cast<std::int64_t>(seed % 3))
            for (std::int64_t len : {0, 1, 5, 16, 17, 40, 1000})
                REQUIRE(substr_code_points(text, start, start + len) == reference(text, start, start + len));
    }
    // A text that starts with continuation bytes (invalid UTF-8): its first code point starts after them.
    CHECK(substr_code_points("\x80\x80" "abc", 0, 1) == "a");
}

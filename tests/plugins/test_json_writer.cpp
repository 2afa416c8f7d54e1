// framer::JsonWriter (streamed JSON) against framer::Json::dump (the tree), and JsonTreeBuilder against both.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/json.hpp"
#include "core/json_writer.hpp"
#include "refi/utf8.hpp"

using framer::Json;
using framer::JsonTreeBuilder;
using framer::JsonWriter;

namespace {

std::string written(int indent, const std::function<void(JsonWriter&)>& f) {
    std::string out;
    JsonWriter w(out, indent);
    f(w);
    w.finish();
    return out;
}

// Strings that exercise escaping: controls, quotes, backslash, DEL, multi-byte UTF-8 and invalid bytes.
std::string random_string(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {
        "a", "Zoë", "🙂", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", " ", "–", "\xff", "\xc3", "\xe2\x82",
        "key", "/", "\r", "\b", "\f", "\xed\xa0\x80"};
    std::uniform_int_distribution<std::size_t> length(0, 6), piece(0, pieces.size() - 1);
    std::string s;
    for (std::size_t n = length(rng); n > 0; --n) s += pieces[piece(rng)];
    return s;
}

Json random_tree(std::mt19937& rng, int depth) {
    std::uniform_int_distribution<int> kind(0, depth >= 5 ? 5 : 7);
    switch (kind(rng)) {
        case 0: return Json();
        case 1: return Json(std::uniform_int_distribution<int>(0, 1)(rng) == 1);
        case 2: return Json(static_cast<std::int64_t>(std::uniform_int_distribution<std::int64_t>(INT64_MIN, INT64_MAX)(rng)));
        case 3: {
            static const double doubles[] = {0.0, -0.0, 40.0, 1.5, 1e300, 1e-300, 0.1, -7.25, 1e21};
            return Json(doubles[std::uniform_int_distribution<std::size_t>(0, 8)(rng)]);
        }
        case 4:
        case 5: return Json(random_string(rng));
        case 6: {
            Json a = Json::array();
            for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) a.push_back(random_tree(rng, depth + 1));
            return a;
        }
        default: {
            Json::Object o;
            for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n)
                o.emplace_back(random_string(rng) + std::to_string(n), random_tree(rng, depth + 1));  // distinct keys
            return Json(std::move(o));
        }
    }
}

// Drives any writer (JsonWriter, JsonTreeBuilder) call by call through a tree, as an analysis would.
template <class W>
void replay(W& w, const Json& j) {
    if (j.is_null()) w.null();
    else if (j.is_bool()) w.value(j.as_bool());
    else if (j.is_integer()) w.value(j.as_int());
    else if (j.is_number()) w.value(j.as_double());
    else if (j.is_string()) w.value(std::string_view(j.as_string()));
    else if (j.is_array()) {
        w.begin_array();
        for (const auto& e : j.as_array()) replay(w, e);
        w.end_array();
    } else {
        w.begin_object();
        for (const auto& [k, v] : j.as_object()) {
            w.key(k);
            replay(w, v);
        }
        w.end_object();
    }
}

}  // namespace

TEST_CASE("JsonWriter escapes quotes, backslashes and every control character as Json::dump does", "[json][writer]") {
    const std::string text = "a\"b\\c\n\t\r\b\f\x01\x1f\x7f/";
    CHECK(written(2, [&](JsonWriter& w) { w.value(text); }) == "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\\u007f/\"");
    CHECK(written(2, [&](JsonWriter& w) { w.value(text); }) == Json(text).dump());
}

TEST_CASE("JsonWriter escapes a special byte wherever it falls in a long plain run", "[json][writer]") {
    const std::vector<std::pair<char, std::string>> specials = {
        {'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\x01', "\\u0001"}, {'\x1f', "\\u001f"}, {'\x7f', "\\u007f"},
        {' ', " "}, {'~', "~"}};
    for (const auto& [c, escaped] : specials)
        for (std::size_t at = 0; at < 40; ++at) {  // across the 8- and 16-byte blocks and the tail
            std::string text(40, 'a');
            text[at] = c;
            INFO("byte " << static_cast<int>(c) << " at " << at);
            CHECK(written(-1, [&](JsonWriter& w) { w.value(text); }) ==
                  "\"" + std::string(at, 'a') + escaped + std::string(39 - at, 'a') + "\"");
        }
    // A multi-byte character and a byte that is not UTF-8 anywhere in a run.
    for (std::size_t at = 0; at < 40; ++at) {
        const std::string before(at, 'a'), after(39 - at, 'a');
        CHECK(written(-1, [&](JsonWriter& w) { w.value(before + "\xC3\xA9" + after); }) ==
              "\"" + before + "\xC3\xA9" + after + "\"");
        CHECK(written(-1, [&](JsonWriter& w) { w.value(before + "\xE9" + after); }) ==
              "\"" + before + "\xEF\xBF\xBD" + after + "\"");
    }
}

TEST_CASE("JsonWriter passes UTF-8 through and replaces bytes that are not UTF-8 with U+FFFD", "[json][writer]") {
    CHECK(written(-1, [](JsonWriter& w) { w.value("Zoë – 🙂"); }) == "\"Zoë – 🙂\"");
    // A Latin-1 'é', a truncated sequence and an encoded surrogate: each bad byte becomes one U+FFFD.
    const std::string bad = std::string("caf\xe9 \xe2\x82 \xed\xa0\x80");
    const std::string out = written(-1, [&](JsonWriter& w) { w.begin_object().key(bad).value(bad).end_object(); });
    CHECK(out.find('\xe9') == std::string::npos);
    CHECK(out == Json(Json::Object{{bad, Json(bad)}}).dump(-1));
    CHECK(Json::parse(out).as_object().front().second.as_string() ==
          "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("JsonWriter replaces exactly the bytes refi::to_valid_utf8 replaces, for random bytes", "[json][writer]") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
    for (int i = 0; i < 2000; ++i) {
        std::string bytes;
        for (int n = length(rng); n > 0; --n) bytes += static_cast<char>(byte(rng));
        if (i % 3 == 0) bytes += "\xF0\x9F\x99\x82\xC3\xA9";  // valid multi-byte sequences among the noise
        INFO("case " << i);
        CHECK(written(-1, [&](JsonWriter& w) { w.value(bytes); }) == Json(refi::to_valid_utf8(bytes)).dump(-1));
    }
}

TEST_CASE("JsonWriter writes a JsonString (encoded once) as the string itself, as value and as key", "[json][writer]") {
    const framer::JsonString name("Code \"A\" \xe9");  // an invalid byte too: encoded as the writer would
    auto with_string = [&](auto& w) { w.begin_object().key(name).value(name).end_object(); };
    auto with_text = [&](auto& w) { w.begin_object().key(name.text()).value(name.text()).end_object(); };
    CHECK(written(2, with_string) == written(2, with_text));
    CHECK(written(-1, with_string) == written(-1, with_text));
    JsonTreeBuilder a, b;
    with_string(a);
    with_text(b);
    CHECK(a.take().dump() == b.take().dump());
}

TEST_CASE("JsonWriter nests objects and arrays with two-space indentation, empty ones as [] and {}", "[json][writer]") {
    const std::string out = written(2, [](JsonWriter& w) {
        w.begin_object();
        w.key("unit").value("case");
        w.key("groups").begin_array().value("Service user").value("Therapist").end_array();
        w.key("n").value(63);
        w.key("pct").value(40.5);
        w.key("whole").value(40.0);
        w.key("empty").begin_array().end_array();
        w.key("nothing").begin_object().end_object();
        w.key("none").null();
        w.key("flag").value(true);
        w.key("deep").begin_array().begin_object().key("a").begin_array().value(1).end_array().end_object().end_array();
        w.end_object();
    });
    CHECK(out ==
          "{\n  \"unit\": \"case\",\n  \"groups\": [\n    \"Service user\",\n    \"Therapist\"\n  ],\n  \"n\": 63,\n"
          "  \"pct\": 40.5,\n  \"whole\": 40.0,\n  \"empty\": [],\n  \"nothing\": {},\n  \"none\": null,\n"
          "  \"flag\": true,\n  \"deep\": [\n    {\n      \"a\": [\n        1\n      ]\n    }\n  ]\n}");
}

TEST_CASE("JsonWriter compact output has no whitespace and parses to the same value as the indented one", "[json][writer]") {
    auto build = [](JsonWriter& w) {
        w.begin_object().key("a").begin_array().value(1).value("x y").begin_object().end_object().end_array();
        w.key("b").null().end_object();
    };
    const std::string compact = written(-1, build), indented = written(2, build);
    CHECK(compact == "{\"a\":[1,\"x y\",{}],\"b\":null}");
    CHECK(Json::parse(compact).dump() == Json::parse(indented).dump());
    CHECK(indented.size() > compact.size());
}

TEST_CASE("JsonWriter and JsonTreeBuilder give exactly Json::dump's text for random trees, indented and compact",
          "[json][writer]") {
    std::mt19937 rng(12345);
    for (int i = 0; i < 500; ++i) {
        const Json tree = random_tree(rng, 0);
        for (int indent : {2, -1, 4}) {
            INFO("tree " << i << " indent " << indent);
            CHECK(written(indent, [&](JsonWriter& w) { replay(w, tree); }) == tree.dump(indent));
            CHECK(written(indent, [&](JsonWriter& w) { w.value(tree); }) == tree.dump(indent));
        }
        JsonTreeBuilder builder;
        replay(builder, tree);
        CHECK(builder.take().dump() == tree.dump());
    }
}

TEST_CASE("JsonWriter to a stream hands the text on in pieces and gives the same bytes", "[json][writer]") {
    Json big = Json::array();
    for (int i = 0; i < 20000; ++i) big.push_back(Json(Json::Object{{"text", Json("excerpt \"" + std::to_string(i) + "\" é\n")}}));
    std::ostringstream out;
    std::size_t seen_before_finish = 0;
    {
        JsonWriter w(out, 2);
        w.value(big);
        seen_before_finish = out.str().size();  // spilled while writing, not held whole
        w.finish();
    }
    CHECK(seen_before_finish > 0);
    CHECK(seen_before_finish < out.str().size());
    CHECK(out.str() == big.dump(2));
}

TEST_CASE("JsonWriter refuses calls that would write malformed JSON", "[json][writer]") {
    std::string out;
    JsonWriter w(out, 2);
    CHECK_THROWS_AS(w.key("outside"), std::logic_error);
    CHECK_THROWS_AS(w.end_array(), std::logic_error);
    w.begin_object();
    CHECK_THROWS_AS(w.value(1), std::logic_error);  // no key
    w.key("a");
    CHECK_THROWS_AS(w.key("b"), std::logic_error);  // two keys
    CHECK_THROWS_AS(w.end_object(), std::logic_error);  // key without value
    w.value(1);
    CHECK_THROWS_AS(w.end_array(), std::logic_error);
    CHECK_THROWS_AS(w.finish(), std::logic_error);  // still open
    w.end_object();
    CHECK_THROWS_AS(w.value(2), std::logic_error);  // a second top-level value
    w.finish();
    CHECK(out == "{\n  \"a\": 1\n}");

    std::string nothing;
    JsonWriter empty(nothing, 2);
    CHECK_THROWS_AS(empty.finish(), std::logic_error);
    JsonTreeBuilder builder;
    CHECK_THROWS_AS(builder.take(), std::logic_error);
    builder.begin_array();
    CHECK_THROWS_AS(builder.key("k"), std::logic_error);
    CHECK_THROWS_AS(builder.take(), std::logic_error);
}

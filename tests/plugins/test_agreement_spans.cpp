// Span arithmetic and segment matching of the agreement analysis.
#include <catch2/catch.hpp>

#include "agreement/spans.hpp"

using namespace framer::agreement;

TEST_CASE("merge_spans unions overlapping and touching spans and drops empty ones", "[agreement][spans]") {
    auto m = merge_spans({{10, 20}, {0, 5}, {15, 30}, {30, 35}, {40, 40}, {50, 60}});
    REQUIRE(m.size() == 3);
    CHECK(m[0] == Span{0, 5});
    CHECK(m[1] == Span{10, 35});
    CHECK(m[2] == Span{50, 60});
    CHECK(total_length(m) == 5 + 25 + 10);
}

TEST_CASE("intersection_length and difference of merged spans add up", "[agreement][spans]") {
    std::vector<Span> a = merge_spans({{0, 150}}), b = merge_spans({{100, 200}});
    CHECK(intersection_length(a, b) == 50);
    CHECK(difference(a, b) == std::vector<Span>{{0, 100}});
    CHECK(difference(b, a) == std::vector<Span>{{150, 200}});
    std::vector<Span> c = merge_spans({{0, 10}, {20, 30}, {40, 50}}), d = merge_spans({{5, 25}, {45, 60}});
    CHECK(intersection_length(c, d) == 5 + 5 + 5);
    CHECK(difference(c, d) == std::vector<Span>{{0, 5}, {25, 30}, {40, 45}});
    CHECK(difference(d, c) == std::vector<Span>{{10, 20}, {50, 60}});
    CHECK(total_length(difference(c, d)) == total_length(c) - intersection_length(c, d));
}

TEST_CASE("Segments match when the overlap reaches the threshold of the longer segment", "[agreement][spans]") {
    const std::vector<Span> a{{0, 100}};
    CHECK(match_segments(a, {{5, 100}}, 9000).pairs.size() == 1);   // 95 of 100
    CHECK(match_segments(a, {{10, 100}}, 9000).pairs.size() == 1);  // exactly 90%
    CHECK(match_segments(a, {{11, 100}}, 9000).pairs.empty());      // 89%
    CHECK(match_segments(a, {{0, 120}}, 9000).pairs.empty());       // 100 of the longer 120 = 83%
    CHECK(match_segments(a, {{0, 120}}, 8000).pairs.size() == 1);
    CHECK(match_segments(a, {{200, 300}}, 100).pairs.empty());      // disjoint never matches
}

TEST_CASE("Segment matching is one-to-one, largest overlap first", "[agreement][spans]") {
    // Two of B's segments could match A's one: only the better is taken.
    auto m = match_segments({{0, 100}}, {{2, 100}, {0, 100}}, 5000);
    REQUIRE(m.pairs.size() == 1);
    CHECK(m.pairs[0] == std::pair<std::size_t, std::size_t>{0, 1});
    // A low threshold lets one long segment overlap two short ones; still one pair each.
    auto n = match_segments({{0, 10}, {10, 20}}, {{0, 20}}, 5000);
    CHECK(n.pairs.size() == 1);
}

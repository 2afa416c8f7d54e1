// A chart cell's excerpts (plugins/chart/excerpts.cpp): one CellExcerpts now serves every cell of a streamed
// table, cleared in between, so a cleared one must give exactly what a fresh one gives, below and above the size
// where it switches from a loop to a hash map; and append_excerpt, which writes numbers and the cached source
// label itself, must read as the excerpt always has, for every kind.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chart/excerpts.hpp"

using framer::chart::CellExcerpts;
using framer::chart::Excerpt;
using framer::chart::format_excerpt;

namespace {

const std::string text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
const std::string ann = "Ann", anna = "Anna", bob = "Bob", nobody;
const std::string label = "Interview 7";

// Excerpt i of a cell: ranges 0, 1, 2, ... of the text, every third one coded a second time by another coder.
std::vector<Excerpt> excerpts_of(std::size_t ranges) {
    std::vector<Excerpt> out;
    for (std::size_t i = 0; i < ranges; ++i) {
        Excerpt e;
        e.start = static_cast<std::int64_t>(i);
        e.end = static_cast<std::int64_t>(i + 3);
        e.text = std::string_view(text).substr(i, 3);
        e.coder = i % 2 ? &ann : &anna;
        e.source_label = &label;
        out.push_back(e);
        if (i % 3 == 0) {
            Excerpt again = e;
            again.coder = &bob;
            out.push_back(again);
        }
    }
    return out;
}

struct Shown {
    std::vector<const Excerpt*> excerpts;
    std::vector<std::string> coders;
    bool operator==(const Shown& o) const { return excerpts == o.excerpts && coders == o.coders; }
};

Shown add_all(CellExcerpts& cell, const std::vector<Excerpt>& all) {
    for (const auto& e : all) cell.add(e);
    return {cell.excerpts, cell.coders};
}

}  // namespace

TEST_CASE("A CellExcerpts cleared between cells gives each cell what a fresh one gives") {
    CellExcerpts reused;
    for (std::size_t ranges : {1u, 3u, 8u, 9u, 20u, 2u, 12u, 1u}) {  // small, past the hash map, small again
        INFO(ranges << " ranges");
        const auto all = excerpts_of(ranges);
        CellExcerpts fresh;
        const Shown expected = add_all(fresh, all);
        REQUIRE(expected.excerpts.size() == ranges);  // the second coder's codings merged into the first's
        CHECK(expected.coders[0] == "Anna, Bob");
        reused.clear();
        CHECK(reused.excerpts.empty());
        CHECK(add_all(reused, all) == expected);
        CHECK(reused.merged.size() == ranges);
    }
}

TEST_CASE("A coder whose name starts another's is still listed") {
    const auto all = excerpts_of(1);
    CellExcerpts cell;
    cell.add(all[0]);  // Anna
    Excerpt ann_too = all[0];
    ann_too.coder = &ann;
    cell.add(ann_too);
    cell.add(ann_too);
    CHECK(cell.coders == std::vector<std::string>{"Anna, Ann"});
}

TEST_CASE("An excerpt reads as its source, where it is, its coder and its text, for every kind") {
    Excerpt e;
    e.source_label = &label;
    e.coder = &ann;
    e.start = 12;
    e.end = 40;
    e.text = "some words";
    CHECK(format_excerpt(e) == "[Interview 7 12\u201340, Ann] some words");
    CHECK(format_excerpt(e, &bob) == "[Interview 7 12\u201340, Bob] some words");
    e.start = -5;  // as written, whatever it is
    e.end = 1234567890123;
    CHECK(format_excerpt(e) == "[Interview 7 -5\u20131234567890123, Ann] some words");
    e.coder = &nobody;
    e.start = 0;
    e.end = 9;
    CHECK(format_excerpt(e) == "[Interview 7 0\u20139] some words");
    e.coder = &ann;
    e.kind = "transcript";
    CHECK(format_excerpt(e) == "[Interview 7 0\u20139, Ann] some words");
    e.kind = "pdf";
    e.start = e.end = 2;
    CHECK(format_excerpt(e) == "[Interview 7 p. 3, Ann] some words");
    e.kind = "audio";
    e.start = 65'000;
    e.end = 3'600'000;
    e.text = {};
    CHECK(format_excerpt(e) == "[Interview 7 0:01:05\u20131:00:00, Ann]");
    e.kind = "video";
    CHECK(format_excerpt(e) == "[Interview 7 0:01:05\u20131:00:00, Ann]");
    e.kind = "picture";
    CHECK(format_excerpt(e) == "[Interview 7, picture region, Ann]");
    e.kind = "source";
    CHECK(format_excerpt(e) == "[Interview 7, whole source, Ann]");
    e.kind = "case";
    CHECK(format_excerpt(e) == "[whole case, Ann]");
    Excerpt no_source;
    no_source.coder = &ann;
    no_source.end = 3;
    no_source.text = "abc";
    CHECK(format_excerpt(no_source) == "[ 0\u20133, Ann] abc");
}

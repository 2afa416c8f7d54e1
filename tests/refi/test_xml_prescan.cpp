// The checks of reading project.qde, run alone (prescan_xml: the tokenizer of refi-qda/src/xml_pull.cpp over the
// whole document, building nothing) and their sixteen-byte paths, and the line map's hinted look-up
// (xml_location.hpp) give exactly what a byte-by-byte scan and a binary search give, wherever a finding falls
// relative to an eight- or sixteen-byte block.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "xml_location.hpp"
#include "xml_prescan.hpp"

using namespace refi;

namespace {
/// Findings as "id line:column", in order.
std::vector<std::string> findings(std::string xml) {
    Diagnostics d;
    detail::prescan_xml(xml, "p.qde", d);
    std::vector<std::string> out;
    for (const auto& i : d.items()) out.push_back(i.id + " " + std::to_string(i.loc.line) + ":" + std::to_string(i.loc.column));
    return out;
}
}  // namespace

TEST_CASE("The pre-scan finds '<' and a bare '&' in an attribute value at every offset within a word", "[prescan]") {
    for (std::size_t at = 0; at < 24; ++at) {
        // <P a="xxxx<xxxx"/>: the value starts at column 7; the '<' is `at` characters into it.
        std::string value(30, 'x');
        value[at] = '<';
        CHECK(findings("<P a=\"" + value + "\"/>") == std::vector<std::string>{"lt-in-attribute 1:" + std::to_string(7 + at)});
        value[at] = '&';
        CHECK(findings("<P a=\"" + value + "\"/>") == std::vector<std::string>{"bare-ampersand 1:" + std::to_string(7 + at)});
        value.replace(at, 5, "&amp;");
        CHECK(findings("<P a=\"" + value + "\"/>").empty());
        // The closing quote ends the value wherever it falls; what follows is markup, not value.
        std::string shorter(at, 'y');
        CHECK(findings("<P a=\"" + shorter + "\" b='" + shorter + "<'/>") ==
              std::vector<std::string>{"lt-in-attribute 1:" + std::to_string(7 + at + 5 + at)});
    }
}

TEST_CASE("The pre-scan finds a bare '&' in text after any length of text and counts the text node", "[prescan]") {
    for (std::size_t at = 0; at < 24; ++at) {
        std::string text(at, 't');
        CHECK(findings("<P>\n" + text + "& more</P>") ==
              std::vector<std::string>{"bare-ampersand 2:" + std::to_string(1 + at)});
        CHECK(findings("<P>" + text + "&lt; more</P>").empty());
    }
}

TEST_CASE("The pre-scan ends names and skips white space of any length across sixteen-byte blocks", "[prescan]") {
    for (std::size_t len = 1; len < 40; ++len) {
        // An element name, an attribute name and a run of white space of `len` bytes: the duplicate is found
        // at its own column, and the second root after the white space at its own, wherever the blocks fall.
        const std::string element(len, 'E'), name(len, 'n'), space(len, len % 2 ? ' ' : '\t');
        const std::string xml = "<" + element + " " + name + "=\"1\"" + space + name + "=\"2\"/>" + space + "<Q/>";
        const std::size_t dup = 3 * len + 7, second = dup + len + 6 + len;  // 1-based columns
        CHECK(findings(xml) == std::vector<std::string>{"duplicate-attribute 1:" + std::to_string(dup),
                                                        "second-root-element 1:" + std::to_string(second)});
        // White space before '>' and '/>' of any length, and '=' right after a long name.
        CHECK(findings("<" + element + space + "a" + space + "=" + space + "'&amp;'" + space + "><Q" + space + "/></" +
                       element + ">").empty());
        CHECK(findings("<" + element + space + name + "='x<'/>") ==
              std::vector<std::string>{"lt-in-attribute 1:" + std::to_string(1 + len + len + len + 4)});
    }
}

TEST_CASE("The pre-scan still tells comments, CDATA, a DOCTYPE and a second root apart from start tags", "[prescan]") {
    CHECK(findings("<P><!-- a < & b --><![CDATA[ & < ]]><?pi & ?></P>").empty());
    CHECK(findings("<!DOCTYPE P><P/>") == std::vector<std::string>{"doctype 1:1"});
    CHECK(findings("<P/><Q/>") == std::vector<std::string>{"second-root-element 1:5"});
    CHECK(findings("<P a=\"1\"\ta=\"2\"/>") == std::vector<std::string>{"duplicate-attribute 1:10"});
    CHECK_THROWS_WITH(findings("<P a=\"1\"/=\"2\"/>"), Catch::Contains("p.qde:1:9: malformed XML"));
}

TEST_CASE("The line map's hinted look-up gives what the binary search gives, in any order", "[prescan]") {
    std::string text;
    std::mt19937 rng(7);
    for (int line = 0; line < 300; ++line) text += std::string(rng() % 12, 'x') + "\n";
    detail::LineMap lines(text);
    std::vector<std::ptrdiff_t> offsets;
    for (std::size_t i = 0; i < text.size(); ++i) offsets.push_back(static_cast<std::ptrdiff_t>(i));
    std::size_t hint = 0;
    for (auto o : offsets) {  // document order, as the reader asks
        auto a = lines.at(o), b = lines.at(o, hint);
        REQUIRE(a.line == b.line);
        REQUIRE(a.column == b.column);
    }
    std::shuffle(offsets.begin(), offsets.end(), rng);
    for (auto o : offsets) {  // any order (an error reported out of order)
        auto a = lines.at(o), b = lines.at(o, hint);
        REQUIRE(a.line == b.line);
        REQUIRE(a.column == b.column);
    }
    CHECK(lines.at(-1, hint).line == 0);
}

TEST_CASE("Bad UTF-8 bytes and NUL bytes are replaced in one pass, reported in document order, ten of each listed",
          "[prescan]") {
    // 12 of each, alternating: a stray continuation byte, then a NUL, each in an attribute value of its own line.
    std::string xml = "<P>\n";
    for (int i = 0; i < 12; ++i) xml += std::string("<a v=\"x\x80y\"/><b v=\"x") + '\0' + "y\"/>\n";
    xml += "</P>";
    Diagnostics d;
    const std::string before = xml;
    detail::prescan_xml(xml, "p.qde", d);
    std::vector<std::string> listed;
    for (const auto& item : d.items())
        listed.push_back(item.id + " " + std::to_string(item.loc.line) + ":" + std::to_string(item.loc.column));
    std::vector<std::string> expected;
    for (int i = 0; i < 10; ++i) {
        expected.push_back("invalid-utf8 " + std::to_string(i + 2) + ":8");
        expected.push_back("nul-byte " + std::to_string(i + 2) + ":20");
    }
    // The "more of the same" lines, one per id, after the listed ones.
    REQUIRE(listed.size() == expected.size() + 2);
    CHECK(std::vector<std::string>(listed.begin(), listed.begin() + 20) == expected);
    CHECK_THAT(d.items()[20].message + d.items()[21].message, Catch::Contains("2 more of the same (12 in all)"));
    // Every bad byte became U+FFFD and nothing else changed.
    std::string want;
    for (char c : before) want += (c == '\0' || c == '\x80') ? std::string("\xEF\xBF\xBD") : std::string(1, c);
    CHECK(xml == want);
}

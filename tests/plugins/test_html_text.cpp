// HTML escaping (export_html/html_text.cpp) copies clean runs whole and handles the special bytes one by one: each
// special byte is checked at every offset of a text, alone and next to the others, against a byte-at-a-time
// reference (the exporter's escaping before runs were copied whole), and against spelled-out expectations.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "export_html/html_text.hpp"

using framer::html::append_escaped;
using framer::html::escaped;

namespace {

// One byte at a time, escaping first and making line breaks explicit after, as the exporter used to.
std::string reference(const std::string& text, bool line_breaks) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
                else out += c;
        }
    }
    if (!line_breaks) return out;
    std::string broken;
    for (char c : out) {
        if (c == '\n') broken += "<br>";
        else if (c != '\r') broken += c;
    }
    return broken;
}

const std::vector<std::string> specials = {"&", "<", ">", "\"", "'", std::string(1, '\0'), "\x01", "\x1f", "\x0b",
                                           "\t", "\n", "\r", "\r\n", "\x7f", "\xC3\xA9", "\xE2\x80\x93", " "};

}  // namespace

TEST_CASE("Every special character is escaped at every offset of a text, with and without line breaks") {
    const std::string base = "Interview 7 [12\xE2\x80\x93" "40, Marta N\xC3\xBA\xC3\xB1" "ez] plain words";
    for (bool breaks : {false, true}) {
        for (const auto& special : specials) {
            for (std::size_t at = 0; at <= base.size(); ++at) {
                std::string text = base.substr(0, at) + special + base.substr(at);
                INFO("special byte(s) " << static_cast<int>(static_cast<unsigned char>(special[0])) << " at " << at
                                        << (breaks ? " with line breaks" : ""));
                CHECK(escaped(text, breaks) == reference(text, breaks));
            }
        }
    }
}

TEST_CASE("Special characters side by side, at the start and at the end, escape each in turn") {
    for (bool breaks : {false, true}) {
        for (const auto& a : specials)
            for (const auto& b : specials) {
                std::string text = a + b + "x" + b + a;
                CHECK(escaped(text, breaks) == reference(text, breaks));
                CHECK(escaped(a + b, breaks) == reference(a + b, breaks));
            }
    }
}

TEST_CASE("Escaping spells out the entities, U+FFFD for controls, and breaks only when asked") {
    CHECK(escaped("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
    CHECK(escaped(std::string("x\0y\x01z", 5)) == "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
    CHECK(escaped("tab\there") == "tab\there");
    CHECK(escaped("one\r\ntwo\nthree") == "one\r\ntwo\nthree");
    CHECK(escaped("one\r\ntwo\nthree", true) == "one<br>two<br>three");
    CHECK(escaped("<\n>", true) == "&lt;<br>&gt;");
    CHECK(escaped("") == "");
    CHECK(escaped("\n", true) == "<br>");
    CHECK(escaped("caf\xC3\xA9 \xE2\x80\x94 ok") == "caf\xC3\xA9 \xE2\x80\x94 ok");  // UTF-8 passes through
}

TEST_CASE("append_escaped appends after what the string already holds") {
    std::string out = "<td>";
    append_escaped(out, "A&B", false);
    out += "</td>";
    CHECK(out == "<td>A&amp;B</td>");
}

TEST_CASE("The page buffer hands the ostream exactly the pieces given, in order, across its flushes") {
    std::ostringstream stream;
    std::string expected;
    {
        framer::html::Buffer out(stream);
        for (int i = 0; i < 20000; ++i) {
            std::string piece = "<td>" + std::to_string(i) + "</td>";
            out << piece << '\n';
            out.text("a<b & \"c\"\n", i % 2 == 0);
            expected += piece + '\n' + reference("a<b & \"c\"\n", i % 2 == 0);
        }
        CHECK(stream.str().size() > 0);                  // flushed on the way (the text is far over 64 KiB)
        CHECK(stream.str().size() < expected.size());   // ... but not all of it yet
        out.flush();
    }
    CHECK(stream.str() == expected);
}

// The writer's escaping (refi-qda/src/xml_out.cpp) gives exactly what a byte-by-byte reading of the rules gives,
// wherever a byte to escape falls relative to its sixteen-byte blocks.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "xml_out.hpp"

using namespace refi::detail;

namespace {
/// The rules one byte at a time: in attributes `"`, LF and TAB are references too; other C0 controls are U+FFFD.
std::string reference_escape(std::string_view s, bool attribute) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r': out += "&#13;"; break;
            case '"': out += attribute ? "&quot;" : "\""; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) out += "\xEF\xBF\xBD";
                else out += c;
        }
    }
    return out;
}
}  // namespace

TEST_CASE("Escaping attribute values and text gives the byte-by-byte result at every offset in a block", "[xml_out]") {
    const std::string specials = "&<>\"\n\t\r\x01\x1F";
    for (std::size_t len = 0; len < 40; ++len) {
        for (std::size_t at = 0; at < len; ++at) {
            for (char special : specials) {
                std::string s(len, 'g');
                s[at] = special;
                s += "\xC3\xA9";  // é after it: bytes above 0x7F are copied
                std::string attribute, text;
                append_attribute_escaped(attribute, s);
                append_text_escaped(text, s);
                CHECK(attribute == reference_escape(s, true));
                CHECK(text == reference_escape(s, false));
            }
        }
    }
}

TEST_CASE("Escaping random ASCII-and-controls strings matches the byte-by-byte rules and counts replacements",
          "[xml_out]") {
    std::mt19937 random(7);
    for (int round = 0; round < 500; ++round) {
        std::string s(random() % 70, ' ');
        for (auto& c : s) c = static_cast<char>(random() % 0x80);
        std::size_t controls = 0;
        for (char c : s) controls += static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r';
        std::string attribute, text;
        CHECK(append_attribute_escaped(attribute, s) == controls);
        CHECK(append_text_escaped(text, s) == controls);
        CHECK(attribute == reference_escape(s, true));
        CHECK(text == reference_escape(s, false));
    }
}

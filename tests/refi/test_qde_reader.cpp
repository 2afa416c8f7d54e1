#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <pugixml.hpp>

#include "refi/refi.hpp"

using namespace refi;

namespace {
Project parse(const std::string& xml, Diagnostics& d, ReadOptions o = {}) {
    return parse_project_xml(xml, "project.qde", d, o);
}

const char* k_small = R"(<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Small" origin="Framer test" vendor:extra="x" xmlns:vendor="urn:v">
  <qda:Sources>
    <qda:TextSource guid="{aaaaaaaa-0000-0000-0000-000000000001}" name="T1">
      <qda:PlainTextContent>Hello wörld</qda:PlainTextContent>
      <qda:PlainTextSelection guid="AAAAAAAA-0000-0000-0000-000000000002" startPosition="6" endPosition="11">
        <qda:Coding guid="AAAAAAAA-0000-0000-0000-000000000003"><qda:CodeRef targetGUID="AAAAAAAA-0000-0000-0000-000000000004"/></qda:Coding>
        <vendor:Mark level="2"/>
      </qda:PlainTextSelection>
    </qda:TextSource>
  </qda:Sources>
  <qda:CodeBook><qda:Codes>
    <qda:Code guid="aaaaaaaa-0000-0000-0000-000000000004" name="World" isCodable="1" color="#abc">
      <qda:Code guid="AAAAAAAA-0000-0000-0000-000000000005" name="Child" isCodable="false"/>
    </qda:Code>
  </qda:Codes></qda:CodeBook>
  <qda:Sets/>
</qda:Project>)";
}  // namespace

TEST_CASE("QdeReader reads any namespace prefix and any child order", "[reader]") {
    Diagnostics d;
    Project p = parse(k_small, d);
    CHECK(p.name == "Small");
    REQUIRE(p.codes.size() == 1);
    CHECK(p.codes[0].is_codable == "1");
    CHECK(p.codes[0].codable());
    CHECK_FALSE(p.codes[0].children.at(0).codable());
    REQUIRE(p.sources.size() == 1);
    const auto& sel = p.sources[0].selections.at(0);
    CHECK(sel.start == 6);
    CHECK(sel.end == 11);
    CHECK(sel.codings.at(0).code.target == "AAAAAAAA-0000-0000-0000-000000000004");
    // GUIDs keep their spelling; lookups ignore case and braces.
    CHECK(p.sources[0].guid == "{aaaaaaaa-0000-0000-0000-000000000001}");
    ProjectIndex index(p);
    CHECK(index.find_source("AAAAAAAA-0000-0000-0000-000000000001") == &p.sources[0]);
    CHECK(index.find_code(sel.codings[0].code.target) == &p.codes[0]);
    CHECK(index.parent_of(p.codes[0].children[0]) == &p.codes[0]);
}

TEST_CASE("QdeReader keeps unknown attributes and elements with their position", "[reader]") {
    Diagnostics d;
    Project p = parse(k_small, d);
    bool has_vendor_attr = false, has_ns = false;
    for (const auto& a : p.ext.attributes) {
        has_vendor_attr |= a.name == "vendor:extra" && a.value == "x";
        has_ns |= a.name == "xmlns:qda";
    }
    CHECK(has_vendor_attr);
    CHECK(has_ns);
    const auto& sel = p.sources[0].selections.at(0);
    REQUIRE(sel.ext.elements.size() == 1);
    CHECK(sel.ext.elements[0].position == 1);
    CHECK(sel.ext.elements[0].xml == "<vendor:Mark level=\"2\"/>");
}

TEST_CASE("QdeReader accepts an empty container with a warning", "[reader]") {
    Diagnostics d;
    parse(k_small, d);
    REQUIRE(d.contains("empty-container"));
    CHECK(d.items().front().loc.line == 17);
}

TEST_CASE("QdeReader reports line and column of a Coding without CodeRef", "[reader][errors]") {
    Diagnostics d;
    std::string xml = "<Project name=\"x\">\n<Sources>\n  <TextSource guid=\"A\">\n   <Coding guid=\"B\"/>\n"
                      "</TextSource></Sources></Project>";
    try {
        parse(xml, d);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "project.qde:4:4: <Coding> has no <CodeRef>");
    }
}

TEST_CASE("QdeReader reports malformed XML with its position", "[reader][errors]") {
    Diagnostics d;
    try {
        parse("<Project name=\"x\">\n<Users>\n</Project>", d);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK_THAT(e.what(), Catch::Contains("project.qde:3:") && Catch::Contains("malformed XML"));
    }
}

TEST_CASE("QdeReader rejects a non-integer position naming the element", "[reader][errors]") {
    Diagnostics d;
    std::string xml = "<Project name=\"x\"><Sources><TextSource guid=\"A\"><PlainTextSelection guid=\"B\" "
                      "startPosition=\"1O\" endPosition=\"5\"/></TextSource></Sources></Project>";
    CHECK_THROWS_WITH(parse(xml, d), Catch::Contains("<PlainTextSelection> has startPosition=\"1O\", which is not an integer"));
}

TEST_CASE("QdeReader converts NVivo UTF-16 positions to code points", "[reader][dialect]") {
    Diagnostics d;
    // "😀 joy": NVivo counts the emoji as 2 units, so "joy" is 3..6 in NVivo and 2..5 in code points.
    std::string xml = "<Project name=\"n\" origin=\"NVivo 14\"><Sources><TextSource guid=\"A\">"
                      "<PlainTextContent>\xF0\x9F\x98\x80 joy</PlainTextContent>"
                      "<PlainTextSelection guid=\"B\" startPosition=\"3\" endPosition=\"6\"/>"
                      "</TextSource></Sources></Project>";
    Project p = parse(xml, d);
    CHECK(p.dialect == Dialect::Nvivo);
    const auto& s = p.sources[0].selections[0];
    CHECK(s.start == 2);
    CHECK(s.end == 5);
    CHECK(substr_code_points(*p.sources[0].plain_text_content, s.start, s.end) == "joy");
}

TEST_CASE("QdeReader reads the ATLAS.ti standard project from the corpus", "[reader][corpus]") {
    std::filesystem::path file = std::filesystem::path(FRAMER_SHARED_DIR) / "corpus/refi-standard-project.atlasti.qde";
    if (!std::filesystem::exists(file)) {
        WARN("skipped: " << file << " is absent (../shared not beside the repo)");
        return;
    }
    Diagnostics d;
    Project p = read_project(file, d);
    CHECK(p.dialect == Dialect::Atlasti);
    // Independent count with pugixml of a few element kinds.
    pugi::xml_document doc;
    REQUIRE(doc.load_file(file.c_str()));
    auto count = [&](const char* name) {
        return doc.select_nodes((std::string("//*[local-name()='") + name + "']").c_str()).size();
    };
    CHECK(p.users.size() == count("User"));
    CHECK(p.cases.size() == count("Case"));
    CHECK(p.sets.size() == count("Set"));
    CHECK(p.links.size() == count("Link"));
    CHECK(p.graphs.size() == count("Graph"));
    CHECK(p.notes.size() == count("Note"));
    std::size_t sources = 0;
    for (const char* k : {"TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource"}) sources += count(k);
    CHECK(p.sources.size() == sources);
    ProjectIndex index(p);
    CHECK(index.codes_in_order().size() == count("Code"));
}

TEST_CASE("QdeReader refuses codes nested absurdly deep instead of overflowing the stack", "[reader][errors]") {
    std::string xml = "<Project name=\"deep\"><CodeBook><Codes>";
    const int depth = 200000;
    for (int i = 0; i < depth; ++i) xml += "<Code guid=\"G\" name=\"c\" isCodable=\"true\">";
    for (int i = 0; i < depth; ++i) xml += "</Code>";
    xml += "</Codes></CodeBook></Project>";
    Diagnostics d;
    // The reader's own cap on <Code> depth, as it meets the 257th level.
    CHECK_THROWS_WITH(parse(xml, d), Catch::Contains("project.qde:1:") &&
                                         Catch::Contains("<Code> elements nested more than 256 levels deep"));
    // Any other element, kept verbatim: the tokenizer refuses nesting past 1000 levels.
    std::string unknown = "<Project name=\"deep\">";
    for (int i = 0; i < depth; ++i) unknown += "<a>";
    for (int i = 0; i < depth; ++i) unknown += "</a>";
    unknown += "</Project>";
    CHECK_THROWS_WITH(parse(unknown, d), Catch::Contains("nested more than 1000 levels deep"));
    // Under that, the reader's own cap on <Code> depth.
    std::string deep = "<Project name=\"deep\"><CodeBook><Codes>";
    for (int i = 0; i < 300; ++i) deep += "<Code guid=\"G\" name=\"c\" isCodable=\"true\">";
    for (int i = 0; i < 300; ++i) deep += "</Code>";
    deep += "</Codes></CodeBook></Project>";
    CHECK_THROWS_WITH(parse(deep, d), Catch::Contains("nested more than 256 levels deep"));
    // A realistic depth reads fine.
    std::string ok = "<Project name=\"ok\"><CodeBook><Codes>";
    for (int i = 0; i < 10; ++i) ok += "<Code guid=\"G\" name=\"c\" isCodable=\"true\">";
    for (int i = 0; i < 10; ++i) ok += "</Code>";
    ok += "</Codes></CodeBook></Project>";
    CHECK(parse(ok, d).codes.size() == 1);
}

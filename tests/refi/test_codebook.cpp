#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include "refi/refi.hpp"
#include "support/files.hpp"
#include "support/sample_project.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

using namespace refi;
using framer::test::read_file;
using framer::test::TempDir;
using framer::test::test_guid;
using framer::test::write_file;

namespace {

std::string codebook_xml(const std::string& root_attributes, const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook " + root_attributes + ">" + body + "</CodeBook>\n";
}

const std::string k_body =
    "<Codes><Code guid=\"" + test_guid(1) + "\" name=\"Domain\" isCodable=\"false\" color=\"#AABBCC\">"
    "<Description>top</Description><Code guid=\"" + test_guid(2) + "\" name=\"Théme 😀\" isCodable=\"true\"/>"
    "</Code></Codes><Sets><Set guid=\"" + test_guid(3) + "\" name=\"S\"><MemberCode guid=\"" + test_guid(2) +
    "\"/></Set></Sets>";

Codebook read_text(const std::string& text, Diagnostics& d) {
    TempDir dir("codebook");
    write_file(dir / "in.qdc", text);
    return read_codebook(dir / "in.qdc", d);
}

}  // namespace

TEST_CASE("Codebook reader accepts the namespaces tools write, a BOM, and no namespace", "[codebook]") {
    for (std::string root : {"xmlns=\"urn:QDA-XML:codebook:1.0\"", "xmlns=\"urn:QDA-XML:codebook:1:0\"",
                             "xmlns=\"urn:QDA-XML:codebook:0:4\"", "origin=\"x\"",
                             "xmlns:qdc=\"urn:QDA-XML:codebook:1.0\""}) {
        INFO(root);
        std::string text = codebook_xml(root, k_body);
        if (root.find("xmlns:qdc") != std::string::npos) {
            // A prefixed document: every element carries the prefix.
            text = "<qdc:CodeBook " + root + "><qdc:Codes><qdc:Code guid=\"" + test_guid(1) +
                   "\" name=\"Domain\" isCodable=\"false\"/></qdc:Codes></qdc:CodeBook>";
        }
        Diagnostics d;
        Codebook cb = read_text("\xEF\xBB\xBF" + text, d);
        CHECK_FALSE(d.has_warnings());
        REQUIRE(cb.codes.size() == 1);
        CHECK(cb.codes[0].guid == test_guid(1));
        CHECK(cb.codes[0].codable() == false);
    }
}

TEST_CASE("Codebook reader reads codes, nesting and sets in any child order", "[codebook]") {
    // Sets before Codes: the schema's order is not required to read.
    std::string body = k_body.substr(k_body.find("<Sets>")) + k_body.substr(0, k_body.find("<Sets>"));
    Diagnostics d;
    Codebook cb = read_text(codebook_xml("xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Tool 1\"", body), d);
    CHECK(cb.origin == "Tool 1");
    REQUIRE(cb.codes.size() == 1);
    CHECK(cb.codes[0].description == "top");
    CHECK(cb.codes[0].color == "#AABBCC");
    REQUIRE(cb.codes[0].children.size() == 1);
    CHECK(cb.codes[0].children[0].name == "Théme 😀");
    REQUIRE(cb.sets.size() == 1);
    REQUIRE(cb.sets[0].member_codes.size() == 1);
    CHECK(cb.sets[0].member_codes[0].target == test_guid(2));
    CHECK(cb.ext.attributes == std::vector<Attribute>{{"xmlns", "urn:QDA-XML:codebook:1.0"}});
}

TEST_CASE("Codebook reader keeps unknown content and the writer puts it back in place", "[codebook][extensions]") {
    std::string body = "<v:head xmlns:v=\"urn:v\"/><Codes v2:sorted=\"1\" xmlns:v2=\"urn:v2\"><Code guid=\"" +
                       test_guid(1) + "\" name=\"A\" isCodable=\"true\" extra=\"e\"><v:note xmlns:v=\"urn:v\">n"
                       "</v:note><Description>d</Description></Code></Codes>";
    Diagnostics d;
    Codebook cb = read_text(codebook_xml("xmlns=\"urn:QDA-XML:codebook:1.0\"", body), d);
    REQUIRE(cb.ext.elements.size() == 1);
    CHECK(cb.ext.elements[0].position == 0);
    REQUIRE(cb.codes.size() == 1);
    CHECK(cb.codes[0].ext.attributes == std::vector<Attribute>{{"extra", "e"}});
    REQUIRE(cb.codes[0].ext.elements.size() == 1);
    CHECK(cb.codes[0].ext.elements[0].position == 0);

    std::string xml = codebook_to_xml(cb);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    auto root = doc.document_element();
    CHECK(std::string(root.first_child().name()) == "v:head");
    auto code = root.child("Codes").child("Code");
    CHECK(std::string(code.first_child().name()) == "v:note");
    CHECK(std::string(code.attribute("extra").value()) == "e");
    CHECK(std::string(root.child("Codes").attribute("v2:sorted").value()) == "1");
    // And a second read gives the same codebook.
    Diagnostics d2;
    CHECK(read_text(xml, d2) == cb);
}

TEST_CASE("Codebook reader reports malformed XML and a wrong root with file, line and column",
          "[codebook][errors]") {
    Diagnostics d;
    std::string text = "<?xml version=\"1.0\"?>\n<CodeBook>\n  <Codes>\n    <Code guid=\"x\" name=\"a\" isCodable=\"true\">"
                       "\n  </Codes>\n</CodeBook>\n";
    CHECK_THROWS_WITH(read_text(text, d), Catch::StartsWith("in.qdc:5:") && Catch::Contains("malformed XML"));
    CHECK_THROWS_WITH(read_text("<Project name=\"p\"/>", d), Catch::Contains("in.qdc:1:1:") && Catch::Contains("not <CodeBook>"));
    CHECK_THROWS_WITH(read_text(codebook_xml("", "<Codes>\n<Code name=\"a\" isCodable=\"true\"/></Codes>"), d),
                      Catch::Contains("in.qdc:3:1: <Code> has no @guid"));
    TempDir dir("codebook-missing");
    CHECK_THROWS_AS(read_codebook(dir / "absent.qdc", d), Error);
}

TEST_CASE("Codebook of a project holds its codes and the sets' member codes", "[codebook]") {
    Project p = framer::test::make_full_project();
    Codebook cb = codebook_of(p);
    CHECK(cb.origin == p.origin);
    REQUIRE(cb.codes.size() == 2);
    CHECK(cb.codes[0].guid == test_guid(10));
    CHECK(cb.codes[0].note_refs.empty());  // no NoteRef in a .qdc
    CHECK(cb.codes[0].children.at(0).children.at(0).guid == test_guid(12));
    REQUIRE(cb.sets.size() == 1);
    CHECK(cb.sets[0].member_codes.size() == 1);
    CHECK(cb.sets[0].member_sources.empty());
    CHECK(cb.sets[0].member_notes.empty());
}

TEST_CASE("Codebook writer writes MemberCode/@guid in schema order and the result validates", "[codebook][xsd]") {
    Project p = framer::test::make_full_project();
    p.codes[0].name = "a < b & \"c\"";
    TempDir dir("codebook-write");
    Diagnostics d;
    write_codebook(codebook_of(p), dir / "out.qdc", d);
    std::string xml = read_file(dir / "out.qdc");
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"", 0) == 0);
    CHECK(xml.find("<MemberCode guid=\"" + test_guid(11) + "\"/>") != std::string::npos);
    CHECK(xml.find("targetGUID") == std::string::npos);
    Diagnostics d2;
    Codebook back = read_codebook(dir / "out.qdc", d2);
    CHECK(back.codes == codebook_of(p).codes);
    CHECK(back.sets == codebook_of(p).sets);

    if (auto skip = framer::test::xsd_skip_reason()) {
        WARN(*skip);
        return;
    }
    auto r = framer::test::validate_codebook_xsd(dir / "out.qdc");
    INFO(r.output);
    CHECK(r.valid);
}

TEST_CASE("Codebook writer normalises the namespace variants to 1.0 so the file validates", "[codebook][xsd]") {
    Diagnostics d;
    Codebook cb = read_text(codebook_xml("xmlns=\"urn:QDA-XML:codebook:0:4\"", k_body), d);
    std::string xml = codebook_to_xml(cb);
    CHECK(xml.find("urn:QDA-XML:codebook:0:4") == std::string::npos);
    CHECK(xml.find("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">") != std::string::npos);

    Diagnostics d2;
    Codebook foreign = read_text(codebook_xml("xmlns=\"urn:example\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"", k_body), d2);
    CHECK(d2.contains("unexpected-namespace"));
    xml = codebook_to_xml(foreign);
    CHECK(xml.find("urn:example") == std::string::npos);
    CHECK(xml.find("xmlns:xsi=") != std::string::npos);
    if (auto skip = framer::test::xsd_skip_reason()) {
        WARN(*skip);
        return;
    }
    TempDir dir("codebook-ns");
    write_file(dir / "out.qdc", xml);
    auto r = framer::test::validate_codebook_xsd(dir / "out.qdc");
    INFO(r.output);
    CHECK(r.valid);
}

TEST_CASE("Codebook writer refuses a codebook without codes", "[codebook][errors]") {
    Codebook cb;
    CHECK_THROWS_WITH(codebook_to_xml(cb), Catch::Contains("no codes"));
}

TEST_CASE("Codebook reader refuses codes nested absurdly deep instead of overflowing the stack", "[codebook][errors]") {
    std::string xml = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>";
    const int depth = 200000;
    for (int i = 0; i < depth; ++i) xml += "<Code guid=\"" + test_guid(1) + "\" name=\"c\" isCodable=\"true\">";
    for (int i = 0; i < depth; ++i) xml += "</Code>";
    xml += "</Codes></CodeBook>";
    Diagnostics d;
    CHECK_THROWS_WITH(read_text(xml, d), Catch::Contains("nested more than 256 levels deep"));
}

// The project.qde tokenizer (refi-qda/src/xml_pull.cpp) against pugixml, which the reader used before it: the
// same root attributes and the same verbatim serialisation (pugixml's format_raw) of every child of the root, on
// the samples, the ATLAS.ti corpus file and documents made to hit each rule (references, line ends, white space,
// CDATA, comments); the same refusals of malformed XML; and memory and time bounded on hostile input.
#include <catch2/catch.hpp>

#include <malloc.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <functional>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "refi/io.hpp"
#include "support/zip_entries.hpp"
#include "xml_findings.hpp"
#include "xml_location.hpp"
#include "xml_pull.hpp"

using namespace refi;
using namespace refi::detail;
namespace fs = std::filesystem;

namespace {

struct Read {
    std::vector<std::pair<std::string, std::string>> root_attributes;
    std::vector<std::string> children;  ///< each child element of the root, serialised
    bool operator==(const Read&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Read& r) {
    for (const auto& [n, v] : r.root_attributes) os << n << "=" << v << " ";
    for (const auto& c : r.children) os << "\n  " << c;
    return os;
}

Read with_pugixml(std::string xml) {
    pugi::xml_document doc;
    auto result = doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                                          pugi::encoding_utf8);
    REQUIRE(result);
    Read r;
    for (auto a : doc.document_element().attributes()) r.root_attributes.emplace_back(a.name(), a.value());
    for (auto c : doc.document_element().children()) {
        if (c.type() != pugi::node_element) continue;
        std::ostringstream out;
        c.print(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
        r.children.push_back(out.str());
    }
    return r;
}

Read with_pull(std::string xml, Diagnostics& d) {
    XmlFindings findings("t.qde", d);
    XmlPull pull(xml.data(), xml.size(), "t.qde", findings);
    Read r;
    const XmlElement root = pull.root();
    for (const auto& a : pull.attributes()) r.root_attributes.emplace_back(a.name, a.value);
    pull.children(root, [&](const XmlElement& c) { r.children.push_back(pull.raw(c)); });
    pull.finish();
    findings.finish();
    return r;
}

Read with_pull(const std::string& xml) {
    Diagnostics d;
    return with_pull(xml, d);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string qde_of(const fs::path& qdpx) {
    for (auto& [name, bytes] : framer::test::zip_entries(slurp(qdpx)))
        if (name == "project.qde") return bytes;
    FAIL("no project.qde in " << qdpx);
    return {};
}

/// f(e) at each element's start tag, in document order, the root's included.
void each_element(XmlPull& pull, const std::function<void(const XmlElement&)>& f) {
    std::function<void(const XmlElement&)> visit = [&](const XmlElement& e) {
        f(e);
        pull.children(e, visit);
    };
    visit(pull.root());
}

/// Documents that hit each rule the tokenizer shares with pugixml.
const std::vector<std::string> k_rules = {
    // references in values and text; white space in values becomes spaces, CR LF one space
    "<r><x a=\"1&#9;2&#10;3&#13;4 &quot;q&quot; &apos; &lt;&gt;&amp;\" b='x\"y' c=\"\t\r\n.\r.\n\"/></r>",
    "<r><x>t&lt;&gt;&amp;&quot;&apos;&#1;&#31;&#9;&#10;&#13;\r\nz\ry&#x10FFFF;&#65;&#x41;</x></r>",
    // CDATA, its line ends too
    "<r><x><![CDATA[a]]]]><![CDATA[>b<&\r\nc]]></x><y><![CDATA[]]></y></r>",
    // white space: kept only as an element's one child (a comment before it does not count, after it does)
    "<r><x> </x><y>  <z/> </y><w></w><v><!--c--> </v><u> <!--c--></u><t>\r\n</t></r>",
    // comments and processing instructions split text but leave no node
    "<r><x>a<!--c-->b<?pi x?>c</x>\n<!-- between -->\n<?pi?></r>",
    // prefixes, namespace declarations, single quotes, white space around '=' and before '>'
    "<r xmlns:a=\"u\" xmlns=\"urn:x\"><a:x a:b = '1' c\t=\n\"2\" ></a:x ><y\n/></r>",
    // mixed content, nested elements, text with leading and trailing white space
    "<r><x>  a <b>c</b> d  </x><e>\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80</e></r>",
    // a declaration, a BOM-less prolog with comments, text outside the root
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<r a=\"1\"><x/></r>\n<!-- after -->\n",
    // an attribute given twice (pugixml keeps both; so does the tokenizer, and reports it)
    "<r><x a=\"1\" a=\"2\"/></r>",
    // '>' in text and values, ']]>' in text
    "<r><x a=\"a>b\">c > d ]]> e</x></r>",
};

}  // namespace

TEST_CASE("The tokenizer reads each rule's document as pugixml does", "[xml-pull]") {
    for (const auto& xml : k_rules) {
        INFO(xml);
        CHECK(with_pull(xml) == with_pugixml(xml));
    }
}

TEST_CASE("The tokenizer reads the samples as pugixml does", "[xml-pull][samples]") {
    const fs::path samples = fs::path(FRAMER_SOURCE_DIR) / "samples";
    int read = 0;
    for (const auto& entry : fs::directory_iterator(samples)) {
        if (entry.path().extension() != ".qdpx") continue;
        INFO(entry.path());
        const std::string xml = qde_of(entry.path());
        const Read pull = with_pull(xml), pugi = with_pugixml(xml);
        CHECK(pull.children.size() == pugi.children.size());
        CHECK(pull == pugi);
        ++read;
    }
    CHECK(read >= 4);
}

TEST_CASE("The tokenizer reads the ATLAS.ti corpus file as pugixml does", "[xml-pull][corpus]") {
    const fs::path file = fs::path(FRAMER_SHARED_DIR) / "corpus/refi-standard-project.atlasti.qde";
    if (!fs::exists(file)) {
        WARN("skipped: " << file << " is absent (../shared not beside the repo)");
        return;
    }
    std::string xml = slurp(file);
    if (xml.rfind("\xEF\xBB\xBF", 0) == 0) xml.erase(0, 3);
    CHECK(with_pull(xml) == with_pugixml(xml));
}

TEST_CASE("The tokenizer refuses malformed XML that pugixml refuses, naming line and column", "[xml-pull][errors]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"<r><x></y></r>", "t.qde:1:7: malformed XML: </y> where </x> belongs"},
        {"<r", "t.qde:1:1: malformed XML: the start tag <r> is not closed"},
        {"<r a=1/>", "t.qde:1:6: malformed XML: the value of a= on <r> is not in quotes"},
        {"<r>\n<x/>", "malformed XML: the file ends inside <r> (line 1)"},
        {"<r/><", "t.qde:1:5: malformed XML: '<' not followed by an element name"},
        {"", "malformed XML: no root element"},
        {"   ", "malformed XML: no root element"},
        {"<r a b='1'/>", "t.qde:1:6: malformed XML: the attribute a of <r> has no '=' and value"},
        {"<1r/>", "t.qde:1:1: malformed XML: '<' not followed by an element name"},
        {"<r><![CDATA[x</r>", "t.qde:1:4: malformed XML: the CDATA section is not closed with ']]>'"},
        {"<r><!-- x </r>", "t.qde:1:4: malformed XML: the comment is not closed with '-->'"},
        {"<r/ >", "t.qde:1:3: malformed XML: '/' in the start tag <r> not followed by '>'"},
        {"<r a='1\n", "t.qde:1:6: malformed XML: the value of a= on <r> is not closed"},
        {"</r>", "t.qde:1:1: malformed XML: </r> closes no element"},
    };
    for (const auto& [xml, message] : cases) {
        INFO(xml);
        pugi::xml_document doc;
        std::string copy = xml;
        CHECK_FALSE(doc.load_buffer_inplace(copy.data(), copy.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                                            pugi::encoding_utf8));
        CHECK_THROWS_WITH(with_pull(xml), Catch::Contains(message));
    }
}

TEST_CASE("The tokenizer reports what XML forbids where pugixml read it silently", "[xml-pull][errors]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"<r><x a=\"1\" a=\"2\"/></r>", "duplicate-attribute 1:13"},
        {"<r a=\"<\"/>", "lt-in-attribute 1:7"},
        {"<r>&#;</r>", "bare-ampersand 1:4"},
        {"<r>&foo;</r>", "bare-ampersand 1:4"},
        {"<r>&#0;&#xD800;&#x110000;</r>", "bad-character-reference 1:4"},
        {"<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>", "doctype 1:1"},
        {"<r/><q/>", "second-root-element 1:5"},
    };
    for (const auto& [xml, finding] : cases) {
        INFO(xml);
        Diagnostics d;
        with_pull(xml, d);
        REQUIRE_FALSE(d.items().empty());
        const auto& first = d.items().front();
        CHECK(first.severity == Severity::Error);
        CHECK(first.id + " " + std::to_string(first.loc.line) + ":" + std::to_string(first.loc.column) == finding);
    }
    // A reference to no character becomes U+FFFD, never a NUL that cuts the text short (as pugixml's did).
    Diagnostics d;
    const Read r = with_pull("<r><x>a&#0;b</x></r>", d);
    CHECK(r.children == std::vector<std::string>{"<x>a\xEF\xBF\xBD" "b</x>"});
}

TEST_CASE("A NUL byte is reported and read as U+FFFD, so what is kept verbatim writes back as it reads",
          "[xml-pull][errors]") {
    // A NUL in an unknown element's attribute: pugixml cut the value short there; serialised as &#00; it would
    // not read back. (Found by fuzz-qde.)
    std::string xml = std::string("<Project name=\"p\"><Codg guid=\"A-") + '\0' + "-B\"/></Project>";
    Diagnostics d;
    const Project p = parse_project_xml(xml, "t.qde", d);
    REQUIRE(d.contains("nul-byte"));
    CHECK(d.items().front().loc.line == 1);
    CHECK(d.items().front().loc.column == xml.find('\0') + 1);
    REQUIRE(p.ext.elements.size() == 1);
    CHECK(p.ext.elements[0].xml == "<Codg guid=\"A-\xEF\xBF\xBD-B\"/>");
    Diagnostics again;
    const Project back = parse_project_xml(project_to_xml(p, again), "w.qde", again);
    CHECK(back.ext.elements == p.ext.elements);
}

TEST_CASE("A start tag with 200,000 attributes is checked for duplicates in linear time", "[xml-pull][memory]") {
    std::string xml = "<r><x";
    for (int i = 0; i < 200'000; ++i) xml += " a" + std::to_string(i) + "=\"\"";
    xml += " a17=\"\"/></r>";
    Diagnostics d;
    const Read r = with_pull(xml, d);
    REQUIRE(r.children.size() == 1);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items().front().id == "duplicate-attribute");
    CHECK_THAT(d.items().front().message, Catch::Contains("a17="));
}

TEST_CASE("Reading a real project holds under 1.5 times its XML", "[xml-pull][memory]") {
    // The bound the tokenizer enforces (2.5 times plus 16 MiB, xml_pull.cpp) must leave real projects far inside it.
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(FRAMER_SOURCE_DIR) / "samples"))
        if (entry.path().extension() == ".qdpx") files.push_back(entry.path());
    const fs::path corpus = fs::path(FRAMER_SHARED_DIR) / "corpus/refi-standard-project.atlasti.qde";
    if (fs::exists(corpus)) files.push_back(corpus);
    else WARN("the ATLAS.ti corpus file is absent (../shared not beside the repo); samples only");
    for (const auto& file : files) {
        INFO(file);
        const std::size_t xml_bytes = file.extension() == ".qde" ? fs::file_size(file) : qde_of(file).size();
        const auto in_use = [] {
            const struct mallinfo2 m = ::mallinfo2();
            return m.uordblks + m.hblkhd;
        };
        const std::size_t before = in_use();
        Diagnostics d;
        const Project p = read_project(file, d);
        const std::size_t held = in_use() - before;
        CHECK(held < xml_bytes * 3 / 2 + (1u << 20));  // 1 MiB for the small samples' fixed costs
    }
}

TEST_CASE("Every element's line and column is that of the file as written, after values and text that are decoded",
          "[xml-pull]") {
    // Values with line ends (made spaces), CR LF text (made LF), CDATA and references before later elements: the
    // lines are counted on the bytes as written, across the line count's 64 KiB checkpoints.
    std::string xml = "<r>\n";
    for (int i = 0; i < 3000; ++i)
        xml += "  <x a=\"one\ntwo\r\nthree\" b='&amp;\n'>te\r\nxt &lt;\r\n<![CDATA[c\r\nd]]></x>\n  <y\n  z=\"1\"/>\n";
    xml += "</r>\n";
    const std::string original = xml;
    const LineMap lines(original);
    Diagnostics d;
    XmlFindings findings("t.qde", d);
    XmlPull pull(xml.data(), xml.size(), "t.qde", findings);
    std::size_t checked = 0, wrong = 0;
    each_element(pull, [&](const XmlElement& e) {
        const Location got = pull.location(e), want = lines.at(static_cast<std::ptrdiff_t>(e.offset));
        wrong += got.line != want.line || got.column != want.column;
        ++checked;
    });
    CHECK(checked == 1 + 2 * 3000);
    CHECK(wrong == 0);
    // A finding after all of it names its own line.
    std::string late = original;
    late.insert(late.size() - 6, "<q a='1' a='2'/>");
    Diagnostics d2;
    XmlFindings f2("t.qde", d2);
    XmlPull p2(late.data(), late.size(), "t.qde", f2);
    p2.skip(p2.root());
    f2.finish();
    REQUIRE(d2.items().size() == 1);
    CHECK(d2.items().front().loc.line == lines.at(static_cast<std::ptrdiff_t>(original.size() - 6)).line);
}

TEST_CASE("Names of any length end and keep their prefix wherever the sixteen-byte blocks fall", "[xml-pull]") {
    for (std::size_t prefix = 0; prefix < 34; ++prefix) {
        for (std::size_t local : {1u, 7u, 15u, 16u, 17u, 31u}) {
            const std::string p = prefix ? std::string(prefix, 'p') + ":" : std::string();
            const std::string l = "L" + std::string(local - 1, prefix % 3 ? 'x' : '\xC3') + (prefix % 3 ? "" : "\xA9");
            const std::string name = p + l;
            std::string xml = "<" + name + " " + p + "a=\"1\" b-" + l + "=\"2\"><" + name + "/></" + name + ">";
            INFO(xml);
            Diagnostics d;
            XmlFindings findings("t.qde", d);
            XmlPull pull(xml.data(), xml.size(), "t.qde", findings);
            const XmlElement root = pull.root();
            CHECK(root.name == name);
            CHECK(root.local == l);
            REQUIRE(pull.attributes().size() == 2);
            CHECK(pull.attributes()[0].prefixed == (prefix > 0));
            CHECK_FALSE(pull.attributes()[1].prefixed);
            std::vector<std::string> children;
            pull.children(root, [&](const XmlElement& c) { children.push_back(std::string(c.local)); });
            CHECK(children == std::vector<std::string>{l});
            pull.finish();
            CHECK(d.items().empty());
        }
    }
}

TEST_CASE("Line and column asked out of order, across the checkpoints of the line count, are the file's",
          "[xml-pull]") {
    // 4 MiB of elements, with the values and text that are decoded; then every element's location asked again in
    // a shuffled order (behind the count: from its checkpoints), and offsets inside lines and at their ends.
    std::string xml = "<r>\n";
    while (xml.size() < (4u << 20))
        xml += "  <x a=\"one\ntwo\" b='&amp;'>t\r\nxt &lt;</x><y/>\n<z>\n</z>\n";
    xml += "</r>\n";
    const std::string original = xml;
    const LineMap lines(original);
    Diagnostics d;
    XmlFindings findings("t.qde", d);
    XmlPull pull(xml.data(), xml.size(), "t.qde", findings);
    std::vector<std::size_t> offsets;
    each_element(pull, [&](const XmlElement& e) { offsets.push_back(e.offset); });
    REQUIRE(offsets.size() > 100'000);
    for (std::size_t o = 0; o < original.size(); o += 4093) offsets.push_back(o);  // anywhere in a line
    offsets.push_back(original.size() - 1);
    std::mt19937 random(12);
    std::shuffle(offsets.begin(), offsets.end(), random);
    offsets.resize(20'000);
    std::size_t wrong = 0;
    for (std::size_t o : offsets) {
        const Location got = pull.location(o), want = lines.at(static_cast<std::ptrdiff_t>(o));
        wrong += got.line != want.line || got.column != want.column;
    }
    CHECK(wrong == 0);
}

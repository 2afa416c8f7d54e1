// `framer info`: counts of elements anywhere in the project, checked against counts made by hand and by walking
// the XML with pugixml directly (independent of the reader and the model).
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "cli.hpp"
#include "core/json.hpp"
#include "refi/guid.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

using Output = framer::test::CliRun;
Output framer_run(std::vector<std::string> args) { return framer::test::run_framer(std::move(args)); }

const char* const k_keys[] = {"users", "codes", "variables", "cases", "sources", "selections",
                              "codings", "notes", "sets", "links", "graphs"};

std::string local_name(const char* name) {
    std::string n = name;
    auto colon = n.find(':');
    return colon == std::string::npos ? n : n.substr(colon + 1);
}

// The counts `framer info --json` must give, by element name over the whole document.
std::map<std::string, std::int64_t> count_with_pugixml(const std::string& xml) {
    static const std::map<std::string, std::string> key_of = {
        {"User", "users"},          {"Code", "codes"},
        {"Variable", "variables"},  {"Case", "cases"},
        {"TextSource", "sources"},  {"PictureSource", "sources"},
        {"PDFSource", "sources"},   {"AudioSource", "sources"},
        {"VideoSource", "sources"}, {"PlainTextSelection", "selections"},
        {"PDFSelection", "selections"}, {"PictureSelection", "selections"},
        {"AudioSelection", "selections"}, {"VideoSelection", "selections"},
        {"TranscriptSelection", "selections"}, {"Coding", "codings"},
        {"Note", "notes"},          {"Set", "sets"},
        {"Link", "links"},          {"Graph", "graphs"},
    };
    pugi::xml_document doc;
    REQUIRE(doc.load_buffer(xml.data(), xml.size()));
    std::map<std::string, std::int64_t> counts;
    for (const char* k : k_keys) counts[k] = 0;
    struct Walker : pugi::xml_tree_walker {
        std::map<std::string, std::int64_t>* counts;
        bool for_each(pugi::xml_node& node) override {
            if (node.type() != pugi::node_element) return true;
            auto it = key_of.find(local_name(node.name()));
            if (it != key_of.end()) ++(*counts)[it->second];
            return true;
        }
    } walker;
    walker.counts = &counts;
    doc.traverse(walker);
    return counts;
}

// One element of every counted kind in every place it can hide: nested codes, selections inside a PDF's
// Representation, a picture's TextDescription, a transcript and a note, and a coding of a whole source.
const char* k_everywhere_qde = R"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="counts" origin="Hand made 1.0">
<Users><User guid="C0000000-0000-4000-8000-000000000001" name="Ana"/><User guid="C0000000-0000-4000-8000-000000000002"/></Users>
<CodeBook><Codes>
<Code guid="C0000000-0000-4000-8000-0000000000C1" name="Domain" isCodable="false">
<Code guid="C0000000-0000-4000-8000-0000000000C2" name="Theme" isCodable="true">
<Code guid="C0000000-0000-4000-8000-0000000000C3" name="Subtheme" isCodable="true"/>
</Code>
</Code>
<Code guid="C0000000-0000-4000-8000-0000000000C4" name="Other" isCodable="true"/>
</Codes></CodeBook>
<Variables><Variable guid="C0000000-0000-4000-8000-000000000011" name="Group" typeOfVariable="Text"/></Variables>
<Cases>
<Case guid="C0000000-0000-4000-8000-000000000021" name="P1"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C2"/></Case>
<Case guid="C0000000-0000-4000-8000-000000000022" name="P2"/>
</Cases>
<Sources>
<TextSource guid="C0000000-0000-4000-8000-000000000031" name="text">
<PlainTextContent>Hello world</PlainTextContent>
<PlainTextSelection guid="C0000000-0000-4000-8000-000000000041" startPosition="0" endPosition="5">
<Coding guid="C0000000-0000-4000-8000-000000000051"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C2"/></Coding>
<Coding guid="C0000000-0000-4000-8000-000000000052"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C3"/></Coding>
</PlainTextSelection>
<Coding guid="C0000000-0000-4000-8000-000000000053"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C4"/></Coding>
</TextSource>
<PDFSource guid="C0000000-0000-4000-8000-000000000032" name="pdf">
<PDFSelection guid="C0000000-0000-4000-8000-000000000042" page="0" firstX="1" firstY="2" secondX="3" secondY="4">
<Coding guid="C0000000-0000-4000-8000-000000000054"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C2"/></Coding>
</PDFSelection>
<Representation guid="C0000000-0000-4000-8000-000000000061">
<PlainTextContent>abc</PlainTextContent>
<PlainTextSelection guid="C0000000-0000-4000-8000-000000000043" startPosition="0" endPosition="2">
<Coding guid="C0000000-0000-4000-8000-000000000055"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C3"/></Coding>
</PlainTextSelection>
</Representation>
</PDFSource>
<PictureSource guid="C0000000-0000-4000-8000-000000000033" name="picture">
<TextDescription guid="C0000000-0000-4000-8000-000000000062">
<PlainTextContent>pic</PlainTextContent>
<PlainTextSelection guid="C0000000-0000-4000-8000-000000000044" startPosition="0" endPosition="1"/>
</TextDescription>
<PictureSelection guid="C0000000-0000-4000-8000-000000000045" firstX="0" firstY="0" secondX="5" secondY="5"/>
</PictureSource>
<AudioSource guid="C0000000-0000-4000-8000-000000000034" name="audio">
<Transcript guid="C0000000-0000-4000-8000-000000000063">
<PlainTextContent>hi there</PlainTextContent>
<SyncPoint guid="C0000000-0000-4000-8000-000000000071" timeStamp="0" position="0"/>
<SyncPoint guid="C0000000-0000-4000-8000-000000000072" timeStamp="900" position="2"/>
<TranscriptSelection guid="C0000000-0000-4000-8000-000000000046" fromSyncPoint="C0000000-0000-4000-8000-000000000071" toSyncPoint="C0000000-0000-4000-8000-000000000072">
<Coding guid="C0000000-0000-4000-8000-000000000056"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C2"/></Coding>
</TranscriptSelection>
</Transcript>
<AudioSelection guid="C0000000-0000-4000-8000-000000000047" begin="0" end="10"/>
</AudioSource>
<VideoSource guid="C0000000-0000-4000-8000-000000000035" name="video">
<VideoSelection guid="C0000000-0000-4000-8000-000000000048" begin="5" end="15"/>
</VideoSource>
</Sources>
<Notes>
<Note guid="C0000000-0000-4000-8000-000000000081" name="memo">
<PlainTextContent>memo text</PlainTextContent>
<PlainTextSelection guid="C0000000-0000-4000-8000-000000000049" startPosition="0" endPosition="4">
<Coding guid="C0000000-0000-4000-8000-000000000057"><CodeRef targetGUID="C0000000-0000-4000-8000-0000000000C4"/></Coding>
</PlainTextSelection>
</Note>
</Notes>
<Links><Link guid="C0000000-0000-4000-8000-000000000091" originGUID="C0000000-0000-4000-8000-000000000081" targetGUID="C0000000-0000-4000-8000-0000000000C2"/></Links>
<Sets>
<Set guid="C0000000-0000-4000-8000-0000000000A1" name="core"><MemberCode targetGUID="C0000000-0000-4000-8000-0000000000C2"/></Set>
<Set guid="C0000000-0000-4000-8000-0000000000A2" name="empty"/>
</Sets>
<Graphs><Graph guid="C0000000-0000-4000-8000-0000000000B1" name="map"/></Graphs>
</Project>
)";

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("framer-info-" + refi::make_guid());
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void check_counts(const framer::Json& j, const std::map<std::string, std::int64_t>& expected) {
    for (const char* key : k_keys) {
        INFO("key " << key);
        REQUIRE(j.contains(key));
        CHECK(j.at(key).as_int() == expected.at(key));
    }
}

}  // namespace

TEST_CASE("framer info --json counts elements wherever they sit", "[info][cli]") {
    TempDir dir;
    fs::path qde = dir.path / "everywhere.qde";
    framer::test::write_file(qde, k_everywhere_qde);
    Output o = framer_run({"info", "--json", qde.string()});
    REQUIRE(o.code == 0);
    framer::Json j = framer::Json::parse(o.out);
    // Counted by hand from the document above...
    std::map<std::string, std::int64_t> by_hand = {{"users", 2}, {"codes", 4},      {"variables", 1}, {"cases", 2},
                                                   {"sources", 5}, {"selections", 9}, {"codings", 7},   {"notes", 1},
                                                   {"sets", 2},  {"links", 1},      {"graphs", 1}};
    check_counts(j, by_hand);
    // ...and by pugixml, which must agree with the hand count (a check on the checker).
    CHECK(count_with_pugixml(k_everywhere_qde) == by_hand);
    CHECK(j.at("name").as_string() == "counts");
    CHECK(j.at("origin").as_string() == "Hand made 1.0");
    CHECK(j.at("dialect").as_string() == "standard");
}

TEST_CASE("framer info prints the code tree with coding counts, variables and cases", "[info][cli]") {
    TempDir dir;
    fs::path qde = dir.path / "everywhere.qde";
    framer::test::write_file(qde, k_everywhere_qde);
    Output o = framer_run({"info", qde.string()});
    REQUIRE(o.code == 0);
    INFO(o.out);
    CHECK(o.out.find("project   counts\n") != std::string::npos);
    CHECK(o.out.find("origin    Hand made 1.0\n") != std::string::npos);
    // Theme is coded by the text selection, the PDF selection and the transcript selection (3); Subtheme by the
    // text selection and the Representation's selection (2); Other by the whole source and the note (2).
    CHECK(o.out.find("\n  Domain [category] (0)\n    Theme (3)\n      Subtheme (2)\n  Other (2)\n") != std::string::npos);
    CHECK(o.out.find("  Group (Text)\n") != std::string::npos);
    CHECK(o.out.find("  P1\n") != std::string::npos);
}

TEST_CASE("framer info --json gives origin null when the project does not name one", "[info][cli]") {
    TempDir dir;
    fs::path qde = dir.path / "plain.qde";
    framer::test::write_file(qde, "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"plain\"/>");
    Output o = framer_run({"info", "--json", qde.string()});
    REQUIRE(o.code == 0);
    framer::Json j = framer::Json::parse(o.out);
    CHECK(j.at("origin").is_null());
    for (const char* key : k_keys) CHECK(j.at(key).as_int() == 0);
}

TEST_CASE("framer info --json counts the REFI standard project like pugixml does", "[info][cli]") {
    fs::path corpus = fs::path(FRAMER_SHARED_DIR) / "corpus" / "refi-standard-project.atlasti.qde";
    if (!fs::exists(corpus)) {
        WARN("skipped: " << corpus << " is absent");
        return;
    }
    Output o = framer_run({"info", "--json", corpus.string()});
    REQUIRE(o.code == 0);
    framer::Json j = framer::Json::parse(o.out);
    auto expected = count_with_pugixml(framer::test::read_file(corpus));
    check_counts(j, expected);
    CHECK(j.at("origin").as_string().rfind("ATLAS.ti", 0) == 0);
    CHECK(j.at("dialect").as_string() == "atlasti");
}

TEST_CASE("framer info exits 1 with one line for an unreadable project", "[info][cli]") {
    Output o = framer_run({"info", (fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt" / "no-qde.qdpx").string()});
    CHECK(o.code == 1);
    CHECK(o.err.find("no project.qde") != std::string::npos);
    CHECK(framer_run({"info"}).code == 2);
}

TEST_CASE("framer info counts an ATLAS.ti PDF quotation written twice as one coding per code", "[info][cli][pdf]") {
    fs::path corpus = fs::path(FRAMER_SHARED_DIR) / "corpus" / "refi-standard-project.atlasti.qde";
    if (!fs::exists(corpus)) {
        WARN("skipped: " << corpus << " is absent");
        return;
    }
    Output j = framer_run({"info", "--json", corpus.string()});
    REQUIRE(j.code == 0);
    CHECK(framer::Json::parse(j.out).at("mirrored_selections").as_int() == 2);
    Output o = framer_run({"info", corpus.string()});
    REQUIRE(o.code == 0);
    CHECK(o.out.find("mirrored  2 PDF quotation(s)") != std::string::npos);
    // cornflakes: 95916796 (page 0, and mirrored in the text), 7B8C9A7D (page 1), the picture area, Mabel.txt.
    CHECK(o.out.find("  cornflakes (4)\n") != std::string::npos);
    CHECK(o.out.find("  waste of time (1)\n") != std::string::npos);  // 27A5F0C2 "granola", written twice
}

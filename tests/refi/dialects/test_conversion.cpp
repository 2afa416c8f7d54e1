// Every dialect's fixture converts to every other through the standard with identical excerpts, and back to its
// own dialect with its own positions; every file written validates against the schema.
#include <catch2/catch.hpp>

#include <map>

#include "qdpx_archive.hpp"
#include "refi/dialect.hpp"
#include "refi/refi.hpp"
#include "support/files.hpp"
#include "support/sample_project.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"
#include "dialect_fixtures.hpp"

using namespace refi;
using framer::test::TempDir;
using framer::test::test_guid;
using framer::test::k_words;
using framer::test::write_fixture;

namespace {

std::vector<std::string> excerpts(const Project& p) {
    std::vector<std::string> out;
    for (const auto& s : p.sources) {
        auto text = load_plain_text(p, s);
        REQUIRE(text);
        for (const auto& sel : s.selections)
            out.emplace_back(substr_code_points(*text, sel.start, sel.end));
    }
    return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> positions_in_file(const std::filesystem::path& qdpx) {
    // Read as the standard (code points): the numbers exactly as the file holds them.
    Diagnostics d;
    Project raw = read_project(qdpx, d, ReadOptions{.dialect = Dialect::Standard});
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& s : raw.sources)
        for (const auto& sel : s.selections) out.emplace_back(sel.start, sel.end);
    return out;
}

/// The entry name and bytes of the one text file of a fixture-shaped archive.
std::pair<std::string, std::string> text_entry(const std::filesystem::path& qdpx) {
    detail::QdpxArchive a(qdpx);
    for (const auto& e : a.entries())
        if (e.size() > 4 && e.substr(e.size() - 4) == ".txt") return {e, a.read(e, 1 << 30)};
    FAIL("no .txt in " << qdpx);
    return {};
}

std::string text_file(const std::filesystem::path& qdpx) { return text_entry(qdpx).second; }

std::string qde_of(const std::filesystem::path& qdpx) {
    detail::QdpxArchive a(qdpx);
    return a.read(a.qde_entry(), 1 << 30);
}

void check_xsd(const TempDir& dir, const std::filesystem::path& qdpx) {
    if (auto skip = framer::test::xsd_skip_reason()) {
        WARN(*skip);
        return;
    }
    auto qde = dir / (qdpx.stem().string() + ".qde");
    framer::test::write_file(qde, qde_of(qdpx));
    auto r = framer::test::validate_project_xsd(qde);
    INFO(qdpx.filename().string() << ": " << r.output);
    CHECK(r.valid);
}

Project read(const std::filesystem::path& path) {
    Diagnostics d;
    return read_project(path, d);
}

}  // namespace

TEST_CASE("Each dialect's fixture reads with the words it codes", "[dialects][conversion]") {
    TempDir dir("dialect-fixtures");
    for (Dialect d : all_dialects()) {
        INFO(to_string(d));
        Project p = read(write_fixture(dir, d));
        CHECK(p.dialect == d);
        CHECK(excerpts(p) == k_words);
        bool has_variables = d == Dialect::Maxqda || d == Dialect::Quirkos;
        CHECK(framer::test::role_of(p) == (has_variables ? std::optional<std::string>("peer") : std::nullopt));
        if (d == Dialect::Quirkos) CHECK_FALSE(p.cases.at(0).name);
    }
}

TEST_CASE("Every pair of dialects converts through the standard with identical excerpts", "[dialects][conversion]") {
    TempDir dir("dialect-pairs");
    for (Dialect from : all_dialects()) {
        auto fixture = write_fixture(dir, from);
        auto standard = dir / (std::string(to_string(from)) + "-via-standard.qdpx");
        Diagnostics d;
        write_project(read(fixture), standard, d, {Dialect::Standard});
        Project via = read(standard);
        INFO(to_string(from) << " -> standard, origin " << via.origin.value_or("(none)"));
        CHECK(via.dialect == Dialect::Standard);
        CHECK(excerpts(via) == k_words);
        check_xsd(dir, standard);
        for (Dialect to : all_dialects()) {
            INFO("-> " << to_string(to));
            auto out = dir / (std::string(to_string(from)) + "-to-" + to_string(to) + ".qdpx");
            write_project(via, out, d, {to});
            Project back = read(out);
            CHECK(back.dialect == to);
            CHECK(excerpts(back) == k_words);
            // MAXQDA's variables on the source and Quirkos' nameless case arrive where they were.
            CHECK(framer::test::role_of(back) == framer::test::role_of(read(fixture)));
            check_xsd(dir, out);
        }
    }
}

TEST_CASE("A dialect through the standard and back gives back its own positions exactly", "[dialects][conversion]") {
    TempDir dir("dialect-back");
    for (Dialect d : all_dialects()) {
        INFO(to_string(d));
        auto fixture = write_fixture(dir, d);
        Diagnostics diag;
        write_project(read(fixture), dir / "via-standard.qdpx", diag, {Dialect::Standard});
        write_project(read(dir / "via-standard.qdpx"), dir / "back.qdpx", diag, {d});
        CHECK(positions_in_file(dir / "back.qdpx") == positions_in_file(fixture));
        // The countings really differ on this text, so the test would see a shift: NVivo's numbers change in the
        // standard; ATLAS.ti's CRLF-as-one numbers are the standard's over the LF text it writes instead.
        if (d == Dialect::Nvivo) CHECK(positions_in_file(dir / "via-standard.qdpx") != positions_in_file(fixture));
        if (d == Dialect::Atlasti) CHECK(text_file(dir / "via-standard.qdpx") != text_file(fixture));
    }
}

TEST_CASE("Writing a project in another dialect than its origin names rewrites the origin, and says so",
          "[dialects][conversion][writer]") {
    Project p;
    p.name = "o";
    p.origin = "NVivo 14";
    p.dialect = Dialect::Nvivo;
    Diagnostics d;
    CHECK(project_to_xml(p, d).find("origin=\"NVivo 14\"") != std::string::npos);
    CHECK(d.items().empty());
    std::string xml = project_to_xml(p, d, {Dialect::Standard});
    CHECK(xml.find("origin=\"REFI-QDA standard (converted by Framer)\"") != std::string::npos);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].id == "origin-rewritten");
    CHECK(d.items()[0].severity == Severity::Info);
    // Read with --from nvivo while the origin says otherwise: written in NVivo's counting, so named NVivo.
    p.origin = "QualCoder 3.5";
    CHECK(project_to_xml(p, d).find("origin=\"NVivo (converted by Framer)\"") != std::string::npos);
    // Another name for the same counting, and no target asked for: the origin stays.
    p.origin = "Framer tests";
    p.dialect = Dialect::Standard;
    CHECK(project_to_xml(p, d).find("origin=\"Framer tests\"") != std::string::npos);
}

TEST_CASE("Every profile's origin is detected as its own dialect", "[dialects]") {
    for (Dialect d : all_dialects()) {
        INFO(to_string(d));
        CHECK(detect_dialect(std::string(dialect_profile(d).origin)) == d);
        CHECK(dialect_profile(d).dialect == d);
        CHECK(parse_dialect(to_string(d)) == d);
    }
    CHECK(detect_dialect(std::nullopt) == Dialect::Standard);
    CHECK(detect_dialect(std::string("ATLAS.ti 23.2")) == Dialect::Atlasti);
}

TEST_CASE("Converting to a dialect writes its text files, sources folder, GUID case and file names as the tool does",
          "[dialects][conversion][layout]") {
    TempDir dir("dialect-layout");
    for (Dialect from : all_dialects()) {
        auto fixture = write_fixture(dir, from);
        Project in = read(fixture);
        for (Dialect to : all_dialects()) {
            INFO(to_string(from) << " -> " << to_string(to));
            const auto& profile = dialect_profile(to);
            auto out = dir / (std::string(to_string(from)) + "-layout-" + to_string(to) + ".qdpx");
            Diagnostics d;
            write_project(in, out, d, {to});
            auto [entry, bytes] = text_entry(out);
            CHECK(entry.substr(0, 8) == profile.sources_folder);
            CHECK((bytes.rfind("\xEF\xBB\xBF", 0) == 0) == profile.bom);
            std::size_t crlf = 0, lf = 0;
            for (std::size_t i = 0; i < bytes.size(); ++i)
                if (bytes[i] == '\n') (i > 0 && bytes[i - 1] == '\r') ? ++crlf : ++lf;
            if (profile.line_ending == LineEnding::Crlf) {
                CHECK(crlf == 2);
                CHECK(lf == 0);
            } else {
                CHECK(crlf == 0);
                CHECK(lf == 2);
            }
            Project back = read(out);
            const std::string& source_guid = back.sources.at(0).guid;
            std::string expected_guid = test_guid(2);  // the fixture's source, upper case
            if (profile.guid_case == GuidCase::Lower) expected_guid = ascii_lower(expected_guid);
            if (profile.guid_case == GuidCase::AsRead) expected_guid = in.sources.at(0).guid;
            CHECK(source_guid == expected_guid);
            CHECK(back.codes.at(0).guid == (profile.guid_case == GuidCase::AsRead
                                                ? in.codes.at(0).guid
                                                : profile.guid_case == GuidCase::Lower ? ascii_lower(test_guid(1))
                                                                                        : test_guid(1)));
            CHECK(back.sources[0].selections[0].codings[0].code.target == back.codes[0].guid);
            if (profile.file_naming == FileNaming::ByGuid) {
                CHECK(entry.substr(8) == source_guid + ".txt");
                CHECK(back.sources[0].plain_text_path == "internal://" + source_guid + ".txt");
            }
            CHECK(excerpts(back) == k_words);
        }
    }
}

TEST_CASE("A text whose line breaks cannot change without moving a position keeps them, and says so",
          "[dialects][conversion][layout]") {
    TempDir dir("dialect-kept");
    // Mixed line breaks: converting them one way and back would not give the same text.
    const std::string mixed = "one\r\ntwo\nthree";
    // A selection ending between CR and LF: in LF text that place does not exist.
    const std::string crlf = "alpha\r\nbeta";
    for (const auto& [text, end_before_lf] : {std::pair{mixed, false}, std::pair{crlf, true}}) {
        Project p;
        p.name = "kept";
        p.origin = "ATLAS.ti 9";
        p.dialect = Dialect::Standard;  // the numbers below are code points of the text as stored
        Code code;
        code.guid = test_guid(1);
        code.name = "c";
        p.codes.push_back(code);
        Source s;
        s.guid = test_guid(2);
        s.plain_text_path = "internal://" + s.guid + ".txt";
        Selection sel;
        sel.guid = test_guid(3);
        sel.start = 0;
        sel.end = end_before_lf ? 6 : 3;  // "alpha\r" or "one"
        Coding c;
        c.guid = test_guid(4);
        c.code.target = code.guid;
        sel.codings.push_back(c);
        s.selections.push_back(sel);
        p.sources.push_back(s);
        Diagnostics ignored;
        auto in = dir / "kept-in.qdpx";
        framer::test::write_zip(in, {{"project.qde", project_to_xml(p, ignored)}, {"sources/" + s.guid + ".txt", text}});
        Project read_in = read_project(in, ignored, {.dialect = Dialect::Standard});
        auto out = dir / "kept-out.qdpx";
        Diagnostics d;
        write_project(read_in, out, d, {Dialect::Standard});
        CHECK(d.contains("line-endings-kept"));
        CHECK(text_file(out) == text);
        Project back = read(out);
        auto t = load_plain_text(back, back.sources.at(0));
        REQUIRE(t);
        CHECK(std::string(substr_code_points(*t, back.sources[0].selections[0].start, back.sources[0].selections[0].end)) ==
              (end_before_lf ? "alpha\r" : "one"));
    }
}

TEST_CASE("Converting to a tool that does not import some elements warns dropped-by-dialect with the counts",
          "[dialects][conversion][losses]") {
    TempDir dir("dialect-losses");
    Project p = read(write_fixture(dir, Dialect::Standard));
    Variable v;
    v.guid = test_guid(50);
    v.name = "Role";
    p.variables.push_back(v);
    for (int i = 0; i < 2; ++i) {
        VariableValue value;
        value.variable.target = v.guid;
        value.kind = VariableType::Text;
        value.value = "peer";
        Case c;
        c.guid = test_guid(60 + i);
        c.name = "P" + std::to_string(i);
        c.variable_values.push_back(value);
        p.cases.push_back(c);
    }
    Graph g;
    g.guid = test_guid(70);
    Vertex vx;
    vx.guid = test_guid(71);
    vx.first_x = vx.first_y = "0";
    g.vertices.push_back(vx);
    p.graphs.push_back(g);
    auto warnings = [&](Dialect to) {
        Diagnostics d;
        write_project(p, dir / (std::string("losses-") + to_string(to) + ".qdpx"), d, {to});
        std::vector<std::string> out;
        for (const auto& item : d.items())
            if (item.id == "dropped-by-dialect") {
                CHECK(item.severity == Severity::Warning);
                out.push_back(item.message);
            }
        return out;
    };
    auto atlas = warnings(Dialect::Atlasti);
    REQUIRE(atlas.size() == 2);
    CHECK_THAT(atlas[0], Catch::StartsWith("2 variable value(s)"));
    CHECK_THAT(atlas[1], Catch::StartsWith("1 graph vertex(es) without representedGUID"));
    auto qc = warnings(Dialect::QualCoder);
    REQUIRE(qc.size() == 1);
    CHECK_THAT(qc[0], Catch::StartsWith("1 graph(s) is not imported by QualCoder"));
    CHECK(warnings(Dialect::Standard).empty());
    CHECK(warnings(Dialect::Nvivo).empty());
    // Written all the same, for other readers.
    Project written = read(dir / "losses-atlasti.qdpx");
    CHECK(written.cases.size() == 2);
    CHECK(written.graphs.size() == 1);
}

TEST_CASE("A QualCoder annotation's positions move with the text of the source it annotates",
          "[dialects][conversion][layout]") {
    TempDir dir("dialect-annotation");
    // QualCoder's shape (refi/annotation.hpp): a Note with inline text and one uncoded selection counting in the
    // text of the source that NoteRefs it. Here that text has CRLF, which the standard writes as LF.
    const std::string text = "first line\r\nsecond line\r\nthird";
    Project p;
    p.name = "annotated";
    p.origin = "QualCoder 3.5";
    p.dialect = Dialect::QualCoder;
    Code code;
    code.guid = test_guid(1);
    code.name = "c";
    p.codes.push_back(code);
    Note note;
    note.guid = test_guid(5);
    note.plain_text_content = "a memo on 'third'";
    Selection anchor;
    anchor.guid = test_guid(6);
    anchor.start = 25;  // "third" in code points of the CRLF text
    anchor.end = 30;
    note.selections.push_back(anchor);
    p.notes.push_back(note);
    Source s;
    s.guid = test_guid(2);
    s.plain_text_path = "internal://" + s.guid + ".txt";
    s.note_refs.push_back({note.guid, {}, {}});
    p.sources.push_back(s);
    Diagnostics ignored;
    auto in = dir / "annotated.qdpx";
    framer::test::write_zip(in, {{"project.qde", project_to_xml(p, ignored)}, {"sources/" + s.guid + ".txt", text}});
    Project read_in = read(in);
    Diagnostics d;
    write_project(read_in, dir / "standard.qdpx", d, {Dialect::Standard});
    CHECK(text_file(dir / "standard.qdpx") == "first line\nsecond line\nthird");
    Project out = read(dir / "standard.qdpx");
    auto t = load_plain_text(out, out.sources.at(0));
    REQUIRE(t);
    const auto& sel = out.notes.at(0).selections.at(0);
    CHECK(std::string(substr_code_points(*t, sel.start, sel.end)) == "third");
}

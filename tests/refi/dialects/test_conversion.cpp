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

using namespace refi;
using framer::test::TempDir;
using framer::test::test_guid;

namespace {

// Emoji (two UTF-16 units), a CRLF before each later word and a non-ASCII letter: the three countings differ.
const std::string k_text = "Intro \xF0\x9F\x98\x80 tea\r\nSecond \xE2\x9C\xA8 caf\xC3\xA9 line\r\nThird \xF0\x9F\x8C\xB1 end";
const std::vector<std::string> k_words{"tea", "caf\xC3\xA9", "Third", "end"};

/// The origin each tool writes (DIALECTS.md §1); none for the standard.
std::optional<std::string> tool_origin(Dialect d) {
    switch (d) {
        case Dialect::Nvivo: return "NVivo 12";
        case Dialect::Atlasti: return "ATLAS.ti 9";
        case Dialect::Maxqda: return "MAXQDA 2022";
        case Dialect::QualCoder: return "QualCoder 3.5";
        case Dialect::Quirkos: return "Quirkos 2.5";
        case Dialect::Taguette: return "Taguette 1.4";
        case Dialect::Framer: return "Framer";
        case Dialect::Standard: return std::nullopt;
    }
    return std::nullopt;
}

/// A .qdpx written the way `d` writes: its origin, its position counting over the text, and its text file
/// (BOM for QualCoder and NVivo Win; Sources/ and lower-case GUIDs for NVivo).
std::filesystem::path write_fixture(const TempDir& dir, Dialect d) {
    Project p;
    p.name = std::string("fixture ") + to_string(d);
    p.origin = tool_origin(d);
    p.dialect = d;  // the numbers below are already in d's counting; the writer keeps them (it has no text)
    bool lower = d == Dialect::Nvivo || d == Dialect::QualCoder;
    auto guid = [&](int n) { return lower ? ascii_lower(test_guid(n)) : test_guid(n); };
    Code code;
    code.guid = guid(1);
    code.name = "word";
    p.codes.push_back(code);
    Source s;
    s.guid = guid(2);
    s.name = "interview";
    s.plain_text_path = "internal://" + s.guid + ".txt";
    OffsetMap map(k_text, position_counting(d));
    int n = 10;
    for (const auto& w : k_words) {
        std::size_t byte = k_text.find(w);
        std::int64_t start = count_code_points(std::string_view(k_text).substr(0, byte));
        Selection sel;
        sel.guid = guid(n++);
        sel.start = map.from_code_points(start);
        sel.end = map.from_code_points(start + static_cast<std::int64_t>(count_code_points(w)));
        Coding c;
        c.guid = guid(n++);
        c.code.target = code.guid;
        sel.codings.push_back(c);
        s.selections.push_back(sel);
    }
    p.sources.push_back(s);
    Diagnostics ignored;
    std::string qde = project_to_xml(p, ignored);
    bool bom = d == Dialect::Nvivo || d == Dialect::QualCoder;
    std::string folder = d == Dialect::Nvivo ? "Sources/" : "sources/";
    auto path = dir / ("fixture-" + std::string(to_string(d)) + ".qdpx");
    framer::test::write_zip(path, {{"project.qde", qde},
                                   {folder + s.guid + ".txt", (bom ? "\xEF\xBB\xBF" : "") + k_text}});
    return path;
}

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
        // The three countings really differ on this text, so the test would see a shift.
        if (position_counting(d) != PositionCounting::CodePoints)
            CHECK(positions_in_file(dir / "via-standard.qdpx") != positions_in_file(fixture));
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

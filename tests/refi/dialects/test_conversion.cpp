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

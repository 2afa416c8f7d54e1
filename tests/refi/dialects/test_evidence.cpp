// Evidence, not trust: positions are checked against the text they cover, and a project read in a counting its
// positions do not fit is reported with the --from to use.
#include <catch2/catch.hpp>

#include <algorithm>

#include "dialect_fixtures.hpp"
#include "refi/dialect.hpp"
#include "refi/text.hpp"
#include "support/cli_run.hpp"

using namespace refi;
using framer::test::TempDir;
using framer::test::test_guid;
using framer::test::write_fixture;

namespace {

std::vector<Diagnostic> warnings_with(const Diagnostics& d, const std::string& id) {
    std::vector<Diagnostic> out;
    for (const auto& x : d.items())
        if (x.id == id) out.push_back(x);
    return out;
}

PositionEvidence evidence_of(const std::filesystem::path& path, std::optional<Dialect> from = std::nullopt) {
    Diagnostics d;
    return position_evidence(read_project(path, d, ReadOptions{.dialect = from}));
}

}  // namespace

TEST_CASE("Each dialect's positions read in their own dialect fit, and nothing is reported",
          "[dialects][evidence]") {
    TempDir dir("evidence-own");
    for (Dialect d : all_dialects()) {
        INFO(to_string(d));
        auto ev = evidence_of(write_fixture(dir, d));
        CHECK(ev.checked == 4);
        CHECK(ev.fitting(position_counting(d)) == 4);
        CHECK_FALSE(ev.better);
        CHECK(ev.misfits.empty());
        Diagnostics diag;
        warn_about_positions(ev, "x", diag);
        CHECK(diag.items().empty());
    }
}

TEST_CASE("NVivo's UTF-16 positions read as code points are reported with --from nvivo", "[dialects][evidence]") {
    TempDir dir("evidence-nvivo");
    auto nvivo = write_fixture(dir, Dialect::Nvivo);
    auto ev = evidence_of(nvivo, Dialect::Standard);
    CHECK(ev.declared == Dialect::Standard);
    CHECK(ev.fitting(PositionCounting::Utf16Units) == 4);
    CHECK(ev.fitting(PositionCounting::CodePoints) < 4);
    REQUIRE(ev.better == Dialect::Nvivo);
    Diagnostics d;
    warn_about_positions(ev, "p.qdpx", d);
    auto w = warnings_with(d, "positions-fit-another-dialect");
    REQUIRE(w.size() == 1);
    CHECK_THAT(w[0].message, Catch::Contains("read it with --from nvivo") &&
                                 Catch::Contains("4 of 4 selections that tell the countings apart fit UTF-16 units"));
}

TEST_CASE("ATLAS.ti's CRLF-as-one positions read as UTF-16 are reported with --from atlasti",
          "[dialects][evidence]") {
    TempDir dir("evidence-atlas");
    auto ev = evidence_of(write_fixture(dir, Dialect::Atlasti), Dialect::Nvivo);
    CHECK(ev.better == Dialect::Atlasti);
}

TEST_CASE("A selection name that quotes the text decides the counting, whitespace aside", "[dialects][evidence]") {
    // ATLAS.ti names a quote by its first characters and "…". Here every word is at word boundaries in both
    // countings, so only the name can tell.
    Project p;
    p.name = "names";
    p.dialect = Dialect::Atlasti;
    Source s;
    s.guid = test_guid(1);
    s.plain_text_content = "ab\r\ncd ef\r\ngh ij kl";
    for (int i = 0; i < 3; ++i) {
        Selection sel;
        sel.guid = test_guid(10 + i);
        s.selections.push_back(sel);
    }
    // In code points over the stored text: "cd ef" is 4..9, "gh" 11..13, "ij kl" 14..19.
    s.selections[0].start = 4, s.selections[0].end = 9, s.selections[0].name = "cd\nef\u2026";
    s.selections[1].start = 11, s.selections[1].end = 13, s.selections[1].name = "gh";  // too short to quote
    s.selections[2].start = 14, s.selections[2].end = 19, s.selections[2].name = "ij kl";
    p.sources.push_back(s);
    auto ev = position_evidence(p);
    CHECK(ev.checked == 3);
    CHECK(ev.fitting(PositionCounting::CodePointsLfOnly) == 3);
    // Read as code points the raw numbers (CRLF as one: 3..8, 9..11, 12..17) cover "\ncd e" (not the name's
    // "cdef"), "\ng" (no name to check; at word boundaries) and "h ij " (not "ijkl").
    CHECK(ev.fitting(PositionCounting::CodePoints) == 1);
    CHECK_FALSE(ev.better);
}

TEST_CASE("A CR or a character outside the BMP anywhere in a text makes its selections tell countings apart",
          "[dialects][evidence]") {
    // The scan for what tells the countings apart reads eight bytes at a time: a CR or a 4-byte character at any
    // offset of a word, or in the tail after the last whole word, must be seen; 3-byte characters must not count.
    for (std::size_t at = 0; at < 21; ++at) {
        for (const std::string special : {"\r", "\xF0\x9F\x98\x80", "\xE2\x80\x94"}) {
            Project p;
            p.name = "scan";
            Source s;
            s.guid = test_guid(1);
            std::string text(24, 'a');
            text.replace(at, 1, special);
            s.plain_text_content = text;
            Selection sel;
            sel.guid = test_guid(2);
            sel.start = 0;
            sel.end = 2;
            s.selections.push_back(sel);
            p.sources.push_back(s);
            INFO("offset " << at << ", " << special.size() << " bytes");
            CHECK(position_evidence(p).checked == (special.size() == 3 ? 0u : 1u));
        }
    }
}

TEST_CASE("A source whose positions fit no counting gets one warning naming its first misfit",
          "[dialects][evidence]") {
    Project p;
    p.name = "misfit";
    Source s;
    s.guid = test_guid(1);
    s.name = "P1";
    s.plain_text_content = "alpha\r\nbravo charlie \xF0\x9F\x98\x80 delta echo";
    for (int i = 0; i < 3; ++i) {
        Selection sel;
        sel.guid = test_guid(10 + i);
        sel.start = 2 + i * 7;  // mid-word in every counting
        sel.end = sel.start + 2;
        s.selections.push_back(sel);
    }
    p.sources.push_back(s);
    auto ev = position_evidence(p);
    REQUIRE(ev.misfits.size() == 1);
    CHECK_THAT(ev.misfits[0], Catch::StartsWith("P1: 3 of 3 selections fit no counting; first: selection " +
                                                test_guid(10) + " covers 'ph'"));
    Diagnostics d;
    warn_about_positions(ev, "m.qde", d);
    REQUIRE(warnings_with(d, "positions-fit-no-dialect").size() == 1);
}

TEST_CASE("Every command whose output depends on positions warns about positions that fit another dialect",
          "[dialects][evidence][cli]") {
    TempDir dir("evidence-cli");
    auto nvivo = write_fixture(dir, Dialect::Nvivo).string();
    // Each offers the --from the warning names. (The fixture has no users: agreement stops at its coders, after
    // the project was read and checked, which is what this looks at.)
    for (std::vector<std::string> args : {std::vector<std::string>{"info", nvivo},
                                          {"validate", nvivo},
                                          {"chart", nvivo},
                                          {"quotes", nvivo},
                                          {"agreement", nvivo, "--coders", "u1,u2"},
                                          {"convert", nvivo, (dir / "out.qdpx").string()}}) {
        INFO(args[0]);
        auto own = framer::test::run_framer(args);
        CHECK((own.out + own.err).find("positions-fit") == std::string::npos);
        args.push_back("--from");
        args.push_back("qualcoder");
        std::filesystem::remove(dir / "out.qdpx");
        auto r = framer::test::run_framer(args);
        CHECK_THAT(r.out + r.err, Catch::Contains("positions-fit-another-dialect") && Catch::Contains("--from nvivo"));
    }
    // The counting analyses: no position changes a count of codes, cases or variables, so they neither check
    // the positions nor inflate the texts to do so (issue 12), and run as well read in either counting.
    for (const std::string command : {"tabulate", "describe", "saturation"}) {
        INFO(command);
        auto own = framer::test::run_framer({command, nvivo});
        auto misread = framer::test::run_framer({command, nvivo, "--from", "qualcoder"});
        CHECK(own.code == 0);
        CHECK(misread.code == 0);
        CHECK((misread.out + misread.err).find("positions-fit") == std::string::npos);
        CHECK(misread.out == own.out);
    }
    auto info = framer::test::run_framer({"info", nvivo});
    CHECK_THAT(info.out, Catch::Contains("evidence  origin 'NVivo 12' names nvivo; positions: of 4 selections that "
                                         "tell the countings apart,"));
}

TEST_CASE("Keeping the texts gives the same evidence and leaves each text loaded for the analysis that reads it",
          "[dialects][evidence]") {
    // The chart and quotes read every coded text after the position check: with the texts kept, each is the copy
    // shared_plain_text gives them (its cache), not a second inflate.
    TempDir dir("evidence-keep");
    for (Dialect d : all_dialects()) {
        for (std::optional<Dialect> from : {std::optional<Dialect>{}, std::optional<Dialect>{Dialect::Standard}}) {
            INFO(to_string(d) << (from ? " read as standard" : ""));
            Diagnostics diag;
            Project project = read_project(write_fixture(dir, d), diag, ReadOptions{.dialect = from});
            const PositionEvidence plain = position_evidence(project);
            std::vector<std::shared_ptr<const std::string>> texts;
            const PositionEvidence kept = position_evidence(project, texts);
            CHECK(kept.checked == plain.checked);
            CHECK(kept.sources_checked == plain.sources_checked);
            CHECK(kept.better == plain.better);
            CHECK(kept.misfits == plain.misfits);
            for (const auto& f : plain.fits) CHECK(kept.fitting(f.counting) == f.fitting);
            std::size_t coded_files = 0;
            for (const auto& s : project.sources) {
                bool coded = false;
                for (const auto& sel : s.selections) coded |= sel.kind == SelectionKind::PlainText;
                if (s.kind != SourceKind::Text || !coded || !s.plain_text_path) continue;
                ++coded_files;
                const auto text = shared_plain_text(project, s);
                REQUIRE(text);
                CHECK(std::find(texts.begin(), texts.end(), text) != texts.end());
            }
            CHECK(coded_files > 0);
        }
    }
}

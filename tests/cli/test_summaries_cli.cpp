// framer summaries writes each summary so that tools show it after import: a Note with its text inline and in its
// own plainTextPath file (QualCoder imports only those, as journals), in the project's GUID case; importing
// again updates the note and its file, never duplicates them, and clearing a cell removes both.
#include <catch2/catch.hpp>

#include <algorithm>

#include "qdpx_archive.hpp"
#include "refi/refi.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

namespace fs = std::filesystem;
using framer::test::TempDir;

namespace {

const std::string nvivo = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study-nvivo.qdpx";

/// The long csv with the summary of the first row of `theme` set to `summary` (fields: theme, unit, code,
/// excerpts, summary, ...; the chart is made without --show).
std::string with_summary(std::string csv, const std::string& row_prefix, const std::string& summary) {
    auto pos = csv.find("\r\n" + row_prefix);
    REQUIRE(pos != std::string::npos);
    std::size_t i = pos + 2;
    for (int field = 0; field < 4; ++field) {
        if (csv[i] == '"') {
            for (++i; !(csv[i] == '"' && csv[i + 1] != '"'); i += csv[i] == '"' ? 2 : 1) {}
            ++i;
        } else {
            while (csv[i] != ',') ++i;
        }
        ++i;
    }
    // i is at the summary field: replace up to the next comma (the field was written unquoted or quoted).
    std::size_t end = i;
    if (csv[end] == '"') {
        for (++end; !(csv[end] == '"' && csv[end + 1] != '"'); end += csv[end] == '"' ? 2 : 1) {}
        ++end;
    } else {
        while (csv[end] != ',') ++end;
    }
    std::string quoted = "\"";
    for (char c : summary) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    csv.replace(i, end - i, summary.empty() ? std::string() : quoted);
    return csv;
}

std::vector<std::string> note_files(const fs::path& qdpx, const refi::Project& p) {
    refi::detail::QdpxArchive a(qdpx);
    std::vector<std::string> out;
    for (const auto& n : p.notes)
        if (n.plain_text_path) {
            auto entry = a.find_internal(refi::resolve_path(*n.plain_text_path).path);
            if (entry) out.push_back(*entry);
        }
    return out;
}

bool has_upper_hex(const std::string& guid) {
    return std::any_of(guid.begin(), guid.end(), [](char c) { return c >= 'A' && c <= 'F'; });
}

}  // namespace

TEST_CASE("Summaries arrive as notes with their own text file, in the project's GUID case, re-imported without "
          "duplicates",
          "[summaries][cli][dialects]") {
    if (!fs::exists(nvivo)) {
        WARN("samples/recovery-study-nvivo.qdpx not present; skipped");
        return;
    }
    TempDir dir("summaries-files");
    auto chart = framer::test::run_framer({"chart", nvivo, "--format", "csv"});
    REQUIRE(chart.code == 0);
    const std::string prefix = "Process 1: Fighting ambivalence and committing to taking action,SU9,";
    const std::string text = "Ambivalent & <torn>\n\"wants\" change \xF0\x9F\x98\x80";
    framer::test::write_file(dir / "edited.csv", with_summary(chart.out, prefix, text));

    auto run = [&](const fs::path& in, const std::string& csv, const fs::path& out) {
        auto r = framer::test::run_framer({"summaries", in.string(), (dir / csv).string(), "-o", out.string()});
        INFO(r.err);
        REQUIRE(r.code == 0);
        return r.err;
    };
    CHECK_THAT(run(nvivo, "edited.csv", dir / "once.qdpx"), Catch::Contains("1 added"));
    refi::Diagnostics d;
    refi::Project original = refi::read_project(nvivo, d);
    refi::Project once = refi::read_project(dir / "once.qdpx", d);
    REQUIRE(once.notes.size() == original.notes.size() + 1);
    const refi::Note& note = once.notes.back();
    CHECK(note.plain_text_content == std::optional<std::string>(text));
    REQUIRE(note.plain_text_path);
    CHECK(*note.plain_text_path == "internal://" + note.guid + ".txt");
    // The file holds exactly the text (UTF-8, no BOM: QualCoder reads it as it is).
    refi::detail::QdpxArchive archive(dir / "once.qdpx");
    CHECK(archive.read("sources/" + note.guid + ".txt", 1 << 20) == text);
    // NVivo's project spells GUIDs in lower case; the new note, its links and the new user do too.
    CHECK_FALSE(has_upper_hex(note.guid));
    for (const auto& l : once.links) CHECK_FALSE(has_upper_hex(l.guid));
    CHECK_FALSE(has_upper_hex(once.users.back().guid));
    // The NoteRef on the code and the Links to the unit and the code stay, for tools that read them.
    std::size_t links = 0;
    for (const auto& l : once.links) links += l.origin && refi::same_guid(*l.origin, note.guid);
    CHECK(links == 2);
    if (auto why = framer::test::xsd_skip_reason()) {
        WARN(*why);
    } else {
        framer::test::write_file(dir / "once.qde", archive.read(archive.qde_entry(), 1 << 30));
        auto xsd = framer::test::validate_project_xsd(dir / "once.qde");
        INFO(xsd.output);
        CHECK(xsd.valid);
    }

    // Twice more with the same chart: nothing added, one note and one file.
    CHECK_THAT(run(dir / "once.qdpx", "edited.csv", dir / "twice.qdpx"), Catch::Contains("0 added, 0 updated, 1 unchanged"));
    CHECK_THAT(run(dir / "twice.qdpx", "edited.csv", dir / "thrice.qdpx"), Catch::Contains("1 unchanged"));
    refi::Project thrice = refi::read_project(dir / "thrice.qdpx", d);
    CHECK(thrice.notes.size() == once.notes.size());
    CHECK(note_files(dir / "thrice.qdpx", thrice).size() == note_files(dir / "once.qdpx", once).size());
    CHECK(refi::detail::QdpxArchive(dir / "thrice.qdpx").entries().size() == archive.entries().size());

    // Edited: the note and its file change together.
    framer::test::write_file(dir / "edited2.csv", with_summary(chart.out, prefix, "Revised"));
    CHECK_THAT(run(dir / "thrice.qdpx", "edited2.csv", dir / "revised.qdpx"), Catch::Contains("1 updated"));
    CHECK(refi::detail::QdpxArchive(dir / "revised.qdpx").read("sources/" + note.guid + ".txt", 1 << 20) == "Revised");

    // Cleared: the note and its file are gone.
    framer::test::write_file(dir / "cleared.csv", chart.out);
    CHECK_THAT(run(dir / "revised.qdpx", "cleared.csv", dir / "cleared.qdpx"), Catch::Contains("1 removed"));
    refi::detail::QdpxArchive cleared(dir / "cleared.qdpx");
    CHECK_FALSE(cleared.find_internal(note.guid + ".txt"));
    CHECK(cleared.entries().size() == refi::detail::QdpxArchive(nvivo).entries().size());
}

namespace {

/// The generated summary sources of a project.
std::vector<const refi::Source*> summary_documents(const refi::Project& p) {
    std::vector<const refi::Source*> out;
    for (const auto& s : p.sources)
        if (s.name && s.name->rfind("Framework summaries: ", 0) == 0) out.push_back(&s);
    return out;
}

}  // namespace

TEST_CASE("Summaries --as-document arrive as one coded source per unit whose codings cover exactly the summaries, "
          "re-applied without duplicates",
          "[summaries][cli][dialects]") {
    if (!fs::exists(nvivo)) {
        WARN("samples/recovery-study-nvivo.qdpx not present; skipped");
        return;
    }
    TempDir dir("summaries-document");
    auto chart = framer::test::run_framer({"chart", nvivo, "--format", "csv"});
    REQUIRE(chart.code == 0);
    const std::string p1 = "Domain 1: Processes of recovery,SU9,Process 1: Fighting ambivalence and committing to taking action,";
    const std::string p2 = "Domain 1: Processes of recovery,SU9,Process 2: Moving from shame to self-acceptance and compassion,";
    // An emoji: NVivo counts it as two UTF-16 units, so the written numbers differ from the code points.
    const std::string first = "Torn \xF0\x9F\x98\x80 between \"wants\" & <fears>";
    const std::string second = "Blames herself,\nthen less so";
    framer::test::write_file(dir / "edited.csv", with_summary(with_summary(chart.out, p1, first), p2, second));
    auto run = [&](const fs::path& in, const std::string& csv, const fs::path& out,
                   std::vector<std::string> extra = {"--as-document"}) {
        std::vector<std::string> args{"summaries", in.string(), (dir / csv).string(), "-o", out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = framer::test::run_framer(args);
        INFO(r.err);
        REQUIRE(r.code == 0);
        return r.err;
    };
    CHECK_THAT(run(nvivo, "edited.csv", dir / "once.qdpx"), Catch::Contains("document paragraphs: 2 added"));
    refi::Diagnostics d;
    refi::Project original = refi::read_project(nvivo, d);
    refi::Project once = refi::read_project(dir / "once.qdpx", d);
    CHECK(once.notes.size() == original.notes.size());  // the document form only
    auto docs = summary_documents(once);
    REQUIRE(docs.size() == 1);
    const refi::Source& doc = *docs[0];
    CHECK(doc.name == std::optional<std::string>("Framework summaries: SU9"));
    CHECK_FALSE(has_upper_hex(doc.guid));  // NVivo's GUID case
    // Each coding covers exactly its summary, coded with its code.
    auto text = refi::load_plain_text(once, doc);
    REQUIRE(text);
    REQUIRE(doc.selections.size() == 2);
    std::vector<std::string> covered;
    for (const auto& sel : doc.selections) {
        REQUIRE(sel.codings.size() == 1);
        CHECK_FALSE(has_upper_hex(sel.guid));
        covered.emplace_back(refi::substr_code_points(*text, sel.start, sel.end));
    }
    CHECK(covered == std::vector<std::string>{first, second});
    CHECK_THAT(*text, Catch::StartsWith("Framework summaries: SU9\n"));
    // Written in NVivo's counting: the second paragraph starts after the emoji, one more UTF-16 unit than code points.
    refi::Project raw = refi::read_project(dir / "once.qdpx", d, {.dialect = refi::Dialect::Standard});
    const refi::Source* raw_doc = summary_documents(raw).at(0);
    CHECK(raw_doc->selections[1].start == doc.selections[1].start + 1);
    CHECK(raw_doc->selections[0].start == doc.selections[0].start);
    // The participant's case refers to it; Framer's own chart does not take it for data.
    bool referred = false;
    for (const auto& c : once.cases)
        for (const auto& r : c.source_refs) referred |= refi::same_guid(r.target, doc.guid);
    CHECK(referred);
    auto again = framer::test::run_framer({"chart", (dir / "once.qdpx").string(), "--format", "csv"});
    REQUIRE(again.code == 0);
    CHECK(again.out.find("Framework summaries") == std::string::npos);
    if (auto why = framer::test::xsd_skip_reason()) {
        WARN(*why);
    } else {
        refi::detail::QdpxArchive archive(dir / "once.qdpx");
        framer::test::write_file(dir / "once.qde", archive.read(archive.qde_entry(), 1 << 30));
        auto xsd = framer::test::validate_project_xsd(dir / "once.qde");
        INFO(xsd.output);
        CHECK(xsd.valid);
    }

    // Applied again: the same source, nothing added; in both forms together, too.
    CHECK_THAT(run(dir / "once.qdpx", "edited.csv", dir / "twice.qdpx"), Catch::Contains("2 unchanged"));
    refi::Project twice = refi::read_project(dir / "twice.qdpx", d);
    CHECK(twice.sources.size() == once.sources.size());
    CHECK(refi::detail::QdpxArchive(dir / "twice.qdpx").entries().size() ==
          refi::detail::QdpxArchive(dir / "once.qdpx").entries().size());
    run(dir / "twice.qdpx", "edited.csv", dir / "both.qdpx", {"--form", "both"});
    run(dir / "both.qdpx", "edited.csv", dir / "both-again.qdpx", {"--form", "both"});
    refi::Project both = refi::read_project(dir / "both-again.qdpx", d);
    CHECK(summary_documents(both).size() == 1);
    CHECK(both.notes.size() == original.notes.size() + 2);
    CHECK(both.sources.size() == once.sources.size());

    // One summary cleared: its paragraph goes, the other stays; both cleared: the source and its file go.
    framer::test::write_file(dir / "one.csv", with_summary(chart.out, p2, second));
    CHECK_THAT(run(dir / "twice.qdpx", "one.csv", dir / "one.qdpx"), Catch::Contains("1 removed"));
    refi::Project one = refi::read_project(dir / "one.qdpx", d);
    REQUIRE(summary_documents(one).size() == 1);
    REQUIRE(summary_documents(one)[0]->selections.size() == 1);
    framer::test::write_file(dir / "none.csv", chart.out);
    run(dir / "one.qdpx", "none.csv", dir / "none.qdpx");
    refi::Project none = refi::read_project(dir / "none.qdpx", d);
    CHECK(summary_documents(none).empty());
    CHECK(none.sources.size() == original.sources.size());
    CHECK(refi::detail::QdpxArchive(dir / "none.qdpx").entries().size() ==
          refi::detail::QdpxArchive(nvivo).entries().size());
    for (const auto& c : none.cases)
        for (const auto& r : c.source_refs) CHECK_FALSE(refi::same_guid(r.target, doc.guid));
    // An unknown --form is a usage error.
    auto bad = framer::test::run_framer({"summaries", nvivo, (dir / "edited.csv").string(), "-o",
                                         (dir / "bad.qdpx").string(), "--form", "documents"});
    CHECK(bad.code == 2);
}

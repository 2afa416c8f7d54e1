// Tests of the merge transform (plugins/merge): two coders' copies of a sample, one with every GUID re-minted and
// one in another dialect, give back every coding exactly once; a project merged with itself is unchanged; each
// kind of conflict is reported with both sides and resolved without loss; texts differing only in line endings
// are one source with positions mapped.
#include <catch2/catch.hpp>

#include <algorithm>

#include "merge/line_endings.hpp"
#include "merge/merge.hpp"
#include "merge_test_support.hpp"
#include "project_builder.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/refi.hpp"
#include "refi/text.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

using framer::MergeInput;
using framer::MergeReport;
using framer::test::coding_facts;
using framer::test::guid_of;
using framer::test::ProjectBuilder;
using framer::test::TempDir;

namespace {

refi::Project read(const std::filesystem::path& p) {
    refi::Diagnostics d;
    return refi::read_project(p, d);
}

std::filesystem::path sample(const std::string& name) { return std::filesystem::path(FRAMER_SOURCE_DIR) / "samples" / name; }

const refi::Code* first_codable(const std::vector<refi::Code>& codes) {
    for (const auto& c : codes) {
        if (c.codable()) return &c;
        if (const auto* k = first_codable(c.children)) return k;
    }
    return nullptr;
}

/// A plain-text selection with one coding by `user`, its GUIDs derived from `tag`.
refi::Selection coded(const std::string& tag, std::int64_t start, std::int64_t end, const std::string& code,
                      const std::string& user) {
    refi::Selection s;
    s.guid = refi::make_guid_from("test-selection", tag);
    s.start = start;
    s.end = end;
    s.authorship.creating_user = user;
    s.authorship.creation_date_time = "2024-05-01T10:00:00Z";
    refi::Coding c;
    c.guid = refi::make_guid_from("test-coding", tag);
    c.code.target = code;
    c.creating_user = user;
    c.creation_date_time = "2024-05-01T10:00:00Z";
    s.codings.push_back(c);
    return s;
}

/// Index of the source holding a character outside the BMP (NVivo counts it as two), else 2.
std::size_t source_with_astral(const refi::Project& p, std::int64_t& at) {
    for (std::size_t i = 0; i < p.sources.size(); ++i) {
        auto text = refi::load_plain_text(p, p.sources[i]);
        if (!text) continue;
        auto byte = text->find('\xF0');
        if (byte != std::string::npos) {
            at = static_cast<std::int64_t>(refi::count_code_points(text->substr(0, byte)));
            return i;
        }
    }
    at = 0;
    return 2;
}

}  // namespace

TEST_CASE("merge of two coders' copies of a sample, one re-minted and one in another dialect, gives every coding once",
          "[merge]") {
    for (const char* name : {"seed-table2.qdpx", "recovery-study.qdpx"}) {
        DYNAMIC_SECTION(name) {
            TempDir dir("merge-copies");
            refi::Project base = read(sample(name));
            const auto* code = first_codable(base.codes);
            REQUIRE(code);

            // Coder 2 exports from a tool that re-mints every GUID, having added a coder and one coding.
            refi::Project copy2 = read(sample(name));
            refi::User chris;
            chris.guid = refi::make_guid_from("test-user", "Chris");
            chris.name = "Chris Diaz";
            copy2.users.push_back(chris);
            copy2.sources[0].selections.push_back(coded("chris", 0, 10, code->guid, chris.guid));
            framer::test::write_rewritten(copy2, dir / "coder2.qdpx", {},
                                          [](const std::string& s) { return framer::test::remint_guids(s, "coder2"); });

            // Coder 3 is in NVivo: UTF-16 positions, lowercase GUIDs; one selection removed, one added after an
            // astral character where the two countings differ.
            refi::Project copy3 = read(sample(name));
            copy3.origin = "NVivo 14";
            std::int64_t astral = 0;
            std::size_t where = source_with_astral(copy3, astral);
            std::string second = copy3.users.at(1).guid;  // the study's second coder
            copy3.sources[1].selections.erase(copy3.sources[1].selections.begin());
            copy3.sources[where].selections.push_back(coded("nvivo", astral + 1, astral + 9, code->guid, second));
            framer::test::write_rewritten(copy3, dir / "coder3.qdpx", {refi::Dialect::Nvivo},
                                          [](const std::string& s) { return framer::test::lowercase_guids(s); });

            std::vector<MergeInput> inputs;
            inputs.push_back({read(sample(name)), "base.qdpx"});
            inputs.push_back({read(dir / "coder2.qdpx"), "coder2.qdpx"});
            inputs.push_back({read(dir / "coder3.qdpx"), "coder3.qdpx"});
            REQUIRE(inputs[2].project.dialect == refi::Dialect::Nvivo);
            MergeReport report;
            refi::Project merged = framer::merge_projects(inputs, report);

            auto expected = coding_facts(base);
            std::string code_path;
            {
                refi::ProjectIndex index(base);
                for (const auto* p : index.path_of(*code)) code_path += (code_path.empty() ? "" : " > ") + p->name;
            }
            expected.insert({*base.sources[0].name, 0, 10, code_path, "Chris Diaz"});
            expected.insert({*base.sources[where].name, astral + 1, astral + 9, code_path, *base.users[1].name});
            CHECK(coding_facts(merged) == expected);
            CHECK(report.conflicts.empty());
            CHECK(merged.dialect == base.dialect);
            CHECK(merged.sources.size() == base.sources.size());
            CHECK(merged.users.size() == base.users.size() + 1);
            // the first input's GUIDs are kept
            for (std::size_t i = 0; i < base.sources.size(); ++i) CHECK(merged.sources[i].guid == base.sources[i].guid);
            CHECK(merged.codes == base.codes);
            // every re-minted source was found by its text, every NVivo one by its GUID
            const auto& counts2 = report.inputs[1].counts;
            auto count = [](const std::vector<framer::MergeCount>& cs, const std::string& kind) {
                return *std::find_if(cs.begin(), cs.end(), [&](const auto& c) { return c.kind == kind; });
            };
            CHECK(count(counts2, "source").matched == base.sources.size());
            CHECK(count(counts2, "coding").added == 1);
            CHECK(count(report.inputs[2].counts, "coding").added == 1);
            auto chris_source = std::find_if(report.elements.begin(), report.elements.end(), [&](const auto& e) {
                return e.kind == "source" && e.guid == base.sources[0].guid;
            });
            REQUIRE(chris_source != report.elements.end());
            REQUIRE(chris_source->origins.size() == 3);
            CHECK(chris_source->origins[1].matched_by == "text");
            CHECK(chris_source->origins[2].matched_by == "guid");

            // written in the first input's dialect, XSD-valid, and read back to the same codings
            refi::Diagnostics d;
            refi::write_project(merged, dir / "merged.qdpx", d);
            if (auto why = framer::test::xsd_skip_reason()) {
                WARN("XSD check skipped: " << *why);
            } else {
                refi::Diagnostics dx;
                auto xml = refi::project_to_xml(merged, dx);
                auto xsd = framer::test::validate_project_xml(xml);
                INFO(xsd.output);
                CHECK(xsd.valid);
            }
            refi::Project again = read(dir / "merged.qdpx");
            CHECK(coding_facts(again) == expected);
            CHECK(refi::validate(again).count(refi::Severity::Error) == 0);
        }
    }
}

TEST_CASE("merge of a project with itself changes nothing", "[merge]") {
    for (const char* name : {"seed-table2.qdpx", "recovery-study.qdpx", "recovery-study-nvivo.qdpx"}) {
        DYNAMIC_SECTION(name) {
            refi::Project base = read(sample(name));
            std::vector<MergeInput> inputs{{read(sample(name)), "a"}, {read(sample(name)), "b"}};
            MergeReport report;
            refi::Project merged = framer::merge_projects(inputs, report);
            CHECK(merged == base);
            CHECK(report.conflicts.empty());
            CHECK(report.warnings.empty());
            refi::Diagnostics d1, d2;
            CHECK(refi::project_to_xml(merged, d1) == refi::project_to_xml(base, d2));
            for (const auto& c : report.inputs[1].counts) CHECK(c.added == 0);
        }
    }
}

namespace {

/// Two coders' projects that disagree in one way of each kind, built in code (inline text).
struct ConflictPair {
    refi::Project a, b;
};

ConflictPair conflict_pair() {
    ProjectBuilder pa;
    std::string ana = pa.user("Ana");
    pa.code("Theme A", false);
    pa.code("Theme B", false);
    std::string cope_a = pa.code("Theme A/Cope");
    pa.variable("Age", refi::VariableType::Integer);
    pa.variable("Gender");
    pa.source("Shared");
    pa.source("Interview 1");
    auto c = pa.add_case("P1", {"Interview 1"});
    pa.case_value(c, "Gender", "Female");
    pa.case_value(c, "Age", "31", refi::VariableType::Integer);
    refi::Project a = pa.project();
    a.sources[1].plain_text_content = "I cope by walking every day.";
    a.sources[1].selections.push_back(coded("a1", 2, 6, cope_a, ana));

    ProjectBuilder pb;
    std::string ben = pb.user("Ben");
    pb.code("Theme A", false);
    pb.code("Theme B", false);
    std::string cope_b = pb.code("Theme B/Cope");  // another place, another GUID
    pb.variable("Age", refi::VariableType::Text);
    pb.variable("Gender");
    pb.source("Shared");
    pb.source("Interview 1");
    auto cb = pb.add_case("P1", {"Interview 1"});
    pb.case_value(cb, "Gender", "Male");
    pb.case_value(cb, "Age", "thirty-one");
    refi::Project b = pb.project();
    b.sources[1].guid = refi::make_guid_from("other", "Interview 1");
    b.sources[1].plain_text_content = "I cope by running, most days.";
    b.sources[1].selections.push_back(coded("b1", 2, 6, cope_b, ben));
    b.sources[0].selections.push_back(coded("b0", 0, 4, cope_b, ben));
    return {a, b};
}

const framer::MergeConflict* find_conflict(const MergeReport& r, const std::string& kind) {
    for (const auto& c : r.conflicts)
        if (c.kind == kind) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("merge reports a conflict of each kind with both sides and loses nothing", "[merge][conflicts]") {
    auto [a, b] = conflict_pair();
    MergeReport report;
    refi::Project merged = framer::merge_projects({{a, "a.qdpx"}, {b, "b.qdpx"}}, report);

    SECTION("same source name with other text: the codings stay on a separate source") {
        const auto* c = find_conflict(report, "source-text");
        REQUIRE(c);
        CHECK(c->first.at("input").as_string() == "a.qdpx");
        CHECK(c->first.at("name").as_string() == "Interview 1");
        CHECK(c->other.at("input").as_string() == "b.qdpx");
        CHECK(c->other.at("characters").as_int() == 29);
        CHECK(c->other.at("first_difference").as_int() == 10);
        REQUIRE(merged.sources.size() == 3);
        const auto& separate = merged.sources[2];
        CHECK(separate.name == "Interview 1 (b.qdpx)");
        CHECK(separate.plain_text_content == b.sources[1].plain_text_content);
        REQUIRE(separate.selections.size() == 1);
        CHECK(separate.selections[0].start == 2);
        // the first project's source holds only its own coding
        CHECK(merged.sources[1].selections.size() == 1);
    }
    SECTION("a code in two places: one code, both sides reported") {
        const auto* c = find_conflict(report, "code-path");
        REQUIRE(c);
        CHECK(c->first.at("path").as_string() == "Theme A > Cope");
        CHECK(c->other.at("path").as_string() == "Theme B > Cope");
        refi::ProjectIndex index(merged);
        std::size_t copes = std::count_if(index.codes_in_order().begin(), index.codes_in_order().end(),
                                          [](const refi::Code* k) { return k->name == "Cope"; });
        CHECK(copes == 1);
        // Ben's coding on the shared source is on the first project's Cope
        REQUIRE(merged.sources[0].selections.size() == 1);
        CHECK(merged.sources[0].selections[0].codings[0].code.target == guid_of("code", "Theme A/Cope"));
    }
    SECTION("a variable with two types: both kept, the second renamed") {
        const auto* c = find_conflict(report, "variable-type");
        REQUIRE(c);
        CHECK(c->first.at("type").as_string() == "Integer");
        CHECK(c->other.at("type").as_string() == "Text");
        REQUIRE(merged.variables.size() == 3);
        CHECK(merged.variables[2].name == "Age (b.qdpx)");
        // P1 keeps its Integer age and gains the text one
        CHECK(merged.cases[0].variable_values.size() == 3);
    }
    SECTION("a case with two values for one variable: the first is kept, both reported") {
        const auto* c = find_conflict(report, "variable-value");
        REQUIRE(c);
        CHECK(c->first.at("case").as_string() == "P1");
        CHECK(c->first.at("value").as_string() == "Female");
        CHECK(c->other.at("value").as_string() == "Male");
        CHECK(c->resolution.find("Female") != std::string::npos);
    }
    SECTION("the report's JSON and summary list every conflict") {
        auto json = report.to_json();
        CHECK(json.at("conflicts").size() == report.conflicts.size());
        CHECK(report.conflicts.size() == 4);
        auto summary = report.summary();
        for (const char* kind : {"source-text", "code-path", "variable-type", "variable-value"})
            CHECK(summary.find(std::string("conflict[") + kind + "]") != std::string::npos);
    }
    SECTION("the result is a sound project") {
        CHECK(refi::validate(merged).count(refi::Severity::Error) == 0);
    }
}

TEST_CASE("merge refuses inputs that share no source unless told to allow it", "[merge][errors]") {
    ProjectBuilder pa, pb;
    pa.source("One");
    pb.source("Two");
    refi::Project a = pa.project(), b = pb.project();
    MergeReport r1;
    try {
        framer::merge_projects({{a, "a.qdpx"}, {b, "b.qdpx"}}, r1);
        FAIL("merged disjoint projects");
    } catch (const refi::Error& e) {
        CHECK(std::string(e.what()).find("shares no source with a.qdpx") != std::string::npos);
    }
    MergeReport r2;
    framer::MergeOptions allow;
    allow.allow_disjoint = true;
    auto merged = framer::merge_projects({{a, "a.qdpx"}, {b, "b.qdpx"}}, r2, allow);
    CHECK(merged.sources.size() == 2);
}

TEST_CASE("merge takes texts that differ only in line endings as one source and maps positions", "[merge]") {
    ProjectBuilder pa;
    std::string ana = pa.user("Ana");
    std::string code = pa.code("Hope");
    pa.source("T2");
    refi::Project a = pa.project();
    a.sources[0].plain_text_content = "Line one\r\nLine two\r\nhope here";
    a.sources[0].selections.push_back(coded("a", 20, 24, code, ana));  // "hope"
    refi::Project b = a;
    b.sources[0].guid = refi::make_guid_from("b", "T2");
    b.sources[0].plain_text_content = "Line one\nLine two\nhope here";
    b.sources[0].selections.clear();
    b.sources[0].selections.push_back(coded("a-again", 18, 22, code, ana));  // the same "hope"
    b.sources[0].selections.push_back(coded("b", 9, 17, code, ana));         // "Line two"
    MergeReport report;
    auto merged = framer::merge_projects({{a, "a"}, {b, "b"}}, report);
    REQUIRE(merged.sources.size() == 1);
    const auto& sels = merged.sources[0].selections;
    REQUIRE(sels.size() == 2);
    CHECK(sels[0].codings.size() == 1);
    CHECK(sels[1].start == 10);
    CHECK(sels[1].end == 18);
    CHECK(std::string(refi::substr_code_points(*merged.sources[0].plain_text_content, sels[1].start, sels[1].end)) ==
          "Line two");
}

TEST_CASE("LineEndingMap maps positions across CRLF, CR and LF", "[merge]") {
    framer::merge::LineEndingMap m("a\nb\nc", "a\r\nb\rc");
    CHECK(m.map(0) == 0);
    CHECK(m.map(2) == 3);
    CHECK(m.map(4) == 5);
    CHECK(m.map(5) == 6);
    CHECK(m.map(7) == 8);  // past the end keeps its distance
    CHECK(framer::merge::normalise_line_endings("a\r\nb\rc\n") == "a\nb\nc\n");
    CHECK(framer::merge::LineEndingMap("same", "same").identity());
}

// refi::validate: every finding id triggered by a minimal project built in code, and a clean project with none.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>

#include "refi/guid.hpp"
#include "refi/source_store.hpp"
#include "refi/validate.hpp"
#include "validate_lexical.hpp"

namespace {

using namespace refi;

// Fixed GUIDs so the tests can refer to elements (and spell them differently on purpose).
const std::string k_user = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0001";
const std::string k_domain = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0002";
const std::string k_theme = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0003";
const std::string k_age = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0004";
const std::string k_group = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0005";
const std::string k_case = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0006";
const std::string k_source = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0007";
const std::string k_selection = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0008";
const std::string k_coding = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0009";
const std::string k_note = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A000A";
const std::string k_link = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A000B";
const std::string k_set = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A000C";
const std::string k_graph = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A000D";
const std::string k_vertex1 = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A000E";
const std::string k_vertex2 = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A000F";
const std::string k_edge = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0010";
const std::string k_media = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0011";
const std::string k_transcript = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0012";
const std::string k_sync1 = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0013";
const std::string k_sync2 = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0014";
const std::string k_tsel = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0015";
const std::string k_unknown = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0AFFFF";

Ref ref(const std::string& target) {
    Ref r;
    r.target = target;
    return r;
}

Location line(std::uint32_t n) { return Location{n, 3}; }

// A small but complete project: every element kind the validator walks, all sound. Non-ASCII text, so a
// position check that counted bytes instead of code points would fail.
Project clean_project() {
    Project p;
    p.name = "Framework study";
    p.creating_user = k_user;
    p.creation_date_time = "2024-03-01T10:00:00Z";
    p.loc = line(2);
    p.users.push_back(User{k_user, "Ana", std::nullopt, {}, line(4)});

    Code domain;
    domain.guid = k_domain;
    domain.name = "Access";
    domain.is_codable = "false";
    domain.color = "#A0B";
    domain.loc = line(7);
    Code theme;
    theme.guid = k_theme;
    theme.name = "Waiting times";
    theme.color = "#a0b1c2";
    theme.note_refs.push_back(ref(k_note));
    theme.loc = line(8);
    domain.children.push_back(theme);
    p.codes.push_back(domain);
    p.has_codebook = true;

    p.variables.push_back(Variable{k_age, "Age", VariableType::Integer, std::nullopt, {}, line(12)});
    p.variables.push_back(Variable{k_group, "Group", VariableType::Text, std::nullopt, {}, line(13)});

    Case c;
    c.guid = k_case;
    c.name = "P01";
    c.code_refs.push_back(ref(k_theme));
    c.variable_values.push_back(VariableValue{ref(k_age), VariableType::Integer, "42", {}, line(17)});
    c.variable_values.push_back(VariableValue{ref(k_group), VariableType::Text, "clinic", {}, line(18)});
    c.source_refs.push_back(ref(k_source));
    c.selection_refs.push_back(ref(k_selection));
    c.loc = line(16);
    p.cases.push_back(c);

    Source s;
    s.kind = SourceKind::Text;
    s.guid = k_source;
    s.name = "Interview P01";
    s.plain_text_content = "Ça a pris des mois. Wait: 12 weeks.";  // 35 code points, 36 bytes
    s.authorship.creating_user = k_user;
    s.authorship.creation_date_time = "2024-03-01T10:00:00.125+01:00";
    s.loc = line(22);
    Selection sel;
    sel.kind = SelectionKind::PlainText;
    sel.guid = k_selection;
    sel.start = 0;
    sel.end = 35;  // the whole text: valid only if counted in code points
    sel.loc = line(23);
    Coding coding;
    coding.guid = k_coding;
    coding.creating_user = "{" + k_user + "}";  // braces and case do not matter
    coding.code = ref(k_theme);
    coding.loc = line(24);
    sel.codings.push_back(coding);
    s.selections.push_back(sel);
    p.sources.push_back(s);

    Source media;
    media.kind = SourceKind::Audio;
    media.guid = k_media;
    media.loc = line(30);
    Transcript t;
    t.guid = k_transcript;
    t.plain_text_content = "hello";
    t.sync_points.push_back(SyncPoint{k_sync1, "0", "0", {}, line(32)});
    t.sync_points.push_back(SyncPoint{k_sync2, "1500", "5", {}, line(33)});
    Selection ts;
    ts.kind = SelectionKind::Transcript;
    ts.guid = k_tsel;
    ts.from_sync_point = k_sync1;
    ts.to_sync_point = k_sync2;
    ts.loc = line(34);
    t.selections.push_back(ts);
    t.loc = line(31);
    media.transcripts.push_back(t);
    p.sources.push_back(media);

    Note n;
    n.guid = k_note;
    n.name = "Memo";
    n.plain_text_content = "Waiting is the main theme.";
    n.loc = line(40);
    p.notes.push_back(n);

    Link l;
    l.guid = k_link;
    l.direction = "OneWay";
    l.origin = k_note;
    l.target = k_selection;
    l.loc = line(44);
    p.links.push_back(l);

    Set set;
    set.guid = k_set;
    set.name = "Core";
    set.member_codes.push_back(ref(k_theme));
    set.member_sources.push_back(ref(k_source));
    set.member_notes.push_back(ref(k_note));
    set.loc = line(47);
    p.sets.push_back(set);

    Graph g;
    g.guid = k_graph;
    Vertex v1;
    v1.guid = k_vertex1;
    v1.represented = k_theme;
    v1.first_x = "10";
    v1.first_y = "-20";
    v1.shape = "Oval";
    Vertex v2 = v1;
    v2.guid = k_vertex2;
    v2.represented = k_domain;
    Edge e;
    e.guid = k_edge;
    e.source_vertex = k_vertex1;
    e.target_vertex = k_vertex2;
    e.line_style = "dashed";
    e.direction = "Associative";
    g.vertices = {v1, v2};
    g.edges = {e};
    g.loc = line(52);
    p.graphs.push_back(g);
    return p;
}

std::vector<Diagnostic> with_id(const Diagnostics& d, const std::string& id) {
    std::vector<Diagnostic> out;
    for (const auto& x : d.items())
        if (x.id == id) out.push_back(x);
    return out;
}

// Exactly one finding, with this id and severity; returns it for further checks.
Diagnostic only(const Diagnostics& d, const std::string& id, Severity severity) {
    INFO("findings:\n" << [&] {
        std::string s;
        for (const auto& x : d.items()) s += x.format() + "\n";
        return s;
    }());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].id == id);
    CHECK(d.items()[0].severity == severity);
    return d.items()[0];
}

Code& theme_of(Project& p) { return p.codes[0].children[0]; }
Selection& selection_of(Project& p) { return p.sources[0].selections[0]; }

}  // namespace

TEST_CASE("validate finds nothing wrong in a sound project", "[validate]") {
    Diagnostics d = validate(clean_project());
    for (const auto& x : d.items()) UNSCOPED_INFO(x.format());
    CHECK(d.items().empty());
}

TEST_CASE("validate reports a Code without guid or name as missing-attribute errors", "[validate]") {
    Project p = clean_project();
    theme_of(p).guid.clear();
    // The references to the theme dangle as a consequence (warnings); the one error is the missing guid.
    Diagnostics d = validate(p);
    CHECK(d.count(Severity::Error) == 1);
    REQUIRE(with_id(d, "missing-attribute").size() == 1);
    Diagnostic x = with_id(d, "missing-attribute")[0];
    CHECK(x.severity == Severity::Error);
    CHECK(x.loc.line == 8);
    CHECK(x.file == "project.qde");
    CHECK(x.message.find("<Code>") != std::string::npos);
    CHECK(x.message.find("@guid") != std::string::npos);

    p = clean_project();
    theme_of(p).name = "  ";
    CHECK(only(validate(p), "missing-attribute", Severity::Error).message.find("@name") != std::string::npos);

    p = clean_project();
    p.sets[0].name.clear();
    CHECK(only(validate(p), "missing-attribute", Severity::Error).loc.line == 47);

    p = clean_project();
    p.name.clear();
    CHECK(only(validate(p), "missing-attribute", Severity::Error).message.find("<Project>") != std::string::npos);

    p = clean_project();
    p.graphs[0].vertices[0].first_x.clear();
    CHECK(only(validate(p), "missing-attribute", Severity::Error).message.find("@firstX") != std::string::npos);
}

TEST_CASE("validate names the file label and the element's line and column", "[validate]") {
    Project p = clean_project();
    theme_of(p).color = "red";
    ValidateOptions options;
    options.file_label = "study.qdpx:project.qde";
    Diagnostic x = only(validate(p, options), "invalid-color", Severity::Error);
    CHECK(x.format().rfind("study.qdpx:project.qde:8:3: error[invalid-color]: ", 0) == 0);
}

TEST_CASE("validate checks GUIDType, RGBType and isCodable", "[validate]") {
    Project p = clean_project();
    theme_of(p).guid = "not-a-guid";
    // The code's own GUID is malformed, and the references to the old GUID now dangle: the error comes first.
    Diagnostics d = validate(p);
    REQUIRE(with_id(d, "invalid-guid").size() == 1);
    CHECK(with_id(d, "invalid-guid")[0].severity == Severity::Error);
    CHECK(with_id(d, "invalid-guid")[0].loc.line == 8);

    p = clean_project();
    p.sources[0].guid = "{" + k_source + "}";  // braces are allowed by the schema
    CHECK(validate(p).items().empty());

    p = clean_project();
    selection_of(p).codings[0].code = ref("0F2F5E41-8C0A-4C62-9C47-1D1B3F0A00GG");
    CHECK(only(validate(p), "invalid-guid", Severity::Error).message.find("<CodeRef>") != std::string::npos);

    for (const char* bad : {"#12", "#1234", "#GGG", "A0B1C2", "#a0b1c2d"}) {
        p = clean_project();
        theme_of(p).color = bad;
        CHECK(only(validate(p), "invalid-color", Severity::Error).message.find(bad) != std::string::npos);
    }
    p = clean_project();
    p.graphs[0].edges[0].color = "#xyz";
    only(validate(p), "invalid-color", Severity::Error);

    p = clean_project();
    theme_of(p).is_codable = "yes";
    only(validate(p), "invalid-boolean", Severity::Error);
    p = clean_project();
    theme_of(p).is_codable = "0";
    CHECK(validate(p).items().empty());
}

TEST_CASE("validate checks dates on projects, sources, selections and codings", "[validate]") {
    Project p = clean_project();
    p.creation_date_time = "2024-02-30T10:00:00Z";
    CHECK(only(validate(p), "invalid-date", Severity::Error).message.find("creationDateTime") != std::string::npos);

    p = clean_project();
    selection_of(p).codings[0].creation_date_time = "01/03/2024";
    CHECK(only(validate(p), "invalid-date", Severity::Error).loc.line == 24);

    p = clean_project();
    selection_of(p).authorship.modified_date_time = "2024-03-01 10:00:00";
    only(validate(p), "invalid-date", Severity::Error);
}

TEST_CASE("validate accepts and refuses the XSD lexical forms", "[validate]") {
    using namespace refi::detail;
    for (const char* ok : {"2024-03-01T10:00:00Z", "2024-03-01T10:00:00", "2024-03-01T10:00:00.5+01:00",
                           "2024-03-01T10:00:00.123456-05:30", "2024-02-29T23:59:59Z", "2024-03-01T24:00:00Z",
                           " 2024-03-01T10:00:00Z ", "-0044-03-15T12:00:00Z", "12024-01-01T00:00:00Z"})
        CHECK(is_xsd_date_time(ok));
    for (const char* bad : {"", "2024-03-01", "2024-3-01T10:00:00Z", "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z",
                            "2024-03-01T25:00:00Z", "2024-03-01T10:60:00Z", "2024-03-01T10:00:00.Z",
                            "2024-03-01T10:00:00+15:00", "2024-03-01T10:00:00z", "2024-03-01T24:00:01Z",
                            "0000-01-01T00:00:00Z", "02024-01-01T00:00:00Z", "2024-03-01T10:00:00+0100"})
        CHECK_FALSE(is_xsd_date_time(bad));
    CHECK(is_xsd_date("2024-03-01"));
    CHECK(is_xsd_date("2024-03-01Z"));
    CHECK(is_xsd_date("2024-03-01-05:00"));
    CHECK_FALSE(is_xsd_date("2024-03-01T00:00:00"));
    CHECK_FALSE(is_xsd_date("2024-04-31"));
    for (const char* ok : {"0", "-12", "+7", "123456789012345678901234567890"}) CHECK(is_xsd_integer(ok));
    for (const char* bad : {"", "-", "1.0", "1e3", "12a"}) CHECK_FALSE(is_xsd_integer(bad));
    for (const char* ok : {"0", "-1.5", "+.5", "3.", "42"}) CHECK(is_xsd_decimal(ok));
    for (const char* bad : {"", ".", "1e3", "1,5", "NaN", "INF"}) CHECK_FALSE(is_xsd_decimal(bad));
    for (const char* ok : {"true", "false", "1", "0"}) CHECK(is_xsd_boolean(ok));
    for (const char* bad : {"True", "yes", "", "2"}) CHECK_FALSE(is_xsd_boolean(bad));
    for (const char* ok : {"#fff", "#FFF", "#a0B1c2"}) CHECK(is_rgb_color(ok));
}

TEST_CASE("validate checks variable values against their element and their Variable's type", "[validate]") {
    Project p = clean_project();
    p.cases[0].variable_values[0].value = "forty";
    Diagnostic x = only(validate(p), "invalid-variable-value", Severity::Error);
    CHECK(x.loc.line == 17);
    CHECK(x.message.find("forty") != std::string::npos);

    // A well-formed value of the wrong type for its Variable still works as text: a warning.
    p = clean_project();
    p.cases[0].variable_values[0].kind = VariableType::Text;
    p.cases[0].variable_values[0].value = "42";
    x = only(validate(p), "invalid-variable-value", Severity::Warning);
    CHECK(x.message.find("Integer variable \"Age\"") != std::string::npos);

    for (auto [kind, bad] : std::vector<std::pair<VariableType, std::string>>{{VariableType::Boolean, "yes"},
                                                                              {VariableType::Float, "1e5"},
                                                                              {VariableType::Date, "2024-13-01"},
                                                                              {VariableType::DateTime, "2024-01-01"}}) {
        p = clean_project();
        p.variables[1].type = kind;
        p.cases[0].variable_values[1].kind = kind;
        p.cases[0].variable_values[1].value = bad;
        only(validate(p), "invalid-variable-value", Severity::Error);
    }

    // A VariableValue without a value element is allowed.
    p = clean_project();
    p.cases[0].variable_values[1].kind.reset();
    CHECK(validate(p).items().empty());
}

TEST_CASE("validate reports duplicate GUIDs across the whole project, ignoring case and braces", "[validate]") {
    Project p = clean_project();
    std::string lower = k_theme;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    p.notes[0].guid = "{" + lower + "}";  // the memo takes the theme's GUID
    p.notes[0].loc = line(40);
    Diagnostics d = validate(p);
    auto dup = with_id(d, "duplicate-guid");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].severity == Severity::Error);
    CHECK(dup[0].loc.line == 40);
    CHECK(dup[0].message.find("<Note") != std::string::npos);
    CHECK(dup[0].message.find("<Code> at line 8") != std::string::npos);

    p = clean_project();
    selection_of(p).codings[0].guid = k_selection;  // a coding reusing its selection's GUID
    CHECK(only(validate(p), "duplicate-guid", Severity::Error).loc.line == 24);
}

TEST_CASE("validate reports each kind of dangling reference as a warning", "[validate]") {
    struct Case_ {
        const char* what;
        std::function<void(Project&)> damage;
        const char* fragment;
    };
    std::vector<Case_> cases = {
        {"CodeRef in a Coding", [](Project& p) { selection_of(p).codings[0].code = ref(k_unknown); }, "<CodeRef>"},
        {"CodeRef in a Case", [](Project& p) { p.cases[0].code_refs[0] = ref(k_unknown); }, "<CodeRef>"},
        {"SourceRef", [](Project& p) { p.cases[0].source_refs[0] = ref(k_unknown); }, "<SourceRef>"},
        {"SelectionRef", [](Project& p) { p.cases[0].selection_refs[0] = ref(k_unknown); }, "<SelectionRef>"},
        {"NoteRef", [](Project& p) { theme_of(p).note_refs[0] = ref(k_unknown); }, "<NoteRef>"},
        {"MemberCode", [](Project& p) { p.sets[0].member_codes[0] = ref(k_unknown); }, "<MemberCode>"},
        {"MemberSource", [](Project& p) { p.sets[0].member_sources[0] = ref(k_unknown); }, "<MemberSource>"},
        {"MemberNote", [](Project& p) { p.sets[0].member_notes[0] = ref(k_unknown); }, "<MemberNote>"},
        {"VariableRef", [](Project& p) { p.cases[0].variable_values[1].variable = ref(k_unknown); }, "<VariableRef>"},
        {"Link origin", [](Project& p) { p.links[0].origin = k_unknown; }, "@originGUID"},
        {"Vertex representedGUID", [](Project& p) { p.graphs[0].vertices[0].represented = k_unknown; },
         "@representedGUID"},
        {"Edge sourceVertex", [](Project& p) { p.graphs[0].edges[0].source_vertex = k_unknown; }, "@sourceVertex"},
        {"creatingUser", [](Project& p) { p.sources[0].authorship.creating_user = k_unknown; }, "@creatingUser"},
        {"Project creatingUserGUID", [](Project& p) { p.creating_user = k_unknown; }, "@creatingUserGUID"},
        {"TranscriptSelection sync point",
         [](Project& p) { p.sources[1].transcripts[0].selections[0].to_sync_point = k_unknown; }, "@toSyncPoint"},
        // Pointing at an element of the wrong kind dangles as well.
        {"MemberNote naming a code", [](Project& p) { p.sets[0].member_notes[0] = ref(k_theme); }, "not a note"},
    };
    for (const auto& c : cases) {
        SECTION(c.what) {
            Project p = clean_project();
            c.damage(p);
            Diagnostic x = only(validate(p), "dangling-reference", Severity::Warning);
            CHECK(x.message.find(c.fragment) != std::string::npos);
        }
    }
}

TEST_CASE("validate explains a CodeRef that names a Case (NVivo) as a warning", "[validate]") {
    Project p = clean_project();
    selection_of(p).codings[0].code = ref(k_case);
    Diagnostic x = only(validate(p), "dangling-reference", Severity::Warning);
    CHECK(x.message.find("NVivo") != std::string::npos);
}

TEST_CASE("validate reports a sync point of another transcript", "[validate]") {
    Project p = clean_project();
    Transcript other;
    other.guid = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0100";
    other.sync_points.push_back(SyncPoint{"0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0101", "0", "0", {}, line(60)});
    p.sources[1].transcripts.push_back(other);
    p.sources[1].transcripts[0].selections[0].from_sync_point = other.sync_points[0].guid;
    CHECK(only(validate(p), "dangling-reference", Severity::Warning).message.find("another transcript") !=
          std::string::npos);
}

TEST_CASE("validate checks selection positions against the text in code points", "[validate]") {
    Project p = clean_project();
    selection_of(p).end = 36;  // one past the 35 code points (but equal to the 36 bytes)
    Diagnostic x = only(validate(p), "position-out-of-range", Severity::Error);
    CHECK(x.loc.line == 23);
    CHECK(x.message.find("35 characters") != std::string::npos);

    p = clean_project();
    selection_of(p).start = -1;
    only(validate(p), "position-out-of-range", Severity::Error);

    p = clean_project();
    selection_of(p).start = 20;
    selection_of(p).end = 10;
    only(validate(p), "position-inverted", Severity::Error);

    // Without loading text, only the structural checks run.
    p = clean_project();
    selection_of(p).end = 100;
    ValidateOptions options;
    options.check_text = false;
    CHECK(validate(p, options).items().empty());

    p = clean_project();
    Selection audio;
    audio.kind = SelectionKind::Audio;
    audio.guid = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0200";
    audio.set_geometry().begin = 5000;
    audio.set_geometry().finish = 1000;
    p.sources[1].selections.push_back(audio);
    only(validate(p), "position-inverted", Severity::Error);
}

TEST_CASE("validate checks integers, enumerations and empty containers", "[validate]") {
    Project p = clean_project();
    p.graphs[0].vertices[1].second_y = "3.5";
    only(validate(p), "invalid-number", Severity::Error);

    p = clean_project();
    p.sources[1].transcripts[0].sync_points[1].time_stamp = "1.5s";
    only(validate(p), "invalid-number", Severity::Error);

    p = clean_project();
    p.links[0].direction = "Oneway";
    only(validate(p), "invalid-enumeration", Severity::Error);
    p = clean_project();
    p.graphs[0].vertices[0].shape = "Circle";
    only(validate(p), "invalid-enumeration", Severity::Error);

    p = clean_project();
    p.codes.clear();
    p.sets[0].member_codes.clear();
    p.cases[0].code_refs.clear();
    p.sources[0].selections[0].codings.clear();
    p.graphs.clear();
    only(validate(p), "empty-container", Severity::Warning);
}

namespace {
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() / ("framer-validate-" + refi::make_guid());
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};
}  // namespace

TEST_CASE("validate warns about absent external files and reports non-UTF-8 text as an error", "[validate]") {
    TempDir dir;
    Project p = clean_project();
    p.base_path = dir.path.string();
    p.sources[1].path = "relative:///missing.m4a";
    Diagnostic x = only(validate(p), "missing-source-file", Severity::Warning);
    CHECK(x.message.find("missing.m4a") != std::string::npos);
    CHECK(x.loc.line == 30);

    { std::ofstream(dir.path / "present.m4a") << "x"; }
    p.sources[1].path = "relative:///present.m4a";
    CHECK(validate(p).items().empty());

    p.sources[1].path = "absolute://" + (dir.path / "gone.mp4").string();
    only(validate(p), "missing-source-file", Severity::Warning);
    p.sources[1].path.reset();

    // A text source whose file is absent: a warning, and its positions cannot be checked.
    p.sources[0].plain_text_content.reset();
    p.sources[0].plain_text_path = "relative:///P01.txt";
    x = only(validate(p), "missing-source-file", Severity::Warning);
    CHECK(x.message.find("P01.txt") != std::string::npos);

    // Present and valid: positions are checked against the file's text.
    { std::ofstream(dir.path / "P01.txt", std::ios::binary) << "\xEF\xBB\xBF" << "short"; }  // BOM not counted
    x = only(validate(p), "position-out-of-range", Severity::Error);
    CHECK(x.message.find("5 characters") != std::string::npos);

    // Latin-1 bytes: an error naming the element, and the rest of the project is still checked.
    { std::ofstream(dir.path / "P01.txt", std::ios::binary) << "Ca a pris des mois \xE9t\xE9 wait 12 weeks."; }
    theme_of(p).color = "blue";
    Diagnostics d = validate(p);
    REQUIRE(with_id(d, "invalid-utf8").size() == 1);
    CHECK(with_id(d, "invalid-utf8")[0].severity == Severity::Error);
    CHECK(with_id(d, "invalid-utf8")[0].loc.line == 22);
    CHECK(with_id(d, "invalid-utf8")[0].message.find("P01.txt") != std::string::npos);
    CHECK(with_id(d, "invalid-color").size() == 1);
    CHECK(d.items().size() == 2);
}

TEST_CASE("validate lists findings in file order", "[validate]") {
    Project p = clean_project();
    p.graphs[0].edges[0].line_style = "wavy";
    p.graphs[0].edges[0].loc = line(55);
    theme_of(p).color = "blue";
    Diagnostics d = validate(p);
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].loc.line == 8);
    CHECK(d.items()[1].loc.line == 55);
}

TEST_CASE("validate accepts ATLAS.ti's mirrored PDF selections but not other reuse of their GUIDs", "[validate]") {
    Project p = clean_project();
    Source pdf;
    pdf.kind = SourceKind::PDF;
    pdf.guid = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0300";
    Selection quote;
    quote.kind = SelectionKind::PDF;
    quote.guid = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0301";
    quote.loc = line(70);
    pdf.selections.push_back(quote);
    Source& text = pdf.representation.emplace();
    text.guid = "0F2F5E41-8C0A-4C62-9C47-1D1B3F0A0302";
    text.plain_text_content = "favoritos";
    Selection mirror;
    mirror.guid = quote.guid;
    mirror.end = 9;
    mirror.loc = line(75);
    text.selections.push_back(mirror);
    p.sources.push_back(pdf);
    Diagnostic x = only(validate(p), "mirrored-selection", Severity::Info);
    CHECK(x.loc.line == 75);

    // The same GUID on a selection of another source is a real duplicate.
    p.sources[0].selections[0].guid = quote.guid;
    p.cases[0].selection_refs.clear();
    p.links[0].target = quote.guid;
    CHECK(with_id(validate(p), "duplicate-guid").size() == 1);
}

namespace {
// An archive stand-in: a few internal files, one of which cannot be read (corrupt in the zip).
class FakeStore : public refi::SourceStore {
public:
    std::vector<std::string> entries() const override { return {"sources/P01.txt", "sources/broken.txt"}; }
    std::optional<std::string> find_internal(const std::string& name) const override {
        for (const auto& e : entries())
            if (e == "sources/" + name) return e;
        return std::nullopt;
    }
    std::optional<std::uint64_t> size(const std::string&) const override { return 5; }
    std::string read(const std::string& entry, std::uint64_t) const override {
        if (entry == "sources/broken.txt")
            throw refi::Error("study.qdpx:" + entry, {}, "corrupt or truncated data: Zlib error");
        return "Hello";
    }
    std::string origin_path() const override { return "study.qdpx"; }
};
}  // namespace

TEST_CASE("validate looks internal files up in the project's archive", "[validate]") {
    Project p = clean_project();
    p.store = std::make_shared<FakeStore>();
    p.sources[0].plain_text_content.reset();
    p.sources[0].plain_text_path = "internal://P01.txt";
    p.sources[0].rich_text_path = "internal://P01.docx";  // not in the archive
    selection_of(p).end = 5;
    Diagnostic x = only(validate(p), "missing-source-file", Severity::Warning);
    CHECK(x.message.find("@richTextPath") != std::string::npos);
    CHECK(x.message.find("P01.docx") != std::string::npos);

    p.sources[0].rich_text_path.reset();
    selection_of(p).end = 6;  // "Hello" has 5 characters
    only(validate(p), "position-out-of-range", Severity::Error);

    selection_of(p).end = 5;
    p.sources[0].plain_text_path = "internal://broken.txt";
    x = only(validate(p), "unreadable-source-file", Severity::Error);
    CHECK(x.message.find("broken.txt") != std::string::npos);
    CHECK(x.loc.line == 22);
}

TEST_CASE("validate reports every repeat of a GUID, malformed ones included, against the first", "[validate]") {
    Project p = clean_project();
    Code extra = theme_of(p);
    extra.children.clear();
    extra.note_refs.clear();
    for (std::uint32_t l : {90u, 91u}) {
        extra.loc = line(l);
        p.codes.push_back(extra);  // the theme's GUID twice more
    }
    Code odd;
    odd.guid = "not-a-guid";
    odd.name = "odd";
    for (std::uint32_t l : {95u, 96u}) {
        odd.loc = line(l);
        p.codes.push_back(odd);
    }
    Diagnostics d = validate(p);
    auto dup = with_id(d, "duplicate-guid");
    REQUIRE(dup.size() == 3);
    CHECK(dup[0].loc.line == 90);
    CHECK(dup[0].message.find("<Code> at line 8") != std::string::npos);
    CHECK(dup[1].loc.line == 91);
    CHECK(dup[1].message.find("<Code> at line 8") != std::string::npos);
    CHECK(dup[2].loc.line == 96);
    CHECK(dup[2].message.find("<Code> at line 95") != std::string::npos);
    CHECK(with_id(d, "invalid-guid").size() == 2);
    CHECK(d.items().size() == 5);
}

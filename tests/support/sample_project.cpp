// A project built in code that uses every element of the schema (see sample_project.hpp).
#include "support/sample_project.hpp"

#include <fmt/format.h>

namespace framer::test {

using namespace refi;

std::string test_guid(int n) { return fmt::format("00000000-0000-4000-8000-{:012X}", n); }

namespace {

Ref ref(int n) { return Ref{test_guid(n), {}, {}}; }

Coding coding(int guid, int code) {
    Coding c;
    c.guid = test_guid(guid);
    c.creating_user = test_guid(1);
    c.creation_date_time = "2024-01-02T03:04:05Z";
    c.code = ref(code);
    return c;
}

Selection selection(SelectionKind kind, int guid, int code) {
    Selection s;
    s.kind = kind;
    s.guid = test_guid(guid);
    s.name = fmt::format("selection {}", guid);
    s.authorship.creating_user = test_guid(1);
    s.authorship.creation_date_time = "2024-01-02T03:04:05Z";
    s.codings.push_back(coding(guid + 1000, code));
    return s;
}

VariableValue value(int variable, VariableType kind, std::string v) {
    VariableValue x;
    x.variable = ref(variable);
    x.kind = kind;
    x.value = std::move(v);
    return x;
}

}  // namespace

Project make_full_project() {
    Project p;
    p.name = "Full project";
    p.origin = "Framer tests";
    p.creating_user = test_guid(1);
    p.creation_date_time = "2024-01-01T00:00:00Z";
    p.modifying_user = test_guid(2);
    p.modified_date_time = "2024-01-02T00:00:00Z";
    p.base_path = "/data/study";

    p.users.push_back({test_guid(1), "Ana", "AN", {}, {}});
    p.users.push_back({test_guid(2), "Bo", std::nullopt, {}, {}});

    p.has_codebook = true;
    Code domain;
    domain.guid = test_guid(10);
    domain.name = "Domain";
    domain.is_codable = "false";
    domain.color = "#FF0000";
    domain.description = "a category";
    domain.note_refs.push_back(ref(90));
    Code theme;
    theme.guid = test_guid(11);
    theme.name = "Theme";
    Code sub;
    sub.guid = test_guid(12);
    sub.name = "Subtheme";
    sub.color = "#0f0";
    theme.children.push_back(sub);
    domain.children.push_back(theme);
    p.codes.push_back(domain);
    Code other;
    other.guid = test_guid(13);
    other.name = "Other";
    p.codes.push_back(other);

    const VariableType types[] = {VariableType::Text, VariableType::Boolean, VariableType::Integer,
                                  VariableType::Float, VariableType::Date, VariableType::DateTime};
    for (int i = 0; i < 6; ++i) {
        Variable v;
        v.guid = test_guid(20 + i);
        v.name = fmt::format("var{}", i);
        v.type = types[i];
        if (i == 0) v.description = "free text";
        p.variables.push_back(v);
    }

    Case c;
    c.guid = test_guid(30);
    c.name = "P01";
    c.description = "participant one";
    c.code_refs.push_back(ref(13));
    c.variable_values.push_back(value(20, VariableType::Text, "urban"));
    c.variable_values.push_back(value(21, VariableType::Boolean, "true"));
    c.variable_values.push_back(value(22, VariableType::Integer, "42"));
    c.variable_values.push_back(value(23, VariableType::Float, "3.25"));
    c.variable_values.push_back(value(24, VariableType::Date, "2024-05-06"));
    c.variable_values.push_back(value(25, VariableType::DateTime, "2024-05-06T07:08:09Z"));
    VariableValue absent;
    absent.variable = ref(20);
    c.variable_values.push_back(absent);
    c.source_refs.push_back(ref(40));
    c.selection_refs.push_back(ref(41));
    p.cases.push_back(c);

    Source text;
    text.kind = SourceKind::Text;
    text.guid = test_guid(40);
    text.name = "Interview 1";
    text.plain_text_content = "I like tea.\nAnd cake.";
    text.authorship = {test_guid(1), "2024-01-01T00:00:00Z", test_guid(2), "2024-01-02T00:00:00Z"};
    text.description = "first interview";
    Selection s1 = selection(SelectionKind::PlainText, 41, 12);
    s1.start = 2;
    s1.end = 10;
    s1.description = "liking";
    s1.note_refs.push_back(ref(90));
    text.selections.push_back(s1);
    text.codings.push_back(coding(42, 13));
    text.note_refs.push_back(ref(90));
    text.variable_values.push_back(value(20, VariableType::Text, "on the source"));
    p.sources.push_back(text);

    Source picture;
    picture.kind = SourceKind::Picture;
    picture.guid = test_guid(50);
    picture.name = "Photo";
    picture.path = "internal://" + test_guid(50) + ".png";
    picture.current_path = "absolute:///C:/photos/photo.png";
    picture.text_description.emplace();
    picture.text_description->guid = test_guid(51);
    picture.text_description->plain_text_content = "a cup";
    Selection ps = selection(SelectionKind::Picture, 52, 12);
    ps.set_geometry() = {.first_x = 1, .first_y = 2, .second_x = 30, .second_y = 40};
    picture.selections.push_back(ps);
    p.sources.push_back(picture);

    Source pdf;
    pdf.kind = SourceKind::PDF;
    pdf.guid = test_guid(60);
    pdf.path = "relative:///docs/a.pdf";
    Selection pdfs = selection(SelectionKind::PDF, 61, 11);
    pdfs.set_geometry() = {.page = 0, .first_x = 10, .first_y = 20, .second_x = 300, .second_y = 400};
    pdfs.description = "a box";
    pdfs.representation.emplace();
    pdfs.representation->guid = test_guid(62);
    pdfs.representation->plain_text_content = "boxed words";
    pdf.selections.push_back(pdfs);
    pdf.representation.emplace();
    pdf.representation->guid = test_guid(63);
    pdf.representation->plain_text_content = "the whole pdf text";
    Selection rs = selection(SelectionKind::PlainText, 64, 11);
    rs.start = 4, rs.end = 9;
    pdf.representation->selections.push_back(rs);
    p.sources.push_back(pdf);

    Source audio;
    audio.kind = SourceKind::Audio;
    audio.guid = test_guid(70);
    audio.name = "";
    audio.path = "relative:///media/a.m4a";
    Transcript t;
    t.guid = test_guid(71);
    t.name = "transcript";
    t.plain_text_content = "hello there";
    t.sync_points.push_back({test_guid(72), "0", "0", {}, {}});
    t.sync_points.push_back({test_guid(73), "1500", "5", {}, {}});
    Selection ts = selection(SelectionKind::Transcript, 74, 12);
    ts.from_sync_point = test_guid(72);
    ts.to_sync_point = test_guid(73);
    t.selections.push_back(ts);
    t.note_refs.push_back(ref(90));
    audio.transcripts.push_back(t);
    Selection as = selection(SelectionKind::Audio, 75, 12);
    as.set_geometry() = {.begin = 100, .finish = 2000};
    audio.selections.push_back(as);
    p.sources.push_back(audio);

    Source video;
    video.kind = SourceKind::Video;
    video.guid = test_guid(80);
    video.path = "absolute:///C:/media/v.mp4";
    Selection vs = selection(SelectionKind::Video, 81, 13);
    vs.set_geometry() = {.begin = 0, .finish = 500};
    video.selections.push_back(vs);
    video.codings.push_back(coding(82, 13));
    p.sources.push_back(video);

    Note note;
    note.guid = test_guid(90);
    note.name = "Memo";
    note.plain_text_content = "memo text about tea";
    Selection ns = selection(SelectionKind::PlainText, 91, 12);
    ns.start = 0, ns.end = 4;
    note.selections.push_back(ns);
    p.notes.push_back(note);

    Link link;
    link.guid = test_guid(100);
    link.name = "supports";
    link.direction = "OneWay";
    link.color = "#123456";
    link.origin = test_guid(90);
    link.target = test_guid(41);
    link.note_refs.push_back(ref(90));
    p.links.push_back(link);

    Set set;
    set.guid = test_guid(110);
    set.name = "Set A";
    set.description = "members";
    set.member_codes.push_back(ref(11));
    set.member_sources.push_back(ref(40));
    set.member_notes.push_back(ref(90));
    p.sets.push_back(set);

    Graph g;
    g.guid = test_guid(120);
    g.name = "Map";
    g.vertices.push_back({test_guid(121), test_guid(10), "Domain", "0", "0", "100", "50", "Oval", "#ABCDEF", {}, {}});
    g.vertices.push_back({test_guid(122), std::nullopt, std::nullopt, "200", "0", std::nullopt, std::nullopt,
                          std::nullopt, std::nullopt, {}, {}});
    g.edges.push_back({test_guid(123), std::nullopt, "edge", test_guid(121), test_guid(122), "#000000", "OneWay",
                       "dashed", {}, {}});
    p.graphs.push_back(g);

    p.description = "A project with everything.";
    p.note_refs.push_back(ref(90));
    return p;
}

}  // namespace framer::test

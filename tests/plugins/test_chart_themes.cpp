// The chart leaves no coding out: by default and with --flat every coding of every unit appears in a column of its
// own code; with --theme the chart says how many codings it leaves out. Checked on the built chart project, on
// every sample and on the ATLAS.ti corpus project.
#include <catch2/catch.hpp>

#include <set>

#include "chart_test_support.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/io.hpp"

using framer::Json;
using framer::Options;
using framer::test::g;
using framer::test::make_chart_project;
using framer::test::run_chart;

namespace {

using Pair = std::pair<std::string, std::string>;  // (the coded thing, the normalised code GUID)

std::string sel_key(const std::string& guid) { return "selection " + refi::normalize_guid(guid); }
std::string src_key(const std::string& guid) { return "source " + refi::normalize_guid(guid); }

void add_selection_codings(const refi::Selection& s, const refi::ProjectIndex& index, std::set<Pair>& out) {
    for (const auto& c : s.codings)
        if (index.find_code(c.code.target)) out.emplace(sel_key(s.guid), refi::normalize_guid(c.code.target));
}

void add_text_codings(const refi::Source& holder, const refi::ProjectIndex& index, std::set<Pair>& out) {
    for (const auto& s : holder.selections) add_selection_codings(s, index, out);
}

/// Every coding of every source whose CodeRef names a code of the codebook, walked here from the model.
std::set<Pair> project_codings(const refi::Project& p) {
    refi::ProjectIndex index(p);
    std::set<Pair> out;
    for (const auto& s : p.sources) {
        for (const auto& c : s.codings)
            if (index.find_code(c.code.target)) out.emplace(src_key(s.guid), refi::normalize_guid(c.code.target));
        add_text_codings(s, index, out);
        if (s.representation) add_text_codings(*s.representation, index, out);
        if (s.text_description) add_text_codings(*s.text_description, index, out);
        for (const auto& t : s.transcripts)
            for (const auto& sel : t.selections) add_selection_codings(sel, index, out);
    }
    return out;
}

/// (the coded thing, the column's code) for every excerpt of every cell of the chart's json.
std::set<Pair> charted(const Json& json) {
    std::set<Pair> out;
    for (const auto& theme : json.at("themes").as_array())
        for (const auto& row : theme.at("rows").as_array())
            for (const auto& cell : row.at("cells").as_array())
                for (const auto& e : cell.at("excerpts").as_array()) {
                    std::string sel = e.at("selection_guid").as_string();
                    std::string what = !sel.empty() ? sel_key(sel) : src_key(e.at("source_guid").as_string());
                    out.emplace(what, refi::normalize_guid(cell.at("code_guid").as_string()));
                    // A range two coders selected shows once; the other selections are listed with it.
                    if (e.contains("merged_selection_guids"))
                        for (const auto& g : e.at("merged_selection_guids").as_array())
                            out.emplace(sel_key(g.as_string()), refi::normalize_guid(cell.at("code_guid").as_string()));
                }
    return out;
}

/// Every coding is in a column of its own code, and every excerpt of a column is coded there or below.
void check_covers_every_coding(const refi::Project& p, const Options& options) {
    refi::ProjectIndex index(p);
    Options o = options;
    o.set("unit", "source");  // every source is a unit: the chart's rows hold every coding of the project
    auto result = run_chart(p, o);
    std::set<Pair> codings = project_codings(p);
    std::set<Pair> shown = charted(result.json);
    std::vector<Pair> missing;
    for (const auto& c : codings)
        if (!shown.count(c)) missing.push_back(c);
    INFO(missing.size() << " of " << codings.size() << " codings in no column of their code"
                        << (missing.empty() ? "" : ", first: " + missing[0].first + " " + missing[0].second));
    CHECK(missing.empty());
    // Nothing invented: each shown pair is a coding of that code or of a code below it.
    for (const auto& [what, column] : shown) {
        bool found = false;
        for (auto it = codings.lower_bound({what, ""}); it != codings.end() && it->first == what && !found; ++it) {
            const refi::Code* code = index.find_code(it->second);
            for (const auto* c : index.path_of(*code)) found = found || refi::normalize_guid(c->guid) == column;
        }
        INFO(what << " in column " << column);
        CHECK(found);
    }
    CHECK(result.warnings.empty());
    CHECK_FALSE(codings.empty());
}

std::vector<std::filesystem::path> projects() {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(FRAMER_SOURCE_DIR) / "samples", ec))
        if (e.path().extension() == ".qdpx") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    auto corpus = std::filesystem::path(FRAMER_SHARED_DIR) / "corpus" / "refi-standard-project.atlasti.qde";
    if (std::filesystem::exists(corpus))
        out.push_back(corpus);
    else
        WARN("../shared/corpus/refi-standard-project.atlasti.qde not present; the corpus project is skipped");
    return out;
}

}  // namespace

TEST_CASE("The default chart and --flat chart every coding of the chart project in a column of its code",
          "[chart][themes]") {
    check_covers_every_coding(make_chart_project(), {});
    Options flat;
    flat.set("flat", "1");
    check_covers_every_coding(make_chart_project(), flat);
}

TEST_CASE("The default chart and --flat chart every coding of every sample and of the ATLAS.ti corpus project",
          "[chart][themes][samples]") {
    auto paths = projects();
    REQUIRE_FALSE(paths.empty());
    for (const auto& path : paths) {
        INFO(path.filename().string());
        refi::Diagnostics d;
        refi::Project p = refi::read_project(path, d);
        check_covers_every_coding(p, {});
        Options flat;
        flat.set("flat", "1");
        check_covers_every_coding(p, flat);
    }
}

TEST_CASE("Top-level codes without children are gathered in one matrix beside the themes", "[chart][themes]") {
    auto p = make_chart_project();
    refi::Code lone;
    lone.guid = g("code:Lone");
    lone.name = "Lone";
    p.codes.push_back(lone);
    refi::Selection sel;
    sel.guid = g("sel:lone");
    sel.start = 0;
    sel.end = 4;
    refi::Coding c;
    c.guid = g("coding:lone");
    c.code.target = lone.guid;
    sel.codings.push_back(c);
    p.sources[3].selections.push_back(sel);  // P3
    auto result = run_chart(p);
    const auto& themes = result.json.at("themes").as_array();
    REQUIRE(themes.size() == 5);
    CHECK(themes.back().at("code").as_string() == "Top-level codes");
    CHECK(themes.back().at("guid").as_string().empty());
    REQUIRE(themes.back().at("columns").size() == 1);
    CHECK(themes.back().at("columns").as_array()[0].at("code").as_string() == "Lone");
    check_covers_every_coding(p, {});
}

TEST_CASE("A chart of chosen themes says in its notes and warnings how many codings it leaves out",
          "[chart][themes]") {
    Options o;
    o.add("theme", "Other");
    auto result = run_chart(make_chart_project(), o);
    // Left out: S2, S1x, S1 and Theme (one coding each); charted: O1, O2.
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].find("4 codings of the cases appear in no matrix") != std::string::npos);
    CHECK(result.warnings[0].find("--theme") != std::string::npos);
    CHECK(std::find(result.notes.begin(), result.notes.end(), result.warnings[0]) != result.notes.end());
    Options all;
    all.add("theme", "Domain");
    all.add("theme", "Other");
    CHECK(run_chart(make_chart_project(), all).warnings.empty());
}

TEST_CASE("A coding whose CodeRef names no code is counted as left out of the chart", "[chart][themes]") {
    auto p = make_chart_project();
    p.sources[1].selections[0].codings[0].code.target = g("code:gone");
    auto result = run_chart(p);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].find("1 coding of the cases appears in no matrix: their CodeRef names no code") !=
          std::string::npos);
}

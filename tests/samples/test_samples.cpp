// The bundled samples (samples/README.md): they cannot drift from their generator, they read back clean, and
// seed-table2.qdpx reproduces the seed paper's Table 2 counts, recounted here from the model.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/json.hpp"
#include "refi/index.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "refi/validate.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path samples_dir = fs::path(FRAMER_SOURCE_DIR) / "samples";
const char* sample_names[] = {"recovery-study.qdpx", "recovery-study-maxqda.qdpx", "recovery-study-nvivo.qdpx",
                              "seed-table2.qdpx"};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

refi::Project read_sample(const std::string& name) {
    refi::Diagnostics d;
    refi::Project p = refi::read_project(samples_dir / name, d);
    INFO(name);
    for (const auto& item : d.items()) UNSCOPED_INFO(item.format());
    CHECK(d.count(refi::Severity::Error) == 0);
    CHECK(d.count(refi::Severity::Warning) == 0);
    return p;
}

/// One CSV record (RFC 4180 quoting; no embedded newlines in this file).
std::vector<std::string> parse_csv_line(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
            else if (c == '"') quoted = false;
            else out.back() += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') out.emplace_back();
        else if (c != '\r') out.back() += c;
    }
    return out;
}

std::string value_of(const refi::ProjectIndex& index, const std::vector<refi::VariableValue>& values,
                     const std::string& variable) {
    for (const auto& v : values) {
        const refi::Variable* var = index.find_variable(v.variable.target);
        if (var && var->name == variable) return v.value;
    }
    return {};
}

std::string path_string(const refi::ProjectIndex& index, const refi::Code& code) {
    std::string out;
    for (const refi::Code* c : index.path_of(code)) out += (out.empty() ? "" : " > ") + c->name;
    return out;
}

}  // namespace

TEST_CASE("framer-make-samples rewrites every committed sample byte for byte", "[samples]") {
#ifndef FRAMER_MAKE_SAMPLES
    WARN("framer-make-samples is not built (no writer in the tree); skipping");
#else
    fs::path out = fs::temp_directory_path() / ("framer-samples-test-" + std::to_string(::getpid()));
    fs::remove_all(out);
    std::string cmd = std::string("\"") + FRAMER_MAKE_SAMPLES + "\" \"" + out.string() + "\" > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    for (const char* name : sample_names) {
        INFO(name << ": regenerate with `framer-make-samples samples` and commit");
        REQUIRE(fs::exists(samples_dir / name));
        CHECK(slurp(out / name) == slurp(samples_dir / name));
    }
    fs::remove_all(out);
#endif
}

TEST_CASE("Every sample reads back and validates without errors", "[samples]") {
    for (const char* name : sample_names) {
        INFO(name);
        refi::Project p = read_sample(name);
        refi::Diagnostics d = refi::validate(p);
        for (const auto& item : d.items()) UNSCOPED_INFO(item.format());
        CHECK_FALSE(d.has_errors());
        CHECK_FALSE(d.has_warnings());
        CHECK(p.sources.size() >= 12);
    }
}

TEST_CASE("The three styles of the recovery study code the same words", "[samples]") {
    // Each dialect counts positions its own way (NVivo: UTF-16 units); read back, every coding must cover the
    // same text in every style, and that text is the phrase the generator was asked to code.
    auto excerpts = [](const std::string& name) {
        refi::Project p = read_sample(name);
        refi::ProjectIndex index(p);
        std::multiset<std::string> out;
        for (const auto& s : p.sources) {
            auto text = refi::load_plain_text(p, s);
            REQUIRE(text);
            for (const auto& sel : s.selections)
                for (const auto& c : sel.codings) {
                    const refi::Code* code = index.find_code(c.code.target);
                    REQUIRE(code);
                    const refi::User* user = index.find_user(c.creating_user.value_or(""));
                    REQUIRE(user);
                    out.insert(*s.name + "|" + code->name + "|" + user->name.value_or("") + "|" +
                               std::string(refi::substr_code_points(*text, sel.start, sel.end)));
                }
        }
        return out;
    };
    auto standard = excerpts("recovery-study.qdpx");
    CHECK(standard.size() == 67);
    CHECK(standard.count("SU22|Managing difficult thoughts|Marta Núñez|I’m challenging my own thoughts a lot more") == 1);
    CHECK(standard.count("T2|Opening up and trusting others|Daniel Okoro|opening up and trusting someone takes months") == 1);
    CHECK(excerpts("recovery-study-maxqda.qdpx") == standard);
    CHECK(excerpts("recovery-study-nvivo.qdpx") == standard);
}

TEST_CASE("The recovery study samples carry each tool's conventions", "[samples]") {
    refi::Project standard = read_sample("recovery-study.qdpx");
    refi::Project maxqda = read_sample("recovery-study-maxqda.qdpx");
    refi::Project nvivo = read_sample("recovery-study-nvivo.qdpx");
    CHECK(standard.cases.size() == 12);
    CHECK(maxqda.cases.empty());
    CHECK(maxqda.dialect == refi::Dialect::Maxqda);
    CHECK(nvivo.dialect == refi::Dialect::Nvivo);
    for (const auto& s : maxqda.sources) CHECK(s.variable_values.size() >= 8);
    for (const auto& c : maxqda.codes[0].children) {
        REQUIRE(c.color);
        CHECK(c.color->find_first_of("ABCDEF") == std::string::npos);  // MAXQDA writes lowercase colours
    }
    for (const auto& s : nvivo.sources) CHECK(s.guid.find_first_of("ABCDEF") == std::string::npos);
    // The one CRLF transcript, the emoji, an uncoded commented selection, a whole-source coding, a memo, sets.
    refi::ProjectIndex index(standard);
    int crlf = 0, comments = 0, whole = 0;
    bool emoji = false;
    for (const auto& s : standard.sources) {
        auto text = refi::load_plain_text(standard, s);
        REQUIRE(text);
        if (text->find("\r\n") != std::string::npos) ++crlf;
        if (text->find("\xF0\x9F\x99\x82") != std::string::npos) emoji = true;
        for (const auto& sel : s.selections)
            if (sel.codings.empty() && sel.description) ++comments;
        whole += static_cast<int>(s.codings.size());
    }
    CHECK(crlf == 1);
    CHECK(emoji);
    CHECK(comments == 1);
    CHECK(whole == 1);
    REQUIRE(standard.notes.size() == 1);
    CHECK(standard.notes[0].plain_text_content);
    CHECK(standard.sets.size() == 2);
    CHECK(standard.users.size() == 2);
}

TEST_CASE("seed-table2.qdpx reproduces every count of the seed paper's Table 2", "[samples]") {
    refi::Project p = read_sample("seed-table2.qdpx");
    refi::ProjectIndex index(p);

    // Participants per group, and who is in group therapy (footnote b's subgroup).
    std::map<std::string, std::string> role_of_case;
    std::map<std::string, bool> group_therapy;
    std::map<std::string, int> group_size, gt_size;
    for (const auto& c : p.cases) {
        std::string role = value_of(index, c.variable_values, "Role");
        role_of_case[c.guid] = role;
        group_therapy[c.guid] = value_of(index, c.variable_values, "Group therapy") == "Yes";
        ++group_size[role];
        if (group_therapy[c.guid]) ++gt_size[role];
    }
    CHECK(group_size["Service user"] == 48);
    CHECK(group_size["Therapist"] == 15);
    CHECK(gt_size["Service user"] == 34);
    CHECK(gt_size["Therapist"] == 8);

    // Participants per code path, a code counting its descendants' codings (distinct cases, never segments).
    std::map<std::string, std::map<std::string, std::set<std::string>>> holders;  // path -> role -> cases
    for (const auto& c : p.cases)
        for (const auto& ref : c.source_refs) {
            const refi::Source* s = index.find_source(ref.target);
            REQUIRE(s);
            auto count = [&](const refi::Coding& coding) {
                const refi::Code* code = index.find_code(coding.code.target);
                REQUIRE(code);
                for (const refi::Code* up = code; up; up = index.parent_of(*up))
                    holders[path_string(index, *up)][role_of_case[c.guid]].insert(c.guid);
            };
            for (const auto& sel : s->selections)
                for (const auto& coding : sel.codings) count(coding);
            for (const auto& coding : s->codings) count(coding);
        }

    std::ifstream csv(samples_dir / "seed-table2.expected.csv");
    std::string line;
    std::getline(csv, line);
    CHECK(parse_csv_line(line) == std::vector<std::string>{"path", "total_n", "service_users_n", "therapists_n",
                                                           "base", "service_users_base", "therapists_base"});
    int rows = 0;
    while (std::getline(csv, line)) {
        if (line.empty()) continue;
        auto f = parse_csv_line(line);
        REQUIRE(f.size() == 7);
        INFO(f[0]);
        ++rows;
        const auto& h = holders[f[0]];
        std::size_t su = h.count("Service user") ? h.at("Service user").size() : 0;
        std::size_t th = h.count("Therapist") ? h.at("Therapist").size() : 0;
        CHECK(su == std::stoul(f[2]));
        CHECK(th == std::stoul(f[3]));
        CHECK(su + th == std::stoul(f[1]));
        // A row on the group-therapy subgroup: only participants of the subgroup hold it.
        if (std::stoi(f[4]) != 63) {
            CHECK(std::stoi(f[5]) == gt_size["Service user"]);
            CHECK(std::stoi(f[6]) == gt_size["Therapist"]);
            for (const auto& [role, cases] : h)
                for (const auto& g : cases) CHECK(group_therapy[g]);
        }
    }
    CHECK(rows == 33);  // the paper's 7 themes and 26 subthemes
}

TEST_CASE("The benchmark's Python reference reproduces Table 2 from seed-table2.qdpx", "[samples][bench]") {
    // bench/tabulate_reference.py is the yardstick framer-bench checks tabulate against; check the yardstick
    // itself against the hand-transcribed table.
    if (std::system("command -v python3 > /dev/null 2>&1") != 0) {
        WARN("python3 not found; skipping");
        return;
    }
    fs::path out = fs::temp_directory_path() / ("framer-tabulate-reference-" + std::to_string(::getpid()) + ".json");
    std::string cmd = "python3 \"" + (fs::path(FRAMER_SOURCE_DIR) / "bench" / "tabulate_reference.py").string() +
                      "\" \"" + (samples_dir / "seed-table2.qdpx").string() + "\" --by Role > \"" + out.string() + "\"";
    REQUIRE(std::system(cmd.c_str()) == 0);
    framer::Json j = framer::Json::parse(slurp(out));
    fs::remove(out);
    std::map<std::string, std::vector<std::int64_t>> got;  // path -> total, service users, therapists
    for (const auto& row : j.at("rows").as_array()) {
        std::string path;
        for (const auto& part : row.at("path").as_array()) path += (path.empty() ? "" : " > ") + part.as_string();
        got[path] = {row.at("total").as_int(), row.at("groups").at("Service user").as_int(),
                     row.at("groups").at("Therapist").as_int()};
    }
    std::ifstream csv(samples_dir / "seed-table2.expected.csv");
    std::string line;
    std::getline(csv, line);
    int rows = 0;
    while (std::getline(csv, line)) {
        if (line.empty()) continue;
        auto f = parse_csv_line(line);
        INFO(f[0]);
        REQUIRE(got.count(f[0]));
        CHECK(got[f[0]] == std::vector<std::int64_t>{std::stoll(f[1]), std::stoll(f[2]), std::stoll(f[3])});
        ++rows;
    }
    CHECK(rows == 33);
}

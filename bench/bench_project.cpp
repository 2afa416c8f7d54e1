// Generation of the benchmark project and a direct participant count used to check the other implementations.
#include "bench_project.hpp"

#include <fmt/format.h>

#include <set>

#include "core/json.hpp"
#include "project_builder.hpp"
#include "refi/index.hpp"
#include "seed_codebook.hpp"

namespace framer::bench {

namespace {

// Sentences of realistic length (about 60-90 code points), some with non-ASCII characters, so that the text
// and the positions look like an interview study's.
const char* const sentences[] = {
    "I felt like the past was holding me back and I was scared of change.",
    "If anything goes wrong I still think about it, but I don’t act on it now.",
    "The group was hard at first — everyone looking at you, all the time.",
    "I challenge my thoughts a lot more than I used to, most days anyway.",
    "My therapist is supportive; she doesn’t judge me when I slip up.",
    "Going over my childhood again and again left me raw and stuck.",
    "As soon as I get a bill now, I pay it, instead of waiting for the red letter.",
    "I blame myself for the way things ended, and for the kids seeing it.",
    "When they told me the diagnosis, it all made sense — every relationship.",
    "I finally admitted that I need a bit of help, and I asked for it.",
    "Having some choice in what we worked on mattered a lot to me.",
    "I trust my friend Zoë with things I never told anyone before.",
    "It only works if you put the work in: the homework, the diary card.",
    "Being in a room with eight strangers felt overwhelming at the café.",
    "By the end I could disagree with someone without storming off.",
    "Problem-solving step by step was really valuable for me.",
    "I think I’ve got this far and I want to move on to the next step.",
    "I feel more confident now and I approach problems head on.",
    "I was terrified of being open, of people seeing the real me.",
    "Regular sessions every week were my anchor through the winter.",
};
constexpr int sentence_count = sizeof sentences / sizeof sentences[0];

}  // namespace

refi::Project make_bench_project(const BenchShape& shape) {
    samples::ProjectBuilder b("Benchmark project", "framer-bench");
    refi::Project& p = b.project();
    p.origin = "Framer 0.1.0 (benchmark generator)";
    p.dialect = refi::detect_dialect(p.origin);
    std::string coders[] = {b.add_user("Coder A", "CA"), b.add_user("Coder B", "CB")};

    std::vector<std::string> leaves;
    for (const auto& domain : samples::seed_table2()) {
        b.add_code({domain.name}, false);
        std::size_t ti = 0;
        for (const auto& theme : domain.themes) {
            std::string color = samples::theme_color(ti++);
            b.add_code({domain.name, theme.name}, true, color);
            for (const auto& s : theme.subthemes)
                leaves.push_back(b.add_code({domain.name, theme.name, s.name}, true, color));
        }
    }
    // Padding up to shape.codes: domains of 4 themes x 7 subthemes (the last one possibly shorter).
    std::size_t total = 0;
    for (const auto& domain : samples::seed_table2()) {
        ++total;
        for (const auto& theme : domain.themes) total += 1 + theme.subthemes.size();
    }
    for (int d = 1; total < static_cast<std::size_t>(shape.codes); ++d) {
        const std::string domain = "Generated domain " + std::to_string(d);
        b.add_code({domain}, false);
        ++total;
        for (int t = 1; t <= 4 && total < static_cast<std::size_t>(shape.codes); ++t) {
            const std::string theme = "Theme " + std::to_string(d) + "." + std::to_string(t);
            std::string color = samples::theme_color(static_cast<std::size_t>(t - 1));
            b.add_code({domain, theme}, true, color);
            ++total;
            for (int s = 1; s <= 7 && total < static_cast<std::size_t>(shape.codes); ++s, ++total)
                leaves.push_back(b.add_code({domain, theme, "Subtheme " + std::to_string(d) + "." +
                                             std::to_string(t) + "." + std::to_string(s)}, true, color));
        }
    }
    b.add_variable("Role", refi::VariableType::Text);
    b.add_variable("Gender", refi::VariableType::Text);
    b.add_variable("Age", refi::VariableType::Integer);
    b.add_variable("Group therapy", refi::VariableType::Boolean);

    const int cases = (shape.sources + shape.sources_per_case - 1) / shape.sources_per_case;
    for (int ci = 0; ci < cases; ++ci) {
        std::string name = "P" + std::to_string(ci + 1);
        refi::Case c;
        c.guid = b.guid("case", name);
        c.name = name;
        c.variable_values.push_back(b.value("Role", ci % 4 == 3 ? "Therapist" : "Service user"));
        c.variable_values.push_back(b.value("Gender", ci % 5 < 3 ? "Female" : "Male"));
        c.variable_values.push_back(b.value("Age", std::to_string(18 + (ci * 7) % 41)));
        c.variable_values.push_back(b.value("Group therapy", ci % 3 ? "true" : "false"));
        p.cases.push_back(std::move(c));
    }

    std::uint64_t rng = 0x2545F4914F6CDD1Dull;
    auto next = [&] {  // xorshift64*: deterministic on every platform
        rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
        return (rng * 0x2545F4914F6CDD1Dull) >> 33;
    };
    for (int si = 0; si < shape.sources; ++si) {
        const int ci = si / shape.sources_per_case;
        const std::string participant = "P" + std::to_string(ci + 1);
        const std::string name = participant + " interview " + std::to_string(si % shape.sources_per_case + 1);
        const std::string& coder = coders[si % 2];
        refi::Authorship who{coder, "2024-01-15T10:00:00Z", {}, {}};
        std::string text;
        std::int64_t cp = 0;
        const std::string line_break = shape.crlf ? "\r\n" : "\n";  // positions in code points: CR LF is two
        std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
        for (int j = 0; j < shape.codings_per_source; ++j) {
            std::string question = "Interviewer: Could you say more about that?" + line_break + participant + ": ";
            text += question;
            cp += samples::code_points(question);
            std::string sentence = sentences[next() % sentence_count];
            ranges.emplace_back(cp, cp + samples::code_points(sentence));
            text += sentence + line_break;
            cp += samples::code_points(sentence) + samples::code_points(line_break);
        }
        refi::Source& src = b.add_text_source(name, text, who);
        src.selections.reserve(ranges.size());
        for (int j = 0; j < shape.codings_per_source; ++j) {
            refi::Selection sel;
            sel.guid = b.guid("selection", name + "#" + std::to_string(j));
            // Selections without user/date (as MAXQDA writes many); the coding carries both: about 35 MB of XML.
            sel.start = ranges[j].first;
            sel.end = ranges[j].second;
            refi::Coding coding;
            coding.guid = b.guid("coding", name + "#" + std::to_string(j));
            coding.creating_user = coder;
            coding.creation_date_time = who.creation_date_time;
            // Skewed code choice: some subthemes are common, some rare, as in real studies.
            std::size_t leaf = (next() % leaves.size()) * (next() % leaves.size()) / leaves.size();
            coding.code.target = leaves[leaf];
            sel.codings.push_back(std::move(coding));
            src.selections.push_back(std::move(sel));
        }
        p.cases[ci].source_refs.push_back(refi::Ref{src.guid, {}, {}});
    }
    return b.finish();
}

CountTable count_participants(const refi::Project& project, const std::string& by) {
    refi::ProjectIndex index(project);
    CountTable table;
    for (const refi::Code* c : index.codes_in_order()) {
        std::string path;
        for (const refi::Code* up : index.path_of(*c)) path += (path.empty() ? "" : " > ") + up->name;
        table[path][""] = 0;
    }
    for (const auto& c : project.cases) {
        std::string group = "(no value)";
        for (const auto& v : c.variable_values) {
            const refi::Variable* var = index.find_variable(v.variable.target);
            if (var && var->name == by) group = v.value;
        }
        std::set<const refi::Code*> held;
        auto hold = [&](const refi::Coding& coding) {
            for (const refi::Code* up = index.find_code(coding.code.target); up; up = index.parent_of(*up))
                held.insert(up);
        };
        for (const auto& ref : c.source_refs) {
            const refi::Source* s = index.find_source(ref.target);
            if (!s) continue;
            for (const auto& sel : s->selections)
                for (const auto& coding : sel.codings) hold(coding);
            for (const auto& coding : s->codings) hold(coding);
        }
        for (const auto& coding : c.code_refs) {  // a CodeRef on the case itself
            for (const refi::Code* up = index.find_code(coding.target); up; up = index.parent_of(*up)) held.insert(up);
        }
        for (const refi::Code* code : held) {
            std::string path;
            for (const refi::Code* up : index.path_of(*code)) path += (path.empty() ? "" : " > ") + up->name;
            ++table[path][""];
            ++table[path][group];
        }
    }
    return table;
}

std::string compare_counts(const std::string& json_text, const CountTable& expected) {
    framer::Json j = framer::Json::parse(json_text);
    std::size_t rows = 0;
    for (const auto& row : j.at("rows").as_array()) {
        std::string path;
        for (const auto& part : row.at("path").as_array()) path += (path.empty() ? "" : " > ") + part.as_string();
        auto it = expected.find(path);
        if (it == expected.end()) return "unknown row " + path;
        // The reference writes plain counts; tabulate writes {"n", "base", "percent"} objects.
        auto count = [](const framer::Json& v) { return v.is_object() ? v.at("n").as_int() : v.as_int(); };
        if (count(row.at("total")) != it->second.at("")) return "total differs for " + path;
        for (const auto& [group, n] : row.at("groups").as_object()) {
            auto g = it->second.find(group);
            if ((g == it->second.end() ? 0 : g->second) != count(n)) return "group " + group + " differs for " + path;
        }
        ++rows;
    }
    if (rows != expected.size()) return fmt::format("{} rows instead of {}", rows, expected.size());
    return "";
}

}  // namespace framer::bench

// seed-table2.qdpx: 48 service users and 15 therapists whose codings reproduce every count of the seed paper's
// Table 2 (per group and in total, a theme counting a participant once) and whose variables reproduce Table 1.
// Every count is checked here; a count that cannot be met throws GeneratorError instead of writing a wrong sample.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "project_builder.hpp"
#include "samples.hpp"
#include "seed_codebook.hpp"
#include "seed_table2_phrases.hpp"

namespace framer::samples {
namespace {

struct Member {
    std::string name;  // SU1..SU48, T1..T15
    bool therapist = false;
    std::map<std::string, std::string> values;  // variable -> value (absent: not applicable)
    bool group_therapy() const { return values.at("Group therapy") == "Yes"; }
};

using LabelCounts = std::vector<std::pair<std::string, int>>;

/// Spreads labels with exact counts over n participants: participant k takes the label at position
/// (k * mult + off) mod n of the expanded list, so different variables are not aligned with each other.
std::vector<std::string> spread(const LabelCounts& counts, int n, int mult, int off) {
    if (std::gcd(mult, n) != 1) throw GeneratorError("spread: multiplier not coprime with n");
    std::vector<std::string> expanded;
    for (const auto& [label, count] : counts) expanded.insert(expanded.end(), count, label);
    if (static_cast<int>(expanded.size()) != n) throw GeneratorError("spread: counts do not add up to n");
    std::vector<std::string> out(n);
    for (int k = 0; k < n; ++k) out[k] = expanded[(k * mult + off) % n];
    return out;
}

/// n integer ages in [lo, hi], both ends present, summing to `sum` (the printed mean times n, as integers allow).
std::vector<int> ages(int n, int lo, int hi, int sum, int mult) {
    std::vector<int> v(n);
    for (int i = 0; i < n; ++i) v[i] = lo + 1 + (i * mult) % (hi - lo - 1);
    v[0] = lo;
    v[1] = hi;
    int total = std::accumulate(v.begin(), v.end(), 0);
    for (int guard = 0; total != sum && guard < 100000; ++guard) {
        int i = 2 + guard % (n - 2);
        if (total > sum && v[i] > lo + 1) { --v[i]; --total; }
        if (total < sum && v[i] < hi - 1) { ++v[i]; ++total; }
    }
    if (total != sum) throw GeneratorError("ages: cannot reach the sum");
    // Move the two extremes away from the first two participants.
    std::swap(v[0], v[n / 3]);
    std::swap(v[1], v[(2 * n) / 3]);
    return v;
}

std::string one_decimal(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", x);
    return buf;
}

void check(bool ok, const std::string& what) {
    if (!ok) throw GeneratorError("seed-table2: " + what);
}

std::vector<Member> make_members() {
    std::vector<Member> su(48), th(15);
    for (int k = 0; k < 48; ++k) su[k].name = "SU" + std::to_string(k + 1);
    for (int k = 0; k < 15; ++k) {
        th[k].name = "T" + std::to_string(k + 1);
        th[k].therapist = true;
    }
    auto set = [](std::vector<Member>& ms, const std::string& var, const std::vector<std::string>& vals) {
        for (std::size_t k = 0; k < ms.size(); ++k) ms[k].values[var] = vals[k];
    };
    // Table 1, service users (N=48).
    set(su, "Role", std::vector<std::string>(48, "Service user"));
    set(su, "Gender", spread({{"Female", 39}, {"Male", 9}}, 48, 7, 3));
    set(su, "Ethnicity", spread({{"White", 33}, {"Black", 5}, {"Asian", 10}}, 48, 11, 5));
    set(su, "Employment", spread({{"Unemployed", 37}, {"Voluntary work", 3}, {"Employed", 8}}, 48, 13, 1));
    set(su, "Partnership", spread({{"Living alone", 28}, {"Living with partner/ family", 20}}, 48, 5, 2));
    set(su, "Treatment", spread({{"DBT", 23}, {"MBT", 8}, {"Other psychological therapy", 6},
                                 {"Generic services", 11}}, 48, 17, 0));
    set(su, "Received counselling/therapy in the past", spread({{"Yes", 44}, {"No", 4}}, 48, 19, 7));
    // Stage of treatment applies to the 37 in psychological therapy (footnote b of Table 1).
    std::vector<Member*> psych;
    for (auto& m : su)
        if (m.values["Treatment"] != "Generic services") psych.push_back(&m);
    check(psych.size() == 37, "37 service users in psychological therapy");
    auto stage = spread({{"Completed/ ongoing treatment", 28}, {"Dropped out", 9}}, 37, 10, 4);
    for (std::size_t i = 0; i < psych.size(); ++i) psych[i]->values["Stage of treatment"] = stage[i];
    // Group therapy: DBT and MBT programmes include a group; three in other psychological therapy attend one too.
    int other_in_group = 0;
    for (auto& m : su) {
        const auto& t = m.values["Treatment"];
        bool yes = t == "DBT" || t == "MBT" || (t == "Other psychological therapy" && other_in_group++ < 3);
        m.values["Group therapy"] = yes ? "Yes" : "No";
    }
    auto age_su = ages(48, 18, 58, 1752, 23);  // mean 36.5 exactly
    for (int k = 0; k < 48; ++k) su[k].values["Age"] = std::to_string(age_su[k]);

    // Table 1, therapists (N=15).
    set(th, "Role", std::vector<std::string>(15, "Therapist"));
    set(th, "Gender", spread({{"Female", 8}, {"Male", 7}}, 15, 4, 1));
    set(th, "Ethnicity", spread({{"White", 12}, {"Black", 1}, {"Asian", 2}}, 15, 7, 2));
    set(th, "Professional background", spread({{"Psychologist", 6}, {"Nurse", 6}, {"Social worker", 2},
                                               {"Psychiatrist", 1}}, 15, 2, 0));
    set(th, "Treatment", spread({{"DBT", 5}, {"MBT", 3}, {"Other psychological therapy", 3},
                                 {"Generic services", 4}}, 15, 8, 3));
    for (auto& m : th) {
        const auto& t = m.values["Treatment"];
        m.values["Group therapy"] = (t == "DBT" || t == "MBT") ? "Yes" : "No";
    }
    auto age_th = ages(15, 28, 58, 601, 7);  // 601 / 15 = 40.07, printed as 40.1
    for (int k = 0; k < 15; ++k) th[k].values["Age"] = std::to_string(age_th[k]);

    // Check what Table 1 prints for the derived values.
    auto count_if = [](const std::vector<Member>& ms, const std::string& var, const std::string& val) {
        return std::count_if(ms.begin(), ms.end(), [&](const Member& m) {
            auto it = m.values.find(var);
            return it != m.values.end() && it->second == val;
        });
    };
    check(count_if(su, "Group therapy", "Yes") == 34, "34 service users in group therapy");
    check(count_if(th, "Group therapy", "Yes") == 8, "8 therapists with clients in group therapy");
    auto stats = [](const std::vector<int>& v) {
        return one_decimal(std::accumulate(v.begin(), v.end(), 0.0) / v.size()) + " (" +
               std::to_string(*std::min_element(v.begin(), v.end())) + "-" +
               std::to_string(*std::max_element(v.begin(), v.end())) + ")";
    };
    check(stats(age_su) == "36.5 (18-58)", "service users' age 36.5 (18-58), got " + stats(age_su));
    check(stats(age_th) == "40.1 (28-58)", "therapists' age 40.1 (28-58), got " + stats(age_th));

    std::vector<Member> all = su;
    all.insert(all.end(), th.begin(), th.end());
    return all;
}

/// Who has which subtheme: holders[subtheme name] = set of member indices.
using Holders = std::map<std::string, std::set<std::size_t>>;

/// Chooses, within one group, the participants of a theme and of each of its subthemes so that the subthemes'
/// union is exactly the theme's participants and each count is met; group-therapy subthemes only go to
/// participants in group therapy.
void assign_theme(const ThemeSpec& theme, std::size_t theme_index, const std::vector<Member>& members,
                  const std::vector<std::size_t>& group, bool therapists, Holders& holders) {
    const int theme_n = therapists ? theme.therapists : theme.service_users;
    const std::size_t n = group.size();
    bool constrained = std::any_of(theme.subthemes.begin(), theme.subthemes.end(),
                                   [](const SubthemeSpec& s) { return s.group_therapy_only; });
    // Rotate the group so that different themes miss different participants; when a subtheme needs group
    // therapy, put those participants first so the theme's holders include enough of them.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i) order.push_back(group[(i + theme_index * 7) % n]);
    if (constrained)
        std::stable_partition(order.begin(), order.end(), [&](std::size_t m) { return members[m].group_therapy(); });
    check(theme_n <= static_cast<int>(n), theme.name + ": more holders than participants");
    std::vector<std::size_t> theme_holders(order.begin(), order.begin() + theme_n);

    std::set<std::size_t> covered;
    std::vector<const SubthemeSpec*> subs;
    for (const auto& s : theme.subthemes)
        if (s.group_therapy_only) subs.push_back(&s);
    for (const auto& s : theme.subthemes)
        if (!s.group_therapy_only) subs.push_back(&s);
    std::size_t sub_index = 0;
    for (const SubthemeSpec* s : subs) {
        const int want = therapists ? s->therapists : s->service_users;
        std::vector<std::size_t> eligible;
        for (std::size_t i = 0; i < theme_holders.size(); ++i) {
            std::size_t m = theme_holders[(i + sub_index * 5) % theme_holders.size()];
            if (!s->group_therapy_only || members[m].group_therapy()) eligible.push_back(m);
        }
        ++sub_index;
        // Uncovered participants first, so that the subthemes together cover the whole theme.
        std::stable_partition(eligible.begin(), eligible.end(), [&](std::size_t m) { return !covered.count(m); });
        check(want <= static_cast<int>(eligible.size()), s->name + ": not enough eligible participants");
        auto& h = holders[s->name];
        for (int i = 0; i < want; ++i) {
            h.insert(eligible[i]);
            covered.insert(eligible[i]);
        }
    }
    check(covered.size() == theme_holders.size(),
          theme.name + (therapists ? " (therapists)" : " (service users)") + ": subthemes cover " +
              std::to_string(covered.size()) + " of " + std::to_string(theme_holders.size()));
}

}  // namespace

refi::Project seed_table2_study() {
    std::vector<Member> members = make_members();
    std::vector<std::size_t> su_group, th_group;
    for (std::size_t i = 0; i < members.size(); ++i) (members[i].therapist ? th_group : su_group).push_back(i);

    Holders holders;
    std::size_t theme_index = 0;
    for (const auto& domain : seed_table2())
        for (const auto& theme : domain.themes) {
            assign_theme(theme, theme_index, members, su_group, false, holders);
            assign_theme(theme, theme_index, members, th_group, true, holders);
            ++theme_index;
        }

    // Verify every printed count on the assignment itself (the test recounts from the written project).
    for (const auto& domain : seed_table2())
        for (const auto& theme : domain.themes) {
            std::set<std::size_t> theme_union;
            for (const auto& s : theme.subthemes) {
                const auto& h = holders[s.name];
                theme_union.insert(h.begin(), h.end());
                int su = 0, th = 0;
                for (auto m : h) {
                    (members[m].therapist ? th : su)++;
                    check(!s.group_therapy_only || members[m].group_therapy(),
                          s.name + " given to " + members[m].name + " who is not in group therapy");
                }
                check(su == s.service_users && th == s.therapists, s.name + ": counts not met");
            }
            int su = 0, th = 0;
            for (auto m : theme_union) (members[m].therapist ? th : su)++;
            check(su == theme.service_users && th == theme.therapists, theme.name + ": counts not met");
        }

    ProjectBuilder b("Recovery in BPD: Table 2 reproduction", "framer-sample:seed-table2");
    refi::Project& p = b.project();
    p.origin = "Framer 0.1.0 (sample generator)";
    p.dialect = refi::detect_dialect(p.origin);
    std::string coder_a = b.add_user("Ana Costa", "AC");
    std::string coder_b = b.add_user("Ben Hughes", "BH");
    p.creating_user = coder_a;
    p.creation_date_time = "2014-01-06T09:00:00Z";
    p.description = "Synthetic transcripts whose codings reproduce the participant counts of Table 2 and the "
                    "characteristics of Table 1 of the seed paper (48 service users, 15 therapists).";

    std::size_t ti = 0;
    for (const auto& domain : seed_table2()) {
        b.add_code({domain.name}, false);
        for (const auto& theme : domain.themes) {
            std::string color = theme_color(ti++);
            b.add_code({domain.name, theme.name}, true, color);
            for (const auto& s : theme.subthemes) b.add_code({domain.name, theme.name, s.name}, true, color);
        }
    }

    b.add_variable("Role", refi::VariableType::Text);
    b.add_variable("Gender", refi::VariableType::Text);
    b.add_variable("Age", refi::VariableType::Integer);
    b.add_variable("Ethnicity", refi::VariableType::Text);
    b.add_variable("Employment", refi::VariableType::Text, "Service users only");
    b.add_variable("Professional background", refi::VariableType::Text, "Therapists only");
    b.add_variable("Partnership", refi::VariableType::Text, "Service users only");
    b.add_variable("Treatment", refi::VariableType::Text, "Treatment received or delivered");
    b.add_variable("Stage of treatment", refi::VariableType::Text, "Only those receiving psychological therapy");
    b.add_variable("Received counselling/therapy in the past", refi::VariableType::Text, "Service users only");
    b.add_variable("Group therapy", refi::VariableType::Text,
                   "Service users with some experience of group therapy; therapists with clients in group therapy");
    const char* variable_order[] = {"Role", "Gender", "Age", "Ethnicity", "Employment", "Professional background",
                                    "Partnership", "Treatment", "Stage of treatment",
                                    "Received counselling/therapy in the past", "Group therapy"};

    for (std::size_t mi = 0; mi < members.size(); ++mi) {
        const Member& m = members[mi];
        // The transcript: one question per theme; the answer holds the statement of each subtheme the
        // participant voiced, or a non-committal (uncoded) reply.
        std::string text = "Interviewer: Thank you for taking part. Could you start by telling me about your "
                           "treatment?\n" + m.name + ": " +
                           (m.therapist ? "I work in a " : "I’m receiving ") + m.values.at("Treatment") +
                           (m.therapist ? " team." : ".") + "\n";
        std::vector<std::pair<std::string, std::string>> to_code;  // phrase, subtheme
        for (const auto& domain : seed_table2())
            for (const auto& theme : domain.themes) {
                text += "Interviewer: " + question_for(theme.name) + "\n" + m.name + ":";
                bool any = false;
                for (const auto& s : theme.subthemes) {
                    if (!holders[s.name].count(mi)) continue;
                    const Phrases& ph = phrases_for(s.name);
                    std::string phrase = m.therapist ? ph.therapist : ph.service_user;
                    text += " " + phrase;
                    to_code.emplace_back(phrase, s.name);
                    any = true;
                }
                if (!any) text += " I’m not sure that applies to me, to be honest.";
                text += "\n";
            }
        std::string date = "2013-0" + std::to_string(1 + mi % 9) + "-" +
                           std::to_string(10 + mi % 18) + "T10:00:00Z";
        refi::Source& src = b.add_text_source(m.name, text, {coder_a, date, {}, {}});

        refi::Case c;
        c.guid = b.guid("case", m.name);
        c.name = m.name;
        for (const char* var : variable_order) {
            auto it = m.values.find(var);
            if (it != m.values.end()) c.variable_values.push_back(b.value(var, it->second));
        }
        c.source_refs.push_back(refi::Ref{src.guid, {}, {}});
        p.cases.push_back(std::move(c));

        // 13 of 63 interviews (21%) double-coded by a second researcher, as in the paper's method.
        const bool double_coded = mi % 5 == 0;
        for (const auto& [phrase, sub] : to_code) {
            CodePath path;
            for (const auto& domain : seed_table2())
                for (const auto& theme : domain.themes)
                    for (const auto& s : theme.subthemes)
                        if (s.name == sub) path = {domain.name, theme.name, s.name};
            b.select_phrase(m.name, phrase, b.code(path), {coder_a, "2014-02-03T11:00:00Z", {}, {}}, "A");
            if (double_coded)
                b.select_phrase(m.name, phrase, b.code(path), {coder_b, "2014-03-10T15:30:00Z", {}, {}}, "B");
        }
    }
    return b.finish();
}

}  // namespace framer::samples

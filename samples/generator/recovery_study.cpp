// The small recovery study (samples/recovery-study*.qdpx) in three styles: as the standard describes it, as
// MAXQDA exports it (variables on the sources, no cases, lowercase colours) and as NVivo exports it (lowercase
// GUIDs, positions in UTF-16 units, empty names and descriptions on selections).
#include <algorithm>
#include <cctype>
#include <map>

#include "project_builder.hpp"
#include "recovery_transcripts.hpp"
#include "samples.hpp"
#include "seed_codebook.hpp"

namespace framer::samples {
namespace {

struct Participant {
    const char* name;
    const char* role;
    const char* gender;
    const char* age;
    const char* ethnicity;
    const char* employment;    // service users only ("" = not applicable, no value written)
    const char* background;    // therapists only
    const char* treatment;
    const char* group_therapy; // xsd:boolean
    const char* interview_date;
};

const Participant participants[] = {
    {"SU4", "Service user", "Female", "27", "White", "Unemployed", "", "DBT", "true", "2013-03-05"},
    {"SU9", "Service user", "Male", "41", "Black", "Employed", "", "Generic services", "false", "2013-03-12"},
    {"SU10", "Service user", "Female", "33", "Asian", "Voluntary work", "", "Other psychological therapy", "false", "2013-03-14"},
    {"SU13", "Service user", "Female", "22", "White", "Unemployed", "", "DBT", "true", "2013-04-02"},
    {"SU14", "Service user", "Female", "45", "White", "Employed", "", "MBT", "true", "2013-04-09"},
    {"SU20", "Service user", "Male", "38", "Asian", "Unemployed", "", "MBT", "true", "2013-04-23"},
    {"SU22", "Service user", "Female", "19", "White", "Unemployed", "", "MBT", "true", "2013-05-07"},
    {"SU26", "Service user", "Female", "52", "Black", "Unemployed", "", "DBT", "true", "2013-05-14"},
    {"T1", "Therapist", "Female", "34", "White", "", "Psychologist", "DBT", "true", "2013-06-04"},
    {"T2", "Therapist", "Male", "51", "White", "", "Nurse", "Generic services", "false", "2013-06-11"},
    {"T7", "Therapist", "Female", "29", "Asian", "", "Social worker", "MBT", "true", "2013-06-18"},
    {"T12", "Therapist", "Male", "46", "Black", "", "Psychiatrist", "Other psychological therapy", "false", "2013-06-25"},
};

/// The transcript with Windows line endings (positions then count each CR, as it is a code point of the file).
constexpr const char* crlf_participant = "T2";

enum Coder { A, B };

struct CodingSpec {
    const char* participant;
    const char* phrase;
    const char* code;  // a theme or subtheme name of Table 2
    Coder coder;
};

const CodingSpec codings[] = {
    {"SU4", "Half of me wanted to get better and the other half didn’t care any more", "Giving up, feeling held up by the past and scared of change", A},
    {"SU4", "I felt like the past was holding me up and I was scared of change", "Giving up, feeling held up by the past and scared of change", A},
    {"SU4", "I don’t want to let my therapist down, and I don’t want to let my sister down either", "Not letting others down", A},
    {"SU4", "I don’t want to let my therapist down, and I don’t want to let my sister down either", "Not letting others down", B},
    {"SU4", "The group was hard at first — everyone looking at you, and I felt completely exposed", "Feeling overwhelmed and exposed in group", A},
    {"SU4", "I practised saying what I needed to the others in the group", "Practicing relating to others in group", A},
    {"SU4", "I challenge my thoughts a lot more", "Managing difficult thoughts", A},
    {"SU4", "I challenge my thoughts a lot more. I tell myself “no, I don’t have to do this, I’m worth more than this”", "Managing difficult thoughts", B},
    {"SU4", "I’m worried about what happens when the sessions stop", "Managing ending/ continuity of care", A},
    {"SU9", "My coordinator is supportive, she doesn’t judge me", "Supportive therapist", A},
    {"SU9", "Talking only about the past just left me raw", "Focusing only on understanding the past is unhelpful", A},
    {"SU9", "as soon as I get the bill, I pay it", "Taking practical steps to resolve problems and crises", A},
    {"SU9", "I blame myself for the way my marriage ended", "Feeling ashamed and blaming self for problems", A},
    {"SU10", "When they said I had borderline personality disorder, it all made sense", "Understanding self and difficulties", A},
    {"SU10", "Now I admit that I do need a bit of help", "Acknowledging problems and asking for help", A},
    {"SU10", "Flexibility and choice matter to me", "Flexibility and choice", A},
    {"SU10", "I trust my friend Zoë with things I never told anyone", "Opening up and trusting others", A},
    {"SU10", "It’s small but I’m proud of it.", "Noticing progress and developing hope", A},
    {"SU13", "It only works if you put the work into it", "Taking responsibility", A},
    {"SU13", "It only works if you put the work into it: all the homework, all the writing", "Taking responsibility", B},
    {"SU13", "I had to take responsibility for my own recovery", "Taking responsibility", A},
    {"SU13", "being in a room with eight strangers felt overwhelming", "Feeling overwhelmed and exposed in group", A},
    {"SU13", "by the end I could disagree with someone in the group without storming off", "Practicing relating to others in group", A},
    {"SU13", "The problem-solving was really valuable", "Problem-solving is valuable", A},
    {"SU13", "The problem-solving was really valuable", "Problem-solving is valuable", B},
    {"SU14", "I think I’ve got this far and I want to move on to the next step", "Noticing progress and developing hope", A},
    {"SU14", "That gave me hope.", "Noticing progress and developing hope", B},
    {"SU14", "I feel more confident and I do approach problems", "Self-acceptance, compassion and confidence", A},
    {"SU14", "I was terrified of being open, of people seeing the real me", "Fear of being open and exposing oneself", A},
    {"SU14", "Exploring where they came from helped", "Self-exploration is helpful", A},
    {"SU14", "Regular sessions were key", "Regular/ intensive therapy", A},
    {"SU20", "I do give in and go, OK, I do need a bit of help", "Acknowledging problems and asking for help", A},
    {"SU20", "I try to listen first, and I say what I feel without the anger", "Listening to others and communicating in a less angry way", A},
    {"SU20", "Watching someone handle a row with their mum, I thought, I could try that", "Practicing relating to others in group", A},
    {"SU20", "Managing the ending matters as much as the beginning", "Managing ending/ continuity of care", A},
    {"SU22", "I’m challenging my own thoughts a lot more", "Managing difficult thoughts", A},
    {"SU22", "I feel liked and accepted, and that helps me accept myself too", "Self-acceptance, compassion and confidence", A},
    {"SU22", "Self-exploration helped me understand myself", "Self-exploration is helpful", A},
    {"SU22", "I also needed to know what to do on a Monday morning", "Problem-solving is valuable", A},
    {"SU22", "She set a boundary about texting and I was furious", "Addressing conflicts and negotiating boundaries in the therapeutic relationship", A},
    {"SU26", "I get guilt, because I think I’m letting people down, I’m letting myself down", "Feeling ashamed and blaming self for problems", A},
    {"SU26", "I get guilt, because I think I’m letting people down, I’m letting myself down", "Feeling ashamed and blaming self for problems", B},
    {"SU26", "I don’t hate myself like I did", "Self-acceptance, compassion and confidence", A},
    {"SU26", "Structure helps when your head is all over the place", "Structured, goal-oriented therapy with a clear rationale", A},
    {"SU26", "I kept a wall up and wouldn’t let anyone near", "Fear of being open and exposing oneself", A},
    {"T1", "part of them wants change and part of them is terrified of it", "Giving up, feeling held up by the past and scared of change", A},
    {"T1", "committing to taking action", "Process 1: Fighting ambivalence and committing to taking action", A},
    {"T1", "We ask them to take responsibility for small things first", "Taking responsibility", A},
    {"T1", "They feel overwhelmed and exposed in the group", "Feeling overwhelmed and exposed in group", A},
    {"T1", "it’s also where they practise relating to others in a safe setting", "Practicing relating to others in group", A},
    {"T1", "Between being supportive and fostering independence", "Challenge 4: Balancing support and independence", A},
    {"T2", "opening up and trusting someone takes months", "Opening up and trusting others", A},
    {"T2", "opening up and trusting someone takes months", "Opening up and trusting others", B},
    {"T2", "Regular, reliable contact is the intervention", "Regular/ intensive therapy", A},
    {"T2", "Problem-solving with someone who doesn’t trust you goes nowhere", "Problem-solving is valuable", A},
    {"T2", "negotiating those boundaries is part of the therapy", "Addressing conflicts and negotiating boundaries in the therapeutic relationship", A},
    {"T7", "that understanding is the beginning of self-compassion", "Understanding self and difficulties", A},
    {"T7", "They feel ashamed of their problems and blame themselves for everything", "Feeling ashamed and blaming self for problems", A},
    {"T7", "Groups are where they practise new ways of relating", "Practicing relating to others in group", A},
    {"T7", "for some the group is overwhelming and they feel exposed", "Feeling overwhelmed and exposed in group", A},
    {"T7", "Managing the ending and the continuity of care afterwards", "Managing ending/ continuity of care", A},
    {"T12", "many need flexibility and choice in how treatment is delivered", "Flexibility and choice", A},
    {"T12", "Self-exploration is helpful up to a point", "Self-exploration is helpful", A},
    {"T12", "Focusing only on understanding the past is unhelpful", "Focusing only on understanding the past is unhelpful", A},
    {"T12", "Many fear being open with anyone", "Fear of being open and exposing oneself", A},
    {"T12", "some learn to be assertive and negotiate boundaries", "Being assertive and negotiating boundaries", A},
    {"T12", "A supportive therapist makes a huge difference", "Supportive therapist", A},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string to_crlf(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

}  // namespace

refi::Project recovery_study(Style style) {
    const char* ns = style == Style::Maxqda ? "framer-sample:recovery-study-maxqda"
                     : style == Style::Nvivo ? "framer-sample:recovery-study-nvivo"
                                             : "framer-sample:recovery-study";
    ProjectBuilder b("Recovery in BPD: interview study", ns, style == Style::Nvivo);
    refi::Project& p = b.project();
    switch (style) {
        case Style::Standard: p.origin = "Framer 0.1.0 (sample generator)"; break;
        case Style::Maxqda: p.origin = "MAXQDA 2022 (Release 22.8.0)"; break;
        case Style::Nvivo: p.origin = "NVivo 14"; break;
    }
    p.dialect = refi::detect_dialect(p.origin);

    std::string coder_a = b.add_user("Marta Núñez", "MN");
    std::string coder_b = b.add_user("Daniel Okoro", "DO");
    if (style != Style::Maxqda) {  // MAXQDA writes no creating user or date on the Project
        p.creating_user = coder_a;
        p.creation_date_time = "2013-02-18T09:30:00Z";
        p.modifying_user = coder_b;
        p.modified_date_time = "2013-09-30T16:45:00Z";
    }
    p.description = "Semi-structured interviews with service users and therapists about recovery in borderline "
                    "personality disorder, analysed with the framework approach. Invented sample data.";

    // Codebook: Table 2 of the seed paper, domains as categories.
    std::map<std::string, CodePath> path_of;
    std::size_t theme_index = 0;
    for (const auto& domain : seed_table2()) {
        b.add_code({domain.name}, false);
        path_of[domain.name] = {domain.name};
        for (const auto& theme : domain.themes) {
            std::string color = theme_color(theme_index++);
            if (style == Style::Maxqda) color = lower(color);
            b.add_code({domain.name, theme.name}, true, color);
            path_of[theme.name] = {domain.name, theme.name};
            for (const auto& sub : theme.subthemes) {
                b.add_code({domain.name, theme.name, sub.name}, true, color);
                path_of[sub.name] = {domain.name, theme.name, sub.name};
            }
        }
    }
    auto code_guid = [&](const std::string& name) -> std::string {
        auto it = path_of.find(name);
        if (it == path_of.end()) throw GeneratorError("no code named " + name);
        return b.code(it->second);
    };

    b.add_variable("Role", refi::VariableType::Text, "Service user or therapist");
    b.add_variable("Gender", refi::VariableType::Text);
    b.add_variable("Age", refi::VariableType::Integer, "Age in years at interview");
    b.add_variable("Ethnicity", refi::VariableType::Text);
    b.add_variable("Employment", refi::VariableType::Text, "Service users only");
    b.add_variable("Professional background", refi::VariableType::Text, "Therapists only");
    b.add_variable("Treatment", refi::VariableType::Text, "Treatment received or delivered");
    b.add_variable("Group therapy", refi::VariableType::Boolean, "Some experience of group therapy");
    b.add_variable("Interview date", refi::VariableType::Date);

    auto values_of = [&](const Participant& pt) {
        std::vector<refi::VariableValue> v;
        v.push_back(b.value("Role", pt.role));
        v.push_back(b.value("Gender", pt.gender));
        v.push_back(b.value("Age", pt.age));
        v.push_back(b.value("Ethnicity", pt.ethnicity));
        if (*pt.employment) v.push_back(b.value("Employment", pt.employment));
        if (*pt.background) v.push_back(b.value("Professional background", pt.background));
        v.push_back(b.value("Treatment", pt.treatment));
        v.push_back(b.value("Group therapy", pt.group_therapy));
        v.push_back(b.value("Interview date", pt.interview_date));
        return v;
    };

    // Sources, one transcript per participant, and (except MAXQDA) one case per participant.
    const auto& transcripts = recovery_transcripts();
    for (const auto& pt : participants) {
        auto t = std::find_if(transcripts.begin(), transcripts.end(),
                              [&](const Transcript& x) { return x.participant == pt.name; });
        if (t == transcripts.end()) throw GeneratorError(std::string("no transcript for ") + pt.name);
        std::string text = std::string(pt.name) == crlf_participant ? to_crlf(t->text) : t->text;
        refi::Authorship who{coder_a, std::string(pt.interview_date) + "T15:00:00Z", coder_a,
                             std::string(pt.interview_date) + "T15:00:00Z"};
        refi::Source& src = b.add_text_source(pt.name, text, who);
        if (style == Style::Maxqda) {
            src.variable_values = values_of(pt);
        } else {
            refi::Case c;
            c.guid = b.guid("case", pt.name);
            c.name = pt.name;
            c.variable_values = values_of(pt);
            c.source_refs.push_back(refi::Ref{src.guid, {}, {}});
            p.cases.push_back(std::move(c));
        }
    }

    // Codings. Coder B's codings are separate selections (as tools store a second coder's segments).
    for (const auto& cs : codings) {
        const std::string& user = cs.coder == A ? coder_a : coder_b;
        std::string date = cs.coder == A ? "2013-07-01T10:00:00Z" : "2013-08-05T14:20:00Z";
        refi::Authorship who{user, date, {}, {}};
        refi::Selection& sel = b.select_phrase(cs.participant, cs.phrase, code_guid(cs.code), who,
                                               cs.coder == A ? "A" : "B");
        if (style == Style::Nvivo) {  // NVivo writes name="" and an empty Description on every selection
            sel.name = "";
            sel.description = "";
        } else if (style == Style::Maxqda) {
            sel.name = cs.phrase;  // MAXQDA names a segment by its text
        }
    }

    // A MAXQDA-style comment: an uncoded selection with a Description.
    {
        refi::Authorship who{coder_a, "2013-07-01T10:30:00Z", {}, {}};
        refi::Selection& sel = b.select_phrase("SU26", "My mum used to say I was the difficult one.", "", who, "comment");
        sel.description = "Possible link to shame and self-blame; discuss with the second coder.";
    }

    // A coding of a whole source.
    {
        refi::Coding c;
        c.guid = b.guid("coding", "SU26|whole");
        c.creating_user = coder_a;
        c.creation_date_time = "2013-07-01T10:45:00Z";
        c.code.target = code_guid("Process 2: Moving from shame to self-acceptance and compassion");
        b.source("SU26").codings.push_back(std::move(c));
    }

    // A memo on the group-therapy subthemes, linked from both codes and from the project.
    refi::Note memo;
    memo.guid = b.guid("note", "group-therapy memo");
    memo.name = "Memo: group therapy subthemes";
    memo.authorship = {coder_a, "2013-07-02T09:00:00Z", {}, {}};
    memo.plain_text_content =
        "Code “Feeling overwhelmed and exposed in group” and “Practicing relating to others in group” only for "
        "participants with Group therapy = Yes: the paper’s footnote b uses that subgroup (34 + 8) as the "
        "denominator — check the Group therapy variable before coding.";
    p.notes.push_back(memo);
    for (const char* name : {"Feeling overwhelmed and exposed in group", "Practicing relating to others in group"}) {
        b.code_element(path_of.at(name)).note_refs.push_back(refi::Ref{memo.guid, {}, {}});
    }

    // Sets: the group-therapy subthemes, and the double-coded interviews.
    refi::Set group_set;
    group_set.guid = b.guid("set", "group therapy subthemes");
    group_set.name = "Group therapy subthemes";
    group_set.description = "Subthemes that apply only to participants in group therapy";
    for (const char* name : {"Feeling overwhelmed and exposed in group", "Practicing relating to others in group"})
        group_set.member_codes.push_back(refi::Ref{code_guid(name), {}, {}});
    p.sets.push_back(group_set);
    refi::Set double_set;
    double_set.guid = b.guid("set", "double coded");
    double_set.name = "Double-coded interviews";
    for (const char* name : {"SU4", "SU13", "SU14", "SU26", "T2"})
        double_set.member_sources.push_back(refi::Ref{b.source(name).guid, {}, {}});
    double_set.member_notes.push_back(refi::Ref{memo.guid, {}, {}});
    p.sets.push_back(double_set);

    return b.finish();
}

}  // namespace framer::samples

// Synthetic statements for the Table-2 sample: one per subtheme and voice, invented (not quotations).
#include "seed_table2_phrases.hpp"

#include <map>

#include "project_builder.hpp"

namespace framer::samples {

const Phrases& phrases_for(const std::string& subtheme) {
    static const std::map<std::string, Phrases> table = {
        {"Giving up, feeling held up by the past and scared of change",
         {"Part of me had given up; the past held me back and I was scared of change.",
          "Most clients arrive ambivalent, held up by the past and scared of change."}},
        {"Not letting others down",
         {"I kept going because I didn’t want to let my family down.",
          "Not wanting to let others down keeps some of them going."}},
        {"Taking responsibility",
         {"Nobody can fix me; I had to take responsibility myself.",
          "Recovery starts when they take responsibility for their own change."}},
        {"Managing difficult thoughts",
         {"Now I challenge the thoughts that tell me I’m worthless.",
          "They learn to notice and manage difficult thoughts."}},
        {"Taking practical steps to resolve problems and crises",
         {"I deal with the bills and the letters straight away now.",
          "Taking practical steps in a crisis is a turning point."}},
        {"Noticing progress and developing hope",
         {"I can see how far I’ve come, and that gives me hope.",
          "When they notice progress, hope follows."}},
        {"Feeling ashamed and blaming self for problems",
         {"I felt ashamed and blamed myself for everything.",
          "Shame and self-blame are there at the start for almost everyone."}},
        {"Acknowledging problems and asking for help",
         {"I finally admitted I needed help and asked for it.",
          "Acknowledging the problem and asking for help is a big step."}},
        {"Understanding self and difficulties",
         {"The diagnosis helped me understand myself and my difficulties.",
          "Understanding their difficulties changes how they see themselves."}},
        {"Self-acceptance, compassion and confidence",
         {"I’m kinder to myself now, and more confident.",
          "Self-compassion and confidence grow slowly."}},
        {"Fear of being open and exposing oneself",
         {"I was afraid to open up and show people the real me.",
          "Many are afraid of exposing themselves to anyone."}},
        {"Understanding relationships",
         {"I understand now why my relationships kept going wrong.",
          "They come to understand the patterns in their relationships."}},
        {"Listening to others and communicating in a less angry way",
         {"I listen more and I don’t shout like I used to.",
          "They learn to listen and to communicate without anger."}},
        {"Opening up and trusting others",
         {"Slowly I started to open up and trust people.",
          "Opening up and trusting others takes a long time."}},
        {"Being assertive and negotiating boundaries",
         {"I can say no now and set my own boundaries.",
          "Being assertive about boundaries is a new skill for them."}},
        {"Self-exploration is helpful",
         {"Exploring my feelings in therapy really helped.",
          "Self-exploration helps them make sense of things."}},
        {"Focusing only on understanding the past is unhelpful",
         {"Going over the past again and again got me nowhere.",
          "Focusing only on the past does not help them."}},
        {"Problem-solving is valuable",
         {"Learning to solve problems step by step was valuable.",
          "Problem-solving skills are valuable for them."}},
        {"Structured, goal-oriented therapy with a clear rationale",
         {"I liked knowing the goals and why we did each thing.",
          "A clear structure and rationale help them engage."}},
        {"Flexibility and choice",
         {"I needed some choice in what we worked on.",
          "They need flexibility and choice in treatment."}},
        {"Feeling overwhelmed and exposed in group",
         {"In the group I felt overwhelmed and exposed.",
          "Groups can leave them feeling overwhelmed and exposed."}},
        {"Practicing relating to others in group",
         {"The group was where I practised getting on with people.",
          "In the group they practise relating to others."}},
        {"Addressing conflicts and negotiating boundaries in the therapeutic relationship",
         {"We had a row, my therapist and me, and we sorted out the boundaries.",
          "Conflicts with me are part of the work; we negotiate boundaries."}},
        {"Regular/ intensive therapy",
         {"Seeing someone every week kept me steady.",
          "Regular, intensive contact makes the difference."}},
        {"Supportive therapist",
         {"My therapist was always on my side.",
          "A supportive therapist is essential."}},
        {"Managing ending/ continuity of care",
         {"I was frightened of the therapy ending.",
          "Endings and continuity of care need careful planning."}},
    };
    auto it = table.find(subtheme);
    if (it == table.end()) throw GeneratorError("no phrases for subtheme " + subtheme);
    return it->second;
}

std::string question_for(const std::string& theme) {
    // "Process 1: Fighting ambivalence..." -> ask about the part after the colon.
    auto colon = theme.find(": ");
    std::string topic = colon == std::string::npos ? theme : theme.substr(colon + 2);
    if (!topic.empty() && topic[0] >= 'A' && topic[0] <= 'Z') topic[0] = static_cast<char>(topic[0] - 'A' + 'a');
    return "Can you tell me about " + topic + "?";
}

}  // namespace framer::samples

// Table 2 of the seed paper (Domains, themes and subthemes), transcribed with its counts per group.
#include "seed_codebook.hpp"

namespace framer::samples {

const std::vector<DomainSpec>& seed_table2() {
    static const std::vector<DomainSpec> table = {
        {"Domain 1: Processes of recovery",
         {
             {"Process 1: Fighting ambivalence and committing to taking action", 48, 15,
              {
                  {"Giving up, feeling held up by the past and scared of change", 48, 15},
                  {"Not letting others down", 30, 5},
                  {"Taking responsibility", 40, 13},
                  {"Managing difficult thoughts", 35, 9},
                  {"Taking practical steps to resolve problems and crises", 40, 9},
                  {"Noticing progress and developing hope", 22, 10},
              }},
             {"Process 2: Moving from shame to self-acceptance and compassion", 46, 15,
              {
                  {"Feeling ashamed and blaming self for problems", 29, 7},
                  {"Acknowledging problems and asking for help", 19, 4},
                  {"Understanding self and difficulties", 34, 12},
                  {"Self-acceptance, compassion and confidence", 23, 9},
              }},
             {"Process 3: Moving from distrust and defensiveness to opening up to others", 44, 14,
              {
                  {"Fear of being open and exposing oneself", 29, 6},
                  {"Understanding relationships", 18, 8},
                  {"Listening to others and communicating in a less angry way", 16, 6},
                  {"Opening up and trusting others", 25, 13},
                  {"Being assertive and negotiating boundaries", 14, 4},
              }},
         }},
        {"Domain 2: Challenges in therapy",
         {
             {"Challenge 1: Balancing self-exploration and finding solutions", 42, 15,
              {
                  {"Self-exploration is helpful", 32, 12},
                  {"Focusing only on understanding the past is unhelpful", 12, 4},
                  {"Problem-solving is valuable", 34, 11},
              }},
             {"Challenge 2: Balancing structure and flexibility", 39, 15,
              {
                  {"Structured, goal-oriented therapy with a clear rationale", 16, 8},
                  {"Flexibility and choice", 35, 12},
              }},
             {"Challenge 3: Confronting interpersonal difficulties and practicing new ways of relating", 31, 13,
              {
                  {"Feeling overwhelmed and exposed in group", 21, 5, true},
                  {"Practicing relating to others in group", 22, 7, true},
                  {"Addressing conflicts and negotiating boundaries in the therapeutic relationship", 12, 9},
              }},
             {"Challenge 4: Balancing support and independence", 48, 13,
              {
                  {"Regular/ intensive therapy", 25, 10},
                  {"Supportive therapist", 40, 8},
                  {"Managing ending/ continuity of care", 28, 9},
              }},
         }},
    };
    return table;
}

std::string theme_color(std::size_t theme_index) {
    static const char* colors[] = {"#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#008080", "#9A6324"};
    return colors[theme_index % (sizeof colors / sizeof colors[0])];
}

}  // namespace framer::samples

#pragma once
/// Short synthetic statements, one per subtheme of Table 2, in a service user's and in a therapist's voice, from
/// which the transcripts of seed-table2.qdpx are assembled (each coding points at one of them).

#include <string>

namespace framer::samples {

struct Phrases {
    const char* service_user;
    const char* therapist;
};

/// The statements for a subtheme of seed_table2(); throws GeneratorError for an unknown name.
const Phrases& phrases_for(const std::string& subtheme);
/// The interviewer's question introducing a theme.
std::string question_for(const std::string& theme);

}  // namespace framer::samples

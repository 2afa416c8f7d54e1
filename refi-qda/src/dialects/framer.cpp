// Projects Framer itself created (origin "Framer ..."), e.g. by `framer summaries` on a project built in code.
// Checklist:
//   positions  code points, as the standard
//   origin     "Framer"
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile framer{Dialect::Framer, "Framer", "Framer", PositionCounting::CodePoints};

}  // namespace refi::dialects

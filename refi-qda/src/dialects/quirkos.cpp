// Quirkos exports (DIALECTS.md §1: only its nameless Cases are documented; positions UNVERIFIED).
// Checklist:
//   positions  code points (the standard; nothing documents otherwise)
//   origin     "Quirkos (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile quirkos{Dialect::Quirkos, "Quirkos", "Quirkos (converted by Framer)",
                             PositionCounting::CodePoints};

}  // namespace refi::dialects

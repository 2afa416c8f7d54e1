// MAXQDA 2020-26 exports (DIALECTS.md §1, §3, §5 "--to maxqda").
// Checklist:
//   positions  code points (UNVERIFIED in DIALECTS.md; equal to UTF-16 units for text without emoji)
//   origin     "MAXQDA (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile maxqda{Dialect::Maxqda, "MAXQDA", "MAXQDA (converted by Framer)", PositionCounting::CodePoints};

}  // namespace refi::dialects

// The REFI-QDA standard as Framer reads and writes it (DIALECTS.md §5 "--to refi").
// Checklist:
//   positions  code points of the text as stored, exclusive end
//   origin     "REFI-QDA standard (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile standard{Dialect::Standard, "the REFI-QDA standard", "REFI-QDA standard (converted by Framer)",
                              PositionCounting::CodePoints};

}  // namespace refi::dialects

// ATLAS.ti 8-26 exports (DIALECTS.md §1, §3, §5 "--to atlasti").
// Checklist:
//   positions  code points with CRLF counted as one (QualCoder's refi.py reads them so), exclusive end
//   origin     "ATLAS.ti (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile atlasti{Dialect::Atlasti, "ATLAS.ti", "ATLAS.ti (converted by Framer)",
                             PositionCounting::CodePointsLfOnly};

}  // namespace refi::dialects

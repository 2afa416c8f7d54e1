// Taguette 1.4 (codebooks only: flat tag-path names, uuid5 GUIDs, an empty <Sets/>; DIALECTS.md §1).
// Checklist:
//   positions  code points (Taguette writes no projects; a project converted for it keeps the standard's)
//   origin     "Taguette (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile taguette{Dialect::Taguette, "Taguette", "Taguette (converted by Framer)",
                              PositionCounting::CodePoints};

}  // namespace refi::dialects

// QualCoder 3.x exports (DIALECTS.md §1, §3, §5 "--to qualcoder").
// Checklist:
//   positions  code points over the text without its BOM, LF counted as one, exclusive end
//   origin     "QualCoder (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile qualcoder{Dialect::QualCoder, "QualCoder", "QualCoder (converted by Framer)",
                               PositionCounting::CodePoints};

}  // namespace refi::dialects

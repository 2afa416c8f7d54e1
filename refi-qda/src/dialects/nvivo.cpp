// NVivo 12 (Win/Mac) exports (DIALECTS.md §1, §3, §5 "--to nvivo").
// Checklist:
//   positions  UTF-16 code units over the raw text, BOM not counted, CR of CRLF counted, exclusive end
//   origin     "NVivo (converted by Framer)" when written as a conversion target
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile nvivo{Dialect::Nvivo, "NVivo", "NVivo (converted by Framer)", PositionCounting::Utf16Units};

}  // namespace refi::dialects

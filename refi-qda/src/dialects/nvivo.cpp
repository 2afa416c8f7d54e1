// NVivo 12 (Win/Mac) exports (DIALECTS.md §1, §3, §5 "--to nvivo").
// Checklist:
//   positions    UTF-16 code units over the raw text, BOM not counted, CR of CRLF counted, exclusive end
//   origin       "NVivo (converted by Framer)" when written as a conversion target
//   text files   as NVivo for Windows writes them: UTF-8 with BOM, CRLF ([obs] MANIFEST; NVivo for Mac writes
//                LF without BOM, the same positions rule)
//   folder       Sources/ (NVivo for Windows), files named by the source GUID in lower case
//   GUID case    lower case ([obs])
//   losses       none documented for elements Framer's model holds (datasets and framework matrices, which NVivo
//                does not transfer, have no REFI element)
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile nvivo{.dialect = Dialect::Nvivo,
                           .tool = "NVivo",
                           .origin = "NVivo (converted by Framer)",
                           .counting = PositionCounting::Utf16Units,
                           .bom = true,
                           .line_ending = LineEnding::Crlf,
                           .sources_folder = "Sources/",
                           .guid_case = GuidCase::Lower,
                           .file_naming = FileNaming::ByGuid,
                           .losses = {}};

}  // namespace refi::dialects

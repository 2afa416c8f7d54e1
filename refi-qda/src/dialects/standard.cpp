// The REFI-QDA standard as Framer reads and writes it (DIALECTS.md §5 "Writing, common to all targets", "--to refi").
// Checklist:
//   positions    code points of the text as written, exclusive end
//   origin       "REFI-QDA standard (converted by Framer)" when written as a conversion target
//   text files   UTF-8 without BOM, LF: every dialect's counting agrees on such text unless it holds emoji
//   folder       lower-case sources/, files named <upper-case GUID>.<ext> with internal:// paths
//   GUID case    upper case, no braces
//   losses       none (the standard holds everything the model holds)
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile standard{.dialect = Dialect::Standard,
                              .tool = "the REFI-QDA standard",
                              .origin = "REFI-QDA standard (converted by Framer)",
                              .counting = PositionCounting::CodePoints,
                              .bom = false,
                              .line_ending = LineEnding::Lf,
                              .sources_folder = "sources/",
                              .guid_case = GuidCase::Upper,
                              .file_naming = FileNaming::ByGuid,
                              .losses = {}};

}  // namespace refi::dialects

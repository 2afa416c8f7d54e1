// Projects Framer itself created (origin "Framer ..."), e.g. by `framer summaries` on a project built in code.
// Checklist:
//   positions    code points, as the standard
//   origin       "Framer"
//   text files   UTF-8 without BOM, LF, as the standard (DIALECTS.md §5 "Writing, common to all targets")
//   folder       sources/; GUIDs and file names as read (Framer keeps the spelling it read)
//   losses       none
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile framer{.dialect = Dialect::Framer,
                            .tool = "Framer",
                            .origin = "Framer",
                            .counting = PositionCounting::CodePoints,
                            .bom = false,
                            .line_ending = LineEnding::Lf,
                            .sources_folder = "sources/",
                            .guid_case = GuidCase::AsRead,
                            .file_naming = FileNaming::AsRead,
                            .losses = {}};

}  // namespace refi::dialects

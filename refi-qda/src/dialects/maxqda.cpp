// MAXQDA 2020-26 exports (DIALECTS.md §1, §3, §5 "--to maxqda").
// Checklist:
//   positions    code points (UNVERIFIED in DIALECTS.md; equal to UTF-16 units for text without emoji)
//   origin       "MAXQDA (converted by Framer)" when written as a conversion target
//   text files   UTF-8, no BOM, LF (its 24.7 txt [obs]; a missing final newline is left missing)
//   folder       sources/, files named by the source GUID in upper case ([obs])
//   GUID case    upper case ([obs])
//   variables    read from Source/VariableValue and nameless Cases (the reader keeps both as written)
//   losses       none documented for elements Framer's model holds: what MAXQDA does with Notes, NoteRefs,
//                Links and Cases on import is UNVERIFIED (DIALECTS.md §7.2), so nothing is claimed
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile maxqda{.dialect = Dialect::Maxqda,
                            .tool = "MAXQDA",
                            .origin = "MAXQDA (converted by Framer)",
                            .counting = PositionCounting::CodePoints,
                            .bom = false,
                            .line_ending = LineEnding::Lf,
                            .sources_folder = "sources/",
                            .guid_case = GuidCase::Upper,
                            .file_naming = FileNaming::ByGuid,
                            .losses = {}};

}  // namespace refi::dialects

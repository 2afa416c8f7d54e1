// Quirkos exports (DIALECTS.md §1: only its nameless Cases are documented; positions UNVERIFIED).
// Checklist:
//   positions    code points (the standard; nothing documents otherwise)
//   origin       "Quirkos (converted by Framer)" when written as a conversion target
//   text files   UTF-8 without BOM, LF, as the standard (Quirkos' own are UNVERIFIED)
//   folder       sources/; GUIDs and file names as read (UNVERIFIED, so nothing is rewritten)
//   variables    nameless Cases with one SourceRef (read as written; QualCoder #465)
//   losses       none documented
#include "refi/dialect.hpp"

namespace refi::dialects {

const DialectProfile quirkos{.dialect = Dialect::Quirkos,
                             .tool = "Quirkos",
                             .origin = "Quirkos (converted by Framer)",
                             .counting = PositionCounting::CodePoints,
                             .bom = false,
                             .line_ending = LineEnding::Lf,
                             .sources_folder = "sources/",
                             .guid_case = GuidCase::AsRead,
                             .file_naming = FileNaming::AsRead,
                             .losses = {}};

}  // namespace refi::dialects

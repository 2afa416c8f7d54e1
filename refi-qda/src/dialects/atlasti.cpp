// ATLAS.ti 8-26 exports (DIALECTS.md §1, §2, §3, §5 "--to atlasti").
// Checklist:
//   positions    code points with CRLF counted as one (QualCoder's refi.py reads them so), exclusive end
//   origin       "ATLAS.ti (converted by Framer)" when written as a conversion target
//   text files   UTF-8, no BOM ("none seen"), CRLF line breaks (refi.py:1531-1536: "the source.txt stores \r\n")
//   folder       lower-case sources/: ATLAS.ti rejects a project with Sources/ (refi.py:2076-2078)
//   GUID case    upper case ([obs]); file names as read (ATLAS.ti names its txt by a Representation GUID that
//                Framer does not have, and follows the paths on import)
//   losses       variables (ATLAS.ti has none), memos referenced by NoteRef from a source (Mag bf22e9c), codings
//                inside TranscriptSelections (Mag b2f83b7), graph vertices that represent nothing (Mag 3f185c3)
//   not covered  variables as "name: value" Sets, the 3-source A/V layout, quote names (reported, not rewritten)
#include "refi/dialect.hpp"

namespace refi::dialects {

namespace {
constexpr DialectLoss k_losses[] = {
    {"variable value(s) on sources and cases", losses::variable_values,
     "ATLAS.ti has no variables; it shows attributes as document groups (DIALECTS.md §1)"},
    {"note(s) referenced by NoteRef from a source or its selections", losses::source_note_ref_notes,
     "ATLAS.ti drops a memo a Source refers to by NoteRef (Magnolia bf22e9c); it keeps free notes"},
    {"coding(s) inside TranscriptSelections", losses::transcript_codings,
     "ATLAS.ti drops a Coding inside a TranscriptSelection (Magnolia b2f83b7)"},
    {"graph vertex(es) without representedGUID", losses::unrepresented_vertices,
     "ATLAS.ti drops vertices that represent nothing (Magnolia 3f185c3)"},
};
}  // namespace

const DialectProfile atlasti{.dialect = Dialect::Atlasti,
                             .tool = "ATLAS.ti",
                             .origin = "ATLAS.ti (converted by Framer)",
                             .counting = PositionCounting::CodePointsLfOnly,
                             .bom = false,
                             .line_ending = LineEnding::Crlf,
                             .sources_folder = "sources/",
                             .guid_case = GuidCase::Upper,
                             .file_naming = FileNaming::AsRead,
                             .losses = k_losses};

}  // namespace refi::dialects

// QualCoder 3.x exports and its importer (DIALECTS.md §1, §2, §3, §5 "--to qualcoder"; ccbogel/QualCoder@c3204641
// src/qualcoder/refi.py).
// Checklist:
//   positions    code points over the text without its BOM, LF counted as one, exclusive end
//   origin       "QualCoder (converted by Framer)" when written as a conversion target
//   text files   UTF-8 WITHOUT a BOM, LF. QualCoder itself writes utf-8-sig (refi.py:2121), but its importer
//                reads the txt with encoding='utf-8' (refi.py:1540), which keeps U+FEFF as the first character,
//                and slices fulltext[start:end] (refi.py:1692): a BOM would shift every coding by one. And a first
//                line ending in CRLF makes it rewrite '\n' as '\n ' (refi.py:1517-1545), so LF it is.
//   folder       lower-case sources/ (it reads either, refi.py:318-322)
//   GUID case    lower case (refi.py:3340-3358); file names as read (its plain and rich files carry GUIDs of
//                their own, refi.py:2119; the importer follows plainTextPath)
//   losses       Graphs (refi.py:451), Links that are not NVivo annotations (only parse_links reads them),
//                NoteRefs on codes (never read), Notes without plainTextPath or name that are no annotation
//                (parse_notes, refi.py:1796), Set members other than sources (parse_set reads MemberSource only)
#include "refi/dialect.hpp"

namespace refi::dialects {

namespace {
constexpr DialectLoss k_losses[] = {
    {"graph(s)", losses::graphs, "QualCoder does not import Graphs (refi.py:451)"},
    {"link(s) other than note -> text selection", losses::links_not_annotations,
     "QualCoder reads a Link only as an NVivo annotation, Note -> PlainTextSelection (refi.py parse_links)"},
    {"NoteRef(s) on codes", losses::code_note_refs, "QualCoder's importer never reads a code's NoteRef (refi.py)"},
    {"note(s) without a plainTextPath file or a name", losses::notes_without_text_file,
     "QualCoder imports a Note as a journal only with a plainTextPath and a name (refi.py:1796)"},
    {"set member(s) that are codes or notes", losses::set_members_not_sources,
     "QualCoder turns a Set into a file variable from its MemberSources only (refi.py parse_set)"},
};
}  // namespace

const DialectProfile qualcoder{.dialect = Dialect::QualCoder,
                               .tool = "QualCoder",
                               .origin = "QualCoder (converted by Framer)",
                               .counting = PositionCounting::CodePoints,
                               .bom = false,
                               .line_ending = LineEnding::Lf,
                               .sources_folder = "sources/",
                               .guid_case = GuidCase::Lower,
                               .file_naming = FileNaming::AsRead,
                               .losses = k_losses};

}  // namespace refi::dialects

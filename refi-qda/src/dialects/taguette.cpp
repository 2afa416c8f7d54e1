// Taguette 1.4 (codebooks only: flat tag-path names, uuid5 GUIDs, an empty <Sets/>; DIALECTS.md §1).
// Checklist:
//   positions    code points (Taguette writes no projects; a project converted for it keeps the standard's)
//   origin       "Taguette (converted by Framer)" when written as a conversion target
//   text files   UTF-8 without BOM, LF, as the standard; GUIDs and file names as read
//   losses       Taguette imports a REFI codebook only (qdasoftware.org/refi-qda-codebook lists it for the
//                codebook exchange): every source, note and case of a project is left behind
#include "refi/dialect.hpp"

namespace refi::dialects {

namespace {
constexpr DialectLoss k_losses[] = {
    {"source(s) with their codings", losses::sources, "Taguette imports only the codebook of a REFI-QDA file"},
    {"note(s)", losses::notes, "Taguette imports only the codebook of a REFI-QDA file"},
    {"case(s)", losses::cases, "Taguette imports only the codebook of a REFI-QDA file"},
};
}  // namespace

const DialectProfile taguette{.dialect = Dialect::Taguette,
                              .tool = "Taguette",
                              .origin = "Taguette (converted by Framer)",
                              .counting = PositionCounting::CodePoints,
                              .bom = false,
                              .line_ending = LineEnding::Lf,
                              .sources_folder = "sources/",
                              .guid_case = GuidCase::AsRead,
                              .file_naming = FileNaming::AsRead,
                              .losses = k_losses};

}  // namespace refi::dialects

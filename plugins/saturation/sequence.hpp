#pragma once
/// One interview sequence of `framer saturation` (all units, or one --by group): per unit the codes first seen
/// there and the running total, and both stopping rules applied to it.

#include <cstddef>
#include <string>
#include <vector>

#include "saturation/rules.hpp"

namespace framer::saturation {

struct Parameters {
    std::size_t base = 4, run = 2, window = 5;
    double threshold = 0.05;
};

struct Sequence {
    std::string group;                        ///< the --by value; empty for all units
    std::vector<std::size_t> units;           ///< indices into the analysis' units, in interview order
    std::vector<std::string> keys;            ///< per position: the value ordered by ("" when none)
    std::vector<std::vector<int>> new_codes;  ///< per position: code ids first seen there, in codebook order
    std::vector<std::size_t> new_counts;      ///< per position: new_codes[i].size()
    std::vector<std::size_t> cumulative;      ///< per position: distinct codes seen up to and including it
    Guest guest;
    Window window;
};

/// Builds a sequence from units in interview order: `codes_of[u]` holds unit u's code ids (each once, sorted by
/// id = codebook order).
Sequence make_sequence(std::string group, std::vector<std::size_t> units, std::vector<std::string> keys,
                       const std::vector<std::vector<int>>& codes_of, const Parameters& parameters);

}  // namespace framer::saturation

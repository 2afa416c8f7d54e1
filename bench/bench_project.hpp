#pragma once
/// The benchmark's project: N text sources x M codings (default 1,000 x 100), with cases (two sources each),
/// a Role variable to group by, and the seed's Table 2 codebook. Deterministic.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "refi/model.hpp"

namespace framer::bench {

struct BenchShape {
    int sources = 1000;
    int codings_per_source = 100;
    int sources_per_case = 2;
    /// Codes in the codebook: the seed's Table 2 (35 codes: 33 chart columns) padded with generated domains, themes
    /// and subthemes up to this many (0 = the seed's 35), so a wide codebook (328 codes) or a sparse chart can be
    /// measured.
    int codes = 0;
    /// Windows line breaks (CR LF) in every text, as exports from Windows tools have them: then every counting
    /// reads each selection differently, and the position check weighs every selection against its text.
    bool crlf = false;
};

/// Builds the project in memory (its texts in a MemoryStore).
refi::Project make_bench_project(const BenchShape& shape);

/// Participants per code path ("A > B > C") and group value of `by`, unit = case, codes counted through their
/// descendants: the table tabulate and tabulate_reference.py compute, done directly on the model.
using CountTable = std::map<std::string, std::map<std::string, int>>;  ///< path -> group -> n ("" = total)
CountTable count_participants(const refi::Project& project, const std::string& by);

/// Compares a participant-per-code JSON (tabulate_reference.py's or framer tabulate's) with the direct count;
/// returns "" when they agree, else what differs first.
std::string compare_counts(const std::string& json_text, const CountTable& expected);

}  // namespace framer::bench

#pragma once
/// The sample projects of samples/ (see samples/README.md), built in code, deterministically.

#include <filesystem>
#include <string>
#include <vector>

#include "refi/model.hpp"

namespace framer::samples {

/// How the small study is written: as the standard describes it, as MAXQDA exports it, as NVivo exports it.
enum class Style { Standard, Maxqda, Nvivo };

/// The small framework study (12 participants, two groups, Table 2's codebook, memo, set, double coding).
refi::Project recovery_study(Style style);

/// 63 participants whose codings reproduce the seed paper's Table 2 counts (and Table 1's characteristics).
/// Throws GeneratorError if any count cannot be met.
refi::Project seed_table2_study();

struct SampleFile {
    std::string file_name;  ///< e.g. "recovery-study.qdpx"
    refi::Project (*build)();
};

/// Every sample, in the order samples/README.md lists them.
const std::vector<SampleFile>& sample_files();

/// Writes every sample into `dir` (created if needed); returns the paths written. Throws on any failure.
std::vector<std::filesystem::path> write_samples(const std::filesystem::path& dir);

}  // namespace framer::samples

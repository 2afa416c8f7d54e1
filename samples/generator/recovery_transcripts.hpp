#pragma once
/// The interview transcripts of the small recovery study (samples/recovery-study*.qdpx): short, invented in the
/// spirit of the seed paper, with non-ASCII text (curly quotes, é, ü, an em dash, one emoji).

#include <string>
#include <vector>

namespace framer::samples {

struct Transcript {
    std::string participant;  ///< "SU4", "T12": the case name
    std::string text;         ///< LF line endings; the generator turns one into CRLF
};

/// The twelve transcripts, service users first, each in natural order of its number.
const std::vector<Transcript>& recovery_transcripts();

}  // namespace framer::samples

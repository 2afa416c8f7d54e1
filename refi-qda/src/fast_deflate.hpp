#pragma once
// Private: the fastest deflate to be had, for the one large entry Framer compresses (project.qde): Intel's ISA-L
// (igzip) at its level 1. On the 35.7 MB XML of the bench's wide project it takes a third of libdeflate level 1's
// time for an output 0.7% larger (bench/README.md, "convert"); every reader inflates it as any deflate stream.

#include <cstddef>
#include <string_view>

namespace refi::detail {

/// Deflates `in` (raw deflate, as a zip entry holds it) into `out`; returns the compressed size, or 0 when it
/// does not fit in `out_size` bytes or `in` is too large for one call (4 GiB): the caller then uses libdeflate.
std::size_t fast_deflate(std::string_view in, char* out, std::size_t out_size);

}  // namespace refi::detail

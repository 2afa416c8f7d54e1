#pragma once
// Private: the fastest deflate to be had, for the one large entry Framer compresses (project.qde): Intel's ISA-L
// (igzip) at its level 1. On the 35.7 MB XML of the bench's wide project it takes a third of libdeflate level 1's
// time for an output 0.7% larger (bench/README.md, "convert"); every reader inflates it as any deflate stream.

#include <cstddef>
#include <string_view>
#include <vector>

namespace refi::detail {

/// Deflates `in` (raw deflate, as a zip entry holds it) into `out`; returns the compressed size, or 0 when it
/// does not fit in `out_size` bytes or `in` is too large for one call (4 GiB): the caller then uses libdeflate.
std::size_t fast_deflate(std::string_view in, char* out, std::size_t out_size);
/// The same for data given in pieces (one deflate stream of their concatenation), as a part written in pieces
/// (an xlsx sheet: its head, rows and tail) is never copied into one buffer.
std::size_t fast_deflate(const std::vector<std::string_view>& pieces, char* out, std::size_t out_size);

}  // namespace refi::detail

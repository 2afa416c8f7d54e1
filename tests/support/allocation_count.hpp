#pragma once
// How many times the test binary has called operator new, and how many bytes it holds: tests that a piece of work does not allocate per item
// (a chart's empty cells) count allocations around it. Counted by the replacement operator new in
// allocation_count.cpp, for the whole test binary (a relaxed atomic increment per allocation).
#include <cstddef>

namespace framer::test {

std::size_t allocations_so_far();
/// Bytes allocated through operator new and not yet freed (as malloc_usable_size counts them).
std::size_t live_bytes();
/// The most live_bytes() has been since the last reset_peak_live_bytes() (or the start): a structural memory
/// check ("this work never holds all its rows at once") that does not depend on the machine or on timing.
std::size_t peak_live_bytes();
/// Starts a new peak from the current live bytes.
void reset_peak_live_bytes();

}  // namespace framer::test

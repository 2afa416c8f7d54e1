#pragma once
// How many times the test binary has called operator new: tests that a piece of work does not allocate per item
// (a chart's empty cells) count allocations around it. Counted by the replacement operator new in
// allocation_count.cpp, for the whole test binary (a relaxed atomic increment per allocation).
#include <cstddef>

namespace framer::test {

std::size_t allocations_so_far();

}  // namespace framer::test

#pragma once
// Test helper: every entry of a zip held in memory (an xlsx, a docx, a .qdpx), read with libzip.

#include <string>
#include <utility>
#include <vector>

namespace framer::test {

/// The entries' names and bytes in archive order. Fails the test (REQUIRE) when the bytes are not a consistent
/// zip (ZIP_CHECKCONS) or an entry cannot be read whole.
std::vector<std::pair<std::string, std::string>> zip_entries(const std::string& bytes);

}  // namespace framer::test

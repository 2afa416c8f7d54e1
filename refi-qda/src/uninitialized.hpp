#pragma once
// Private: a std::string sized for a buffer that is about to be written whole (inflated data), without the
// zero-fill std::string::resize does.
#include <cstddef>
#include <string>

namespace refi::detail {

/// Makes `s` `n` characters long; the new characters' values are unspecified (zero-filled in C++20, where
/// std::string has no resize_and_overwrite). Write all of them before reading any.
void resize_for_overwrite(std::string& s, std::size_t n);

}  // namespace refi::detail

#pragma once
/// Making text valid UTF-8 before it is written: every writer (XML, JSON) passes its strings through this, so no
/// command ever writes a file a strict parser refuses, whatever bytes reached the model.

#include <cstddef>
#include <string>
#include <string_view>

namespace refi {

/// `text` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD; `replaced` (if given)
/// gets how many. Valid text comes back unchanged.
std::string to_valid_utf8(std::string_view text, std::size_t* replaced = nullptr);

}  // namespace refi

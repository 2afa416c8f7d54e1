#pragma once
// Private: the writers' name for the public refi::TempFile (refi/temp_file.hpp).

#include "refi/temp_file.hpp"

namespace refi::detail {
using TempFile = refi::TempFile;
}  // namespace refi::detail

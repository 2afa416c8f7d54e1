#pragma once
// Private: parse a project.qde held in a string (read where it is, no copy; invalid UTF-8 and NUL bytes are
// replaced in it first).

#include <memory>
#include <string>

#include "refi/io.hpp"

namespace refi::detail {

Project parse_project_buffer(std::string xml, const std::string& file_label, Diagnostics& diagnostics,
                             const ReadOptions& options, std::shared_ptr<const SourceStore> store);

}  // namespace refi::detail

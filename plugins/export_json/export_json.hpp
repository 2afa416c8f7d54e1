#pragma once
/// JSON exporter ("json"): prints Result::json, the analysis' own documented shape.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The json exporter: Result::json with two-space indentation and a final newline.
std::unique_ptr<Exporter> make_json_exporter();

}  // namespace framer

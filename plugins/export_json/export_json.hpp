#pragma once
/// JSON exporter ("json"): prints the analysis' own documented shape (Result::write_json or Result::json).

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The json exporter: Result::write_json's text, else Result::json, with two-space indentation (none with
/// Result::compact_json) and a final newline.
std::unique_ptr<Exporter> make_json_exporter();

}  // namespace framer

#pragma once
/// The svg exporter: the result's figures (saturation curves) as one SVG picture. A result without figures is a
/// UsageError ("svg needs a figure"), never an empty file.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// A new svg exporter (registered as "svg").
std::unique_ptr<Exporter> make_svg_exporter();

}  // namespace framer

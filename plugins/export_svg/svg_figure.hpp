#pragma once
/// Draws a Figure as SVG markup: the one drawing code behind the svg exporter and the figures inline in html.

#include <ostream>
#include <vector>

#include "core/result.hpp"

namespace framer {

/// Writes one <svg> element holding every figure, stacked top to bottom. Each series is a <g class="series">
/// with one element of class "point" per category (a circle on a line, a bar), each mark a <g class="mark">,
/// so tests and scripts can read the picture back. `xml_declaration`: start with <?xml ...?> (a file of its own).
void write_svg_figures(const std::vector<Figure>& figures, std::ostream& out, bool xml_declaration);

}  // namespace framer

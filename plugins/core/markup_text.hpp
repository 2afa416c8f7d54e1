#pragma once
/// Escaping text into markup, for the HTML exporter and the SVG figures (XML) alike: & < > " ' as entities, and
/// the C0 controls other than tab, line feed and carriage return, which neither HTML text nor XML may hold, as
/// U+FFFD (an SVG holding one would not be well-formed).

#include <string>
#include <string_view>

namespace framer::markup {

/// Appends `text` to `out` escaped. With `line_breaks` (HTML only), a line feed becomes "<br>" and a carriage
/// return is dropped (outside pre-wrap cells a break must be explicit). Clean runs are copied whole.
void append_escaped(std::string& out, std::string_view text, bool line_breaks = false);

/// append_escaped into a new string.
std::string escaped(std::string_view text, bool line_breaks = false);

}  // namespace framer::markup

#pragma once
// Test helper: canonical XML comparison, to prove that a rewritten project.qde holds exactly the same
// elements, attributes and text as its input, whatever the indentation and attribute order.

#include <optional>
#include <string>
#include <string_view>

namespace framer::test {

/// Compares two XML documents: the same elements in the same order (qualified names as spelled), the same
/// attributes as sets (namespace declarations included), the same text content (whitespace-only text between
/// elements ignored, as it is indentation). Returns nullopt when equal, else the first difference with the path
/// of the element where it was found. A parse failure is reported as a difference.
std::optional<std::string> xml_difference(std::string_view expected, std::string_view actual);

}  // namespace framer::test

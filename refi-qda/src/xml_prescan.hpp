#pragma once
// Private: what XML forbids but pugixml accepts, checked in one cheap pass before parsing (pugixml is lenient by
// design and would read these silently, then the writer would change or drop them).

#include <string>

#include "refi/error.hpp"

namespace refi::detail {

/// Reports, as errors with line:column and a stable id: bytes that are not UTF-8 ("invalid-utf8", replaced in
/// `xml` by U+FFFD so nothing written later is invalid), a second root element ("second-root-element"), an
/// attribute given twice ("duplicate-attribute"), '<' in an attribute value ("lt-in-attribute"), '&' that starts
/// no character or predefined entity reference ("bare-ampersand") and a document type declaration ("doctype",
/// never processed: no entity is ever expanded). Throws refi::Error for UTF-16/UTF-32 input, which is not a
/// REFI-QDA file (the standard requires UTF-8). Returns the number of findings.
std::size_t prescan_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics);

}  // namespace refi::detail

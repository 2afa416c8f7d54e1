#pragma once
// Private: the checks on project.qde's bytes before it is read (the encoding, UTF-8), and all the checks of
// reading it at once for a caller that builds nothing.

#include <string>

#include "refi/error.hpp"

namespace refi::detail {

/// Throws refi::Error for UTF-16/UTF-32 input, which is not a REFI-QDA file (the standard requires UTF-8).
void check_encoding(const std::string& xml, const std::string& file);

/// Reports each byte that does not start or continue a valid UTF-8 sequence ("invalid-utf8", line:column) and
/// replaces it in `xml` by U+FFFD, so nothing written later is invalid.
void repair_utf8(std::string& xml, const std::string& file, Diagnostics& diagnostics);

/// Reports each NUL byte ("nul-byte", line:column; XML has no NUL character, and a lenient parser cut the text
/// short there) and replaces it in `xml` by U+FFFD.
void repair_nul_bytes(std::string& xml, const std::string& file, Diagnostics& diagnostics);

/// Every finding reading `xml` gives, without building a model: the encoding and UTF-8 (above), then one pass of
/// the tokenizer (xml_pull.hpp: a second root element, an attribute given twice, '<' in an attribute value, '&'
/// that starts no reference, a reference to no character, a DOCTYPE). Throws refi::Error on malformed XML.
/// Returns the number of findings.
std::size_t prescan_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics);

}  // namespace refi::detail

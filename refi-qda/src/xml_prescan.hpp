#pragma once
// Private: the checks on project.qde's bytes before it is read (the encoding, UTF-8, NUL), and all the checks of
// reading it at once for a caller that builds nothing.

#include <string>

#include "refi/error.hpp"

namespace refi::detail {

/// Makes `xml` ready for the tokenizer and returns the length of its byte-order mark (0 or 3), to be skipped.
/// Throws refi::Error for UTF-16/UTF-32 input, which is not a REFI-QDA file (the standard requires UTF-8).
/// Reports each byte that does not start or continue a valid UTF-8 sequence ("invalid-utf8") and each NUL byte
/// ("nul-byte": XML has no NUL character, and a lenient parser cut the text short there), with line:column, and
/// replaces each in `xml` by U+FFFD, so nothing written later is invalid.
std::size_t prepare_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics);

/// Every finding reading `xml` gives, without building a model: prepare_xml, then one pass of
/// the tokenizer (xml_pull.hpp: a second root element, an attribute given twice, '<' in an attribute value, '&'
/// that starts no reference, a reference to no character, a DOCTYPE). Throws refi::Error on malformed XML.
/// Returns the number of findings.
std::size_t prescan_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics);

}  // namespace refi::detail

#pragma once
// The parts of a docx around the document body: content types, relationships, styles, settings and document
// properties, and the zip that holds them.

#include <string>

namespace framer::docx {

/// The whole .docx (a zip) for `document_xml` (word/document.xml); `title` goes into docProps/core.xml.
/// Throws std::runtime_error when libzip fails.
std::string package(const std::string& document_xml, const std::string& title);

/// Text safe inside an XML element or attribute: markup characters escaped; C0 controls (but tab and line
/// breaks), broken UTF-8, surrogates and U+FFFE/U+FFFF replaced by U+FFFD, which XML 1.0 cannot hold.
std::string xml_text(const std::string& text);

}  // namespace framer::docx

#pragma once
// Test helper: the content-bearing XML parts of an xlsx or docx, for golden files.

#include <string>

namespace framer::test {

/// xlsx and docx are zips: the worksheets, shared strings, workbook and Word body, sorted by name, each after a
/// "=== NAME" line (docProps are fixed by the exporters). The docx body is written as one long line, so it is
/// indented for a reviewable diff. Fails the test (REQUIRE) when the bytes are not a zip.
std::string zip_dump(const std::string& bytes);

}  // namespace framer::test

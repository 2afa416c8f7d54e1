#pragma once
// Test helper: validate a written file against the REFI-QDA schemas in ../shared with xmllint.

#include <filesystem>
#include <optional>
#include <string>

namespace framer::test {

struct XsdResult {
    bool valid = false;
    std::string output;  ///< xmllint's messages
};

/// Why schema validation cannot run here (no ../shared/refi-qda-schema, no xmllint), or nullopt when it can.
std::optional<std::string> xsd_skip_reason();
/// Validates `file` against Project-mrt2019.xsd.
XsdResult validate_project_xsd(const std::filesystem::path& file);
/// Validates `file` against Codebook-mrt2019.xsd.
XsdResult validate_codebook_xsd(const std::filesystem::path& file);
/// Validates XML text (written to a temporary file) against the project schema.
XsdResult validate_project_xml(const std::string& xml);

}  // namespace framer::test

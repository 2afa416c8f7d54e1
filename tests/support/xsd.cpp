// xmllint --schema over the shared REFI-QDA XSDs (tests only).
#include "support/xsd.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace framer::test {

namespace {

std::filesystem::path schema_dir() { return std::filesystem::path(FRAMER_SHARED_DIR) / "refi-qda-schema"; }

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

XsdResult run_xmllint(const std::filesystem::path& schema, const std::filesystem::path& file) {
    std::string command =
        fmt::format("xmllint --noout --schema {} {} 2>&1", quote(schema.string()), quote(file.string()));
    XsdResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        result.output = "cannot run xmllint";
        return result;
    }
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
    int status = ::pclose(pipe);
    result.valid = status == 0;
    return result;
}

}  // namespace

std::optional<std::string> xsd_skip_reason() {
    std::error_code ec;
    if (!std::filesystem::exists(schema_dir() / "Project-mrt2019.xsd", ec))
        return "schema validation skipped: " + schema_dir().string() + " is absent";
    if (std::system("xmllint --version >/dev/null 2>&1") != 0) return "schema validation skipped: no xmllint";
    return std::nullopt;
}

XsdResult validate_project_xsd(const std::filesystem::path& file) {
    return run_xmllint(schema_dir() / "Project-mrt2019.xsd", file);
}

XsdResult validate_codebook_xsd(const std::filesystem::path& file) {
    return run_xmllint(schema_dir() / "Codebook-mrt2019.xsd", file);
}

XsdResult validate_project_xml(const std::string& xml) {
    auto path = std::filesystem::temp_directory_path() / fmt::format("framer-xsd-{}.qde", ::getpid());
    {
        std::ofstream out(path, std::ios::binary);
        out << xml;
    }
    auto result = validate_project_xsd(path);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return result;
}

}  // namespace framer::test

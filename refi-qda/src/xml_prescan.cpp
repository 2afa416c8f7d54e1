// The checks on project.qde's bytes (xml_prescan.hpp).
#include "xml_prescan.hpp"

#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "refi/text.hpp"
#include "xml_findings.hpp"
#include "xml_location.hpp"
#include "xml_pull.hpp"

namespace refi::detail {

namespace {

/// UTF-16 and UTF-32 give NUL bytes among the first ones (or their byte-order marks).
const char* wide_encoding(std::string_view x) {
    auto b = [&](std::size_t i) { return i < x.size() ? static_cast<unsigned char>(x[i]) : 0x100u; };
    if (b(0) == 0xFF && b(1) == 0xFE) return b(2) == 0 && b(3) == 0 ? "UTF-32LE" : "UTF-16LE";
    if (b(0) == 0xFE && b(1) == 0xFF) return "UTF-16BE";
    if (b(0) == 0 && b(1) == 0 && b(2) == 0xFE && b(3) == 0xFF) return "UTF-32BE";
    if (b(0) == '<' && b(1) == 0) return b(2) == 0 ? "UTF-32LE" : "UTF-16LE";
    if (b(0) == 0 && b(1) == '<') return "UTF-16BE";
    if (b(0) == 0 && b(1) == 0 && b(2) == 0 && b(3) == '<') return "UTF-32BE";
    return nullptr;
}

}  // namespace

void check_encoding(const std::string& xml, const std::string& file) {
    if (const char* encoding = wide_encoding(xml))
        throw Error(file, {}, fmt::format("the file is {}; REFI-QDA requires UTF-8 (convert it, e.g. "
                                          "iconv -f {} -t UTF-8)", encoding, encoding));
}

void repair_utf8(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    std::size_t bad = 0;
    if (is_valid_utf8(xml, &bad)) return;
    XmlFindings findings(file, diagnostics);
    const LineMap lines(xml);
    std::string fixed;
    fixed.reserve(xml.size() + 16);
    std::string_view rest(xml);
    std::size_t base = 0;
    while (!is_valid_utf8(rest, &bad)) {
        findings.error("invalid-utf8", lines.at(static_cast<std::ptrdiff_t>(base + bad)),
                       fmt::format("byte 0x{:02X} is not UTF-8 (replaced by U+FFFD; the file must be UTF-8)",
                                   static_cast<unsigned char>(rest[bad])));
        fixed.append(rest.substr(0, bad));
        fixed += "\xEF\xBF\xBD";
        rest.remove_prefix(bad + 1);
        base += bad + 1;
    }
    fixed.append(rest);
    xml = std::move(fixed);
    findings.finish();
}

void repair_nul_bytes(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    std::size_t at = xml.find('\0');
    if (at == std::string::npos) return;
    XmlFindings findings(file, diagnostics);
    const LineMap lines(xml);
    std::string fixed;
    fixed.reserve(xml.size() + 16);
    std::size_t from = 0;
    for (; at != std::string::npos; at = xml.find('\0', from)) {
        findings.error("nul-byte", lines.at(static_cast<std::ptrdiff_t>(at)),
                       "a NUL byte: XML has no such character (replaced by U+FFFD)");
        fixed.append(xml, from, at - from);
        fixed += "\xEF\xBF\xBD";
        from = at + 1;
    }
    fixed.append(xml, from, std::string::npos);
    xml = std::move(fixed);
    findings.finish();
}

std::size_t prescan_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    const std::size_t before = diagnostics.items().size();
    check_encoding(xml, file);
    repair_utf8(xml, file, diagnostics);
    repair_nul_bytes(xml, file, diagnostics);
    const std::size_t bom = xml.size() - strip_bom(xml).size();
    XmlFindings findings(file, diagnostics);
    XmlPull pull(xml.data() + bom, xml.size() - bom, file, findings);
    try {
        const XmlElement root = pull.root();
        pull.skip(root);
        pull.finish();
    } catch (...) {
        findings.finish();
        throw;
    }
    findings.finish();
    return diagnostics.items().size() - before;
}

}  // namespace refi::detail

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

void check_encoding(const std::string& xml, const std::string& file) {
    if (const char* encoding = wide_encoding(xml))
        throw Error(file, {}, fmt::format("the file is {}; REFI-QDA requires UTF-8 (convert it, e.g. "
                                          "iconv -f {} -t UTF-8)", encoding, encoding));
}

/// The offset of the first byte at or after `from` that is not UTF-8, else npos.
std::size_t next_invalid_utf8(const std::string& xml, std::size_t from) {
    std::size_t bad = 0;
    return is_valid_utf8(std::string_view(xml).substr(from), &bad) ? std::string::npos : from + bad;
}

/// prepare_xml's repair, once a bad byte is known to be there: one copy, each bad UTF-8 byte and each NUL
/// replaced in document order. The next of each kind is searched for again only once passed, so the pass stays
/// linear however many there are.
void repair_bytes(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    XmlFindings findings(file, diagnostics);
    std::optional<LineMap> lines;  // made for the first finding listed
    auto where = [&](std::size_t at) {
        return [&lines, &xml, at] {
            if (!lines) lines.emplace(xml);
            return lines->at(static_cast<std::ptrdiff_t>(at));
        };
    };
    std::string fixed;
    fixed.reserve(xml.size() + 16);
    std::size_t from = 0;
    std::size_t utf8 = next_invalid_utf8(xml, 0), nul = xml.find('\0');
    while (utf8 != std::string::npos || nul != std::string::npos) {
        const std::size_t at = std::min(utf8, nul);
        if (at == nul) {
            findings.report("nul-byte", where(at),
                            [] { return std::string("a NUL byte: XML has no such character (replaced by U+FFFD)"); });
        } else {
            findings.report("invalid-utf8", where(at), [&] {
                return fmt::format("byte 0x{:02X} is not UTF-8 (replaced by U+FFFD; the file must be UTF-8)",
                                   static_cast<unsigned char>(xml[at]));
            });
        }
        fixed.append(xml, from, at - from);
        fixed += "\xEF\xBF\xBD";
        from = at + 1;
        if (utf8 != std::string::npos && utf8 < from) utf8 = next_invalid_utf8(xml, from);
        if (nul != std::string::npos && nul < from) nul = xml.find('\0', from);
    }
    fixed.append(xml, from, std::string::npos);
    xml = std::move(fixed);
    findings.finish();
}

}  // namespace

std::size_t prepare_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    check_encoding(xml, file);
    if (!is_valid_utf8(xml) || xml.find('\0') != std::string::npos) repair_bytes(xml, file, diagnostics);
    return xml.size() - strip_bom(xml).size();
}

std::size_t prescan_xml(std::string& xml, const std::string& file, Diagnostics& diagnostics) {
    const std::size_t before = diagnostics.items().size();
    const std::size_t bom = prepare_xml(xml, file, diagnostics);
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

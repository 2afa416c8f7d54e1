// libFuzzer harness: any bytes as project.qde must give a Project or a refi::Error, never a crash, and what is
// read must survive write -> read unchanged; where both the reader's tokenizer and pugixml (which the reader used
// before) accept the bytes, they must read the same. Build and run: see tests/fuzz/README.md.
#include <cstdint>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "refi/refi.hpp"
#include "xml_findings.hpp"
#include "xml_prescan.hpp"
#include "xml_pull.hpp"

namespace {

using Read = std::pair<std::vector<std::pair<std::string, std::string>>, std::vector<std::string>>;

/// The root's attributes and each child element of the root serialised, by the tokenizer; false if it refuses
/// the bytes or decoded a reference to no character (pugixml cuts such text short at a NUL: a known difference).
bool read_with_pull(const std::string& xml, Read& out) {
    refi::Diagnostics d;
    refi::detail::XmlFindings findings("fuzz.qde", d);
    refi::detail::XmlPull pull(xml.data(), xml.size(), "fuzz.qde", findings);
    try {
        const refi::detail::XmlElement root = pull.root();
        for (const auto& a : pull.attributes()) out.first.emplace_back(a.name, a.value);
        pull.children(root, [&](const refi::detail::XmlElement& c) { out.second.push_back(pull.raw(c)); });
        pull.finish();
    } catch (const refi::Error&) {
        return false;
    }
    findings.finish();
    return !d.contains("bad-character-reference");
}

bool read_with_pugixml(std::string xml, Read& out) {
    pugi::xml_document doc;
    if (!doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                                 pugi::encoding_utf8))
        return false;
    for (auto a : doc.document_element().attributes()) out.first.emplace_back(a.name(), a.value());
    for (auto c : doc.document_element().children()) {
        if (c.type() != pugi::node_element) continue;
        std::ostringstream s;
        c.print(s, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
        out.second.push_back(s.str());
    }
    return true;
}

void compare_with_pugixml(std::string xml) {
    refi::Diagnostics d;
    try {
        // Both read the bytes as the reader does: bad UTF-8 and NUL bytes (where pugixml stops) replaced.
        xml.erase(0, refi::detail::prepare_xml(xml, "fuzz.qde", d));
    } catch (const refi::Error&) {
        return;
    }
    Read pull, pugi;
    if (!read_with_pull(xml, pull) || !read_with_pugixml(xml, pugi)) return;
    if (pull != pugi) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string xml(reinterpret_cast<const char*>(data), size);
    compare_with_pugixml(xml);
    refi::Diagnostics diagnostics;
    refi::Project project;
    try {
        project = refi::parse_project_xml(xml, "fuzz.qde", diagnostics);
    } catch (const refi::Error&) {
        return 0;  // refused with a message: fine
    }
    refi::ValidateOptions no_text;
    no_text.check_text = false;
    (void)refi::validate(project, no_text);
    refi::Diagnostics write_diagnostics;
    std::string written = refi::project_to_xml(project, write_diagnostics);
    refi::Project again = refi::parse_project_xml(written, "fuzz-written.qde", diagnostics);
    // The writer declares the default namespace when the input had none (strict importers require it).
    bool had_xmlns = false;
    for (const auto& a : project.ext.attributes) had_xmlns |= a.name == "xmlns";
    if (!had_xmlns) {
        refi::CompactVector<refi::Attribute> with{{"xmlns", "urn:QDA-XML:project:1.0"}};
        for (const auto& a : project.ext.attributes) with.push_back(a);
        project.ext.attributes = with;
    }
    // Two documented, warned changes: control characters XML cannot carry (pugixml reads them leniently) are
    // replaced, and a container with no items is not written (the schema forbids it) even if it held unknown
    // content. Anything else that differs is a bug.
    bool warned_loss = write_diagnostics.contains("replaced-character") ||
                       write_diagnostics.contains("dropped-empty-container");
    if (!warned_loss && !(again == project)) __builtin_trap();
    return 0;
}

// libFuzzer harness: any bytes as project.qde must give a Project or a refi::Error, never a crash, and what is
// read must survive write -> read unchanged. Build and run: see tests/fuzz/README.md.
#include <cstdint>
#include <string>

#include "refi/refi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string xml(reinterpret_cast<const char*>(data), size);
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

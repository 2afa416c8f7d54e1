#pragma once
// Shared by the chart and summaries tests: reading samples, running the chart, independent UTF-8 slicing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "refi/io.hpp"

namespace framer::test {

inline std::string sample_path(const std::string& name) { return std::string(FRAMER_SOURCE_DIR) + "/samples/" + name; }

inline refi::Project read_sample(const std::string& name) {
    refi::Diagnostics d;
    return refi::read_project(sample_path(name), d);
}

inline Result run_chart(const refi::Project& project, const Options& options = {}) {
    const Analysis* chart = builtin_registry().analysis("chart");
    REQUIRE(chart);
    return chart->run(project, options);
}

/// Code points [start, end) of UTF-8 text, decoded here by hand (not with refi::substr_code_points), so the test
/// checks the program against an independent computation.
inline std::string slice_code_points(const std::string& text, long long start, long long end) {
    std::vector<std::size_t> offsets;  // byte offset of each code point
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
    offsets.push_back(text.size());
    auto at = [&](long long cp) {
        if (cp < 0) cp = 0;
        if (cp >= static_cast<long long>(offsets.size())) cp = static_cast<long long>(offsets.size()) - 1;
        return offsets[static_cast<std::size_t>(cp)];
    };
    if (end <= start) return {};
    return text.substr(at(start), at(end) - at(start));
}

}  // namespace framer::test

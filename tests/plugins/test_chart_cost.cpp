// A chart costs per coding plus a small constant per cell: an empty cell (a unit x a code nobody coded for it)
// is written, but allocates nothing and is looked up nowhere. Checked structurally, by counting allocations
// (support/allocation_count.hpp), not by timing: two projects with the same units and codings, one with a few
// hundred more codes that nobody used, must differ by far less than one allocation per added empty cell.
#include <catch2/catch.hpp>

#include <ostream>
#include <streambuf>
#include <string>

#include "core/json_writer.hpp"
#include "core/registry.hpp"
#include "plugins/project_builder.hpp"
#include "support/allocation_count.hpp"

using namespace framer;

namespace {

constexpr std::size_t units = 400;
constexpr std::size_t coded_codes = 4;

// `extra` codes that nobody coded, beside the coded ones, all under one theme: units x (coded + extra) cells.
refi::Project sparse_wide_project(std::size_t extra) {
    test::ProjectBuilder b;
    b.code("Theme");
    for (std::size_t c = 0; c < coded_codes + extra; ++c) b.code("Theme/Code " + std::to_string(c));
    for (std::size_t u = 0; u < units; ++u) {
        std::size_t s = b.source("Interview " + std::to_string(u));
        b.coding(s, "Theme/Code " + std::to_string(u % coded_codes));
    }
    return b.project();
}

// Counts the bytes written and keeps none (the JSON of 100,000 cells is tens of MB).
class CountingBuffer : public std::streambuf {
public:
    std::size_t bytes = 0;
protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += static_cast<std::size_t>(n);
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) ++bytes;
        return c;
    }
};

struct Cost {
    std::size_t allocations = 0;
    std::size_t bytes = 0;
};

// Allocations of running the chart for `parts` and, for json, of writing its JSON.
Cost chart_cost(const refi::Project& project, const std::string& parts) {
    const Analysis* chart = builtin_registry().analysis("chart");
    REQUIRE(chart);
    Options options;
    options.set("parts", parts);
    CountingBuffer sink;
    std::ostream out(&sink);
    const std::size_t before = test::allocations_so_far();
    {
        Result result = chart->run(project, options);
        if (parts == "json") {
            REQUIRE(result.write_json);
            JsonWriter writer(out, 2);
            result.write_json(writer);
            writer.finish();
        }
    }
    return {test::allocations_so_far() - before, sink.bytes};
}

}  // namespace

TEST_CASE("Empty chart cells cost no allocation: codes nobody coded add per code, not per unit x code",
          "[chart][cost]") {
    constexpr std::size_t extra = 250;
    const refi::Project narrow = sparse_wide_project(0);
    const refi::Project wide = sparse_wide_project(extra);
    const std::size_t added_cells = units * extra;  // 100,000 empty cells

    for (const char* parts : {"json", "documents"}) {
        INFO("parts=" << parts);
        const Cost a = chart_cost(narrow, parts);
        const Cost b = chart_cost(wide, parts);
        if (std::string(parts) == "json") CHECK(b.bytes > a.bytes + added_cells * 100);  // every empty cell is written
        const std::size_t added = b.allocations - a.allocations;
        INFO("allocations: " << a.allocations << " -> " << b.allocations << " for " << added_cells << " more cells");
        // What a code costs once (its GUID, name, header, index entries) is a few dozen allocations; one
        // allocation per empty cell would be 100,000.
        CHECK(added < extra * 60);
        CHECK(added < added_cells / 5);
    }
}

// When framer asks glibc for huge pages: only for projects up to huge_pages_max_project_bytes, and as the
// environment forces. (Whether they pay is measured by the benchmark, bench/README.md, not here.)
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "huge_pages.hpp"

namespace fs = std::filesystem;
using framer::cli::huge_pages_max_project_bytes;
using framer::cli::huge_pages_pay;

namespace {

// Sets (or unsets) an environment variable for one scope and restores it afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) setenv(name, value, 1);
        else unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) setenv(name_, old_->c_str(), 1);
        else unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

// A sparse file of `size` bytes (no disk space used).
fs::path sized_file(const std::string& name, std::uintmax_t size) {
    fs::path p = fs::temp_directory_path() / ("framer-hp-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(p).put('x');
    fs::resize_file(p, size);
    return p;
}

}  // namespace

TEST_CASE("Huge pages are used for a project up to the size limit and not above it", "[cli][huge_pages]") {
    ScopedEnv force("FRAMER_HUGEPAGES", nullptr), refuse("FRAMER_NO_HUGEPAGES", nullptr);
    const fs::path small = sized_file("small.qdpx", 1 << 20);
    const fs::path limit = sized_file("limit.qde", huge_pages_max_project_bytes);
    const fs::path large = sized_file("large.qdpx", huge_pages_max_project_bytes + 1);
    CHECK(huge_pages_pay({"framer", "chart", small.string(), "-o", "out.json"}));
    CHECK(huge_pages_pay({"framer", "info", limit.string()}));
    CHECK_FALSE(huge_pages_pay({"framer", "tabulate", large.string(), "--by", "Role"}));
    // convert: the input decides; an output that does not exist yet is not a project read
    CHECK(huge_pages_pay({"framer", "convert", small.string(), "-o", "/nonexistent/out.qdpx"}));
    CHECK_FALSE(huge_pages_pay({"framer", "convert", small.string(), large.string()}));
    for (const auto& p : {small, limit, large}) fs::remove(p);
}

TEST_CASE("Huge pages are not used when no project file is named", "[cli][huge_pages]") {
    ScopedEnv force("FRAMER_HUGEPAGES", nullptr), refuse("FRAMER_NO_HUGEPAGES", nullptr);
    CHECK_FALSE(huge_pages_pay({"framer", "--help"}));
    CHECK_FALSE(huge_pages_pay({"framer", "info", "/nonexistent/project.qdpx"}));
}

TEST_CASE("FRAMER_HUGEPAGES forces huge pages on or off and FRAMER_NO_HUGEPAGES refuses them", "[cli][huge_pages]") {
    const fs::path small = sized_file("env-small.qdpx", 1 << 20);
    const fs::path large = sized_file("env-large.qdpx", huge_pages_max_project_bytes + 1);
    {
        ScopedEnv force("FRAMER_HUGEPAGES", "1"), refuse("FRAMER_NO_HUGEPAGES", nullptr);
        CHECK(huge_pages_pay({"framer", "info", large.string()}));
    }
    {
        ScopedEnv force("FRAMER_HUGEPAGES", "0"), refuse("FRAMER_NO_HUGEPAGES", nullptr);
        CHECK_FALSE(huge_pages_pay({"framer", "info", small.string()}));
    }
    {
        ScopedEnv force("FRAMER_HUGEPAGES", nullptr), refuse("FRAMER_NO_HUGEPAGES", "1");
        CHECK_FALSE(huge_pages_pay({"framer", "info", small.string()}));
    }
    for (const auto& p : {small, large}) fs::remove(p);
}

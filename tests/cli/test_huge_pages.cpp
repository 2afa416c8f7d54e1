// When framer asks glibc for huge pages: only when the environment asks (off by default), for a project read. (Whether they pay is measured by the benchmark, bench/README.md, not here.)
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "huge_pages.hpp"

namespace fs = std::filesystem;
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

TEST_CASE("Huge pages are not used unless FRAMER_HUGEPAGES asks for them, whatever the project's size",
          "[cli][huge_pages]") {
    ScopedEnv force("FRAMER_HUGEPAGES", nullptr), refuse("FRAMER_NO_HUGEPAGES", nullptr);
    const fs::path small = sized_file("small.qdpx", 1 << 20);
    const fs::path large = sized_file("large.qdpx", 200u << 20);
    CHECK_FALSE(huge_pages_pay({"framer", "chart", small.string(), "-o", "out.json"}));
    CHECK_FALSE(huge_pages_pay({"framer", "tabulate", large.string(), "--by", "Role"}));
    for (const auto& p : {small, large}) fs::remove(p);
}

TEST_CASE("Huge pages are not used when no project file is named, even when asked", "[cli][huge_pages]") {
    ScopedEnv force("FRAMER_HUGEPAGES", "1"), refuse("FRAMER_NO_HUGEPAGES", nullptr);
    CHECK_FALSE(huge_pages_pay({"framer", "--help"}));
    CHECK_FALSE(huge_pages_pay({"framer", "info", "/nonexistent/project.qdpx"}));
    // convert: the input decides; an output that does not exist yet is not a project read
    CHECK_FALSE(huge_pages_pay({"framer", "convert", "/nonexistent/in.qdpx", "/nonexistent/out.qdpx"}));
}

TEST_CASE("FRAMER_HUGEPAGES=1 asks for huge pages at any size: 0 or FRAMER_NO_HUGEPAGES refuses them",
          "[cli][huge_pages]") {
    const fs::path small = sized_file("env-small.qdpx", 1 << 20);
    const fs::path large = sized_file("env-large.qdpx", 200u << 20);
    {
        ScopedEnv force("FRAMER_HUGEPAGES", "1"), refuse("FRAMER_NO_HUGEPAGES", nullptr);
        CHECK(huge_pages_pay({"framer", "info", large.string()}));
        CHECK(huge_pages_pay({"framer", "convert", small.string(), "-o", "/nonexistent/out.qdpx"}));
    }
    {
        ScopedEnv force("FRAMER_HUGEPAGES", "0"), refuse("FRAMER_NO_HUGEPAGES", nullptr);
        CHECK_FALSE(huge_pages_pay({"framer", "info", small.string()}));
    }
    {
        ScopedEnv force("FRAMER_HUGEPAGES", "1"), refuse("FRAMER_NO_HUGEPAGES", "1");
        CHECK_FALSE(huge_pages_pay({"framer", "info", small.string()}));
    }
    for (const auto& p : {small, large}) fs::remove(p);
}

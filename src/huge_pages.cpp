// See huge_pages.hpp for when and why Framer re-executes itself once.
#include "huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

namespace framer::cli {

namespace {

bool is_project_file(const std::string& arg) {
    for (const char* ext : {".qdpx", ".qde", ".qdc", ".QDPX", ".QDE", ".QDC"}) {
        const std::size_t n = std::strlen(ext);
        if (arg.size() > n && arg.compare(arg.size() - n, n, ext) == 0) return true;
    }
    return false;
}

}  // namespace

bool huge_pages_pay(const std::vector<std::string>& args) {
    const char* ask = std::getenv("FRAMER_HUGEPAGES");
    if (!ask || !*ask || std::strcmp(ask, "0") == 0 || std::getenv("FRAMER_NO_HUGEPAGES")) return false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (!is_project_file(args[i])) continue;  // an output path (-o x.qdpx) does not exist yet: skipped below
        std::error_code ec;
        if (std::filesystem::is_regular_file(args[i], ec)) return true;
    }
    return false;
}

void use_huge_pages(char** argv) {
    const char* current = std::getenv("GLIBC_TUNABLES");
    std::string tunables = current ? current : "";
    if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;  // set by the user or by our exec
    std::vector<std::string> args;
    for (char** a = argv; *a; ++a) args.emplace_back(*a);
    if (!huge_pages_pay(args)) return;
    // The real path, so that the kernel names the process after it (exec of /proc/self/exe would name it `exe`).
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return;
    self[n] = '\0';
    if (std::strstr(self, " (deleted)")) return;  // the binary was replaced while running: do not exec another
    tunables += (tunables.empty() ? "" : ":") + std::string("glibc.malloc.hugetlb=1");
    if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
    execv(self, argv);
    // exec failed: carry on with normal pages; undo so child processes see what we saw.
    if (current) setenv("GLIBC_TUNABLES", current, 1);
    else unsetenv("GLIBC_TUNABLES");
}

}  // namespace framer::cli

#pragma once
/// Transparent huge pages, only when asked for (FRAMER_HUGEPAGES=1).

#include <optional>
#include <string>
#include <vector>

namespace framer::cli {

/// Whether to ask glibc for huge pages for this command line: only when FRAMER_HUGEPAGES=1 (or any value but 0)
/// asks for them, FRAMER_NO_HUGEPAGES is unset, and at least one existing project file (.qdpx, .qde, .qdc) is
/// named. Off by default: measured on the wide-codebook bench project once the reader held no tree (CPU, user +
/// sys, 6-8 interleaved runs, bench/README.md "Huge pages: off by default"), at 100,000 codings they saved chart
/// → json about 0.09 s of 0.75 but cost info and tabulate 0.1-0.25 s in the median and up to 0.7 s of system time in
/// single runs, the kernel compacting memory for fresh 2 MiB pages; from 300,000 codings they cost more than they
/// saved already before (up to 2x at 1M). A default must not be the slower choice on a loaded machine.
bool huge_pages_pay(const std::vector<std::string>& args);

/// Re-executes the program once with glibc's malloc asked to use transparent huge pages
/// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1) when huge_pages_pay() says so and the tunable is not already set.
///
/// Why: on virtual machines every first touch of a 4 KiB page is a costly trap; with 2 MiB pages there are 512×
/// fewer. glibc reads the tunable only at start-up, hence the exec. The program is executed by its real path
/// (readlink of /proc/self/exe), not as /proc/self/exe, so its process name stays `framer` in ps, top and perf,
/// and argv (argv[0] included) is passed on unchanged. Returns normally (nothing changed) if the exec is not
/// possible.
void use_huge_pages(char** argv);

}  // namespace framer::cli

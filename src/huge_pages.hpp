#pragma once
/// Transparent huge pages for small and mid-sized projects, not for large ones.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace framer::cli {

/// The largest project file (bytes on disk: .qdpx compressed, .qde/.qdc as is) for which huge pages are used by
/// default. Measured (bench/README.md, CPU time, medians): with glibc's huge pages chart → json of a 100,000-coding
/// project (8.9 MB .qdpx) costs 1.22 s instead of 1.72 s, tabulate 0.33 s instead of 0.37 s; at 1,000,000 codings
/// (89 MB .qdpx) tabulate costs 3.9 s instead of 3.5 s, the kernel spending its time compacting and zeroing fresh
/// 2 MiB pages (sys time 5 s instead of 1 s on a loaded machine).
inline constexpr std::uintmax_t huge_pages_max_project_bytes = 32u << 20;

/// Whether to ask glibc for huge pages for this command line: FRAMER_HUGEPAGES=1 forces them, FRAMER_NO_HUGEPAGES
/// (or FRAMER_HUGEPAGES=0) refuses them; otherwise only when every project file named in `args` (an existing
/// .qdpx, .qde or .qdc) is at most huge_pages_max_project_bytes, and at least one is named.
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

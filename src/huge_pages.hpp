#pragma once
/// Transparent huge pages for small and mid-sized projects, not for large ones.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace framer::cli {

/// The largest project file (bytes on disk: .qdpx compressed, .qde/.qdc as is) for which huge pages are used by
/// default. Measured on the wide-codebook bench project (328 codes; CPU time, medians, FRAMER_HUGEPAGES=0 vs 1;
/// bench/README.md, "read: analyses' fast path"): at 100,000 codings (8.9 MB .qdpx) info 0.32 -> 0.25 s, tabulate
/// 0.37 -> 0.28 s, chart → json 1.25 -> 1.01 s; at 300,000 (26.6 MB) info and tabulate even, chart → json
/// 4.09 -> 4.28 s (slower); at 1,000,000 (89 MB) info 3.5 -> 4.3 s and tabulate 3.5 -> 6.2 s, the kernel compacting
/// and zeroing fresh 2 MiB pages; at 10,000 (0.9 MB) even. Hence 16 MiB: on for the size where they pay, off from
/// where they stop paying. (On a machine under heavy load they cost even at 100,000: compaction is the cost.)
inline constexpr std::uintmax_t huge_pages_max_project_bytes = 16u << 20;

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

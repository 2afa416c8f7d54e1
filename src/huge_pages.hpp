#pragma once
/// Large projects and transparent huge pages.

namespace framer::cli {

/// Re-executes the program once with glibc's malloc asked to use transparent huge pages
/// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), unless that is already set or FRAMER_NO_HUGEPAGES is set.
///
/// Why: reading a 37 MB project.qde builds ~150 MB of DOM and model, and on virtual machines every first touch of
/// a 4 KiB page is a costly trap: 36,000 of them took more time than inflating and parsing the XML together
/// (bench/README.md). With 2 MiB pages there are ~2,000. glibc reads the tunable only at start-up, hence the
/// exec. Returns normally (nothing changed) if the exec is not possible.
void use_huge_pages(char** argv);

}  // namespace framer::cli

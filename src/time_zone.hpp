#pragma once
/// The local time zone, read once.

namespace framer::cli {

/// Sets TZ to ":/etc/localtime" when it is unset, before anything asks for the local time.
///
/// Why: with TZ unset, glibc's mktime() stats /etc/localtime on every call (it cannot tell whether the default
/// zone changed), and libzip calls mktime() for every entry of an archive's central directory while opening it.
/// On a project of 10,000 sources that was 4% of `framer info` (perf; bench/README.md, "Reading less: each text
/// inflated once, no position check for counts, TZ pinned"). Naming the same file in TZ gives the same zone (glibc reads /etc/localtime either way, and
/// falls back to UTC either way when it is missing) and lets glibc see that it has not changed. A TZ the user set
/// is kept as it is.
void pin_time_zone();

}  // namespace framer::cli

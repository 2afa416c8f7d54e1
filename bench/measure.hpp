#pragma once
/// Timing and peak-memory helpers of framer-bench.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace framer::bench {

/// Median wall-clock and CPU seconds of several runs. CPU time is reported too because a shared machine's load
/// inflates wall time; the ratios to the floor are steadier in CPU time.
struct Timing {
    double wall = 0;
    double cpu = 0;
};

/// Runs `work` `runs` times; the medians of its wall time and of this process' CPU time.
Timing median_seconds(int runs, const std::function<void()>& work);

/// Runs this program again as `framer-bench --phase PHASE --project PATH` and returns the child's peak resident
/// set size in bytes, so each phase's peak is its own and not the parent's. Throws std::runtime_error if the
/// child fails.
long long peak_rss_of_phase(const std::string& phase, const std::string& project_path);

/// The peak resident set size (VmHWM) in bytes read from a /proc/PID/status file, or -1.
long long peak_rss_from_status(const char* status_path);

/// This process' peak resident set size (VmHWM) in bytes, or -1.
long long own_peak_rss();

/// Runs a shell command `runs` times; the medians of its wall time and of its children's CPU time, or a negative
/// wall time if it failed.
Timing median_command_seconds(int runs, const std::string& command);

std::string human_bytes(long long bytes);

}  // namespace framer::bench

#pragma once
/// Timing and peak-memory helpers of framer-bench.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace framer::bench {

/// Runs `work` `runs` times and returns the median wall time in seconds.
double median_seconds(int runs, const std::function<void()>& work);

/// Runs this program again as `framer-bench --phase PHASE --project PATH` and returns the child's peak resident
/// set size in bytes, so each phase's peak is its own and not the parent's. Throws std::runtime_error if the
/// child fails.
long long peak_rss_of_phase(const std::string& phase, const std::string& project_path);

/// This process' peak resident set size (VmHWM) in bytes, or -1.
long long own_peak_rss();

/// Runs a shell command `runs` times; returns the median wall time in seconds, or a negative value if it failed.
double median_command_seconds(int runs, const std::string& command);

std::string human_bytes(long long bytes);

}  // namespace framer::bench

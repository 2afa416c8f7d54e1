#pragma once
/// Runs a program as a fresh child process and measures it the way a user's shell would see it: its own CPU time
/// (user + sys from wait4's rusage of that child), its wall time, and its own peak memory.

#include <filesystem>
#include <string>
#include <vector>

namespace framer::bench {

struct ChildRun {
    int exit_code = -1;       ///< the child's exit status, or 128 + signal when it was killed
    double wall = 0;          ///< seconds from fork to the child's end
    double user = 0, sys = 0; ///< the child's CPU seconds (wait4)
    long long peak_bytes = -1;///< VmHWM of the child's last program image, read as it exits (-1: unknown)
    double cpu() const { return user + sys; }
};

/// Runs `argv` (argv[0] looked up in PATH) with its standard output and standard error written to the given
/// files (empty path: /dev/null).
///
/// Peak memory: the child is traced (ptrace, stopping only at exec and at exit) and its VmHWM is read from
/// /proc/PID/status when it is about to exit, while its address space still exists. wait4's ru_maxrss is not
/// used: Linux carries it over fork and exec, so it would be at least the bench's own peak (several GB after
/// generating a 3M-coding project). When tracing is refused, peak_bytes stays -1.
ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& stdout_file,
                   const std::filesystem::path& stderr_file);

}  // namespace framer::bench

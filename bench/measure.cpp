// Median timings and per-phase peak memory (each phase in a fresh child process).
#include "measure.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace framer::bench {

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double cpu_seconds(int who) {
    struct rusage u {};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

Timing median_seconds(int runs, const std::function<void()>& work) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < runs; ++i) {
        double c0 = cpu_seconds(RUSAGE_SELF);
        auto start = std::chrono::steady_clock::now();
        work();
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        cpu.push_back(cpu_seconds(RUSAGE_SELF) - c0);
    }
    return {median(wall), median(cpu)};
}

long long peak_rss_of_phase(const std::string& phase, const std::string& project_path) {
    // A fresh process per phase, which reports its own VmHWM (the high-water mark of its address space after
    // exec). getrusage's ru_maxrss would not do: Linux carries it over fork and exec, so every child would
    // report at least the parent's peak.
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) throw std::runtime_error("cannot find this program");
    exe[n] = 0;
    std::string cmd = std::string("'") + exe + "' --phase " + phase + " --project '" + project_path + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run phase " + phase);
    long long peak = -1;
    char line[256];
    while (std::fgets(line, sizeof line, pipe))
        if (std::sscanf(line, "peak_bytes %lld", &peak) == 1) {}
    int status = pclose(pipe);
    if (status != 0 || peak < 0) throw std::runtime_error("phase '" + phase + "' failed in its child process");
    return peak;
}

long long peak_rss_from_status(const char* status_path) {
    FILE* f = std::fopen(status_path, "r");
    if (!f) return -1;
    long long kb = -1;
    char line[256];
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %lld kB", &kb) == 1) break;
    std::fclose(f);
    return kb < 0 ? -1 : kb * 1024;
}

long long own_peak_rss() { return peak_rss_from_status("/proc/self/status"); }

Timing median_command_seconds(int runs, const std::string& command) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < runs; ++i) {
        double c0 = cpu_seconds(RUSAGE_CHILDREN);
        auto start = std::chrono::steady_clock::now();
        int rc = std::system(command.c_str());
        if (rc != 0) return {-1, -1};
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        cpu.push_back(cpu_seconds(RUSAGE_CHILDREN) - c0);
    }
    return {median(wall), median(cpu)};
}

std::string human_bytes(long long bytes) {
    char buf[64];
    if (bytes >= (1ll << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / 1048576.0);
    else std::snprintf(buf, sizeof buf, "%.1f KiB", bytes / 1024.0);
    return buf;
}

}  // namespace framer::bench

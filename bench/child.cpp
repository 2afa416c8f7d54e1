// A child process measured by wait4 (CPU), a steady clock (wall) and ptrace's exit stop (VmHWM).
#include "child.hpp"
#include "measure.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace framer::bench {

namespace {

long long vm_hwm_of(pid_t pid) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/status", static_cast<int>(pid));
    return peak_rss_from_status(path);
}

int open_for_child(const std::filesystem::path& p) {
    const char* name = p.empty() ? "/dev/null" : p.c_str();
    int fd = ::open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(std::string("cannot open ") + name + ": " + std::strerror(errno));
    return fd;
}

}  // namespace

ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& stdout_file,
                   const std::filesystem::path& stderr_file) {
    if (argv.empty()) throw std::runtime_error("run_child: no program");
    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    const int out_fd = open_for_child(stdout_file);
    const int err_fd = open_for_child(stderr_file);

    ChildRun run;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        int in = ::open("/dev/null", O_RDONLY);
        if (in >= 0) ::dup2(in, STDIN_FILENO);
        // Untraced if refused (then only the peak is unknown); the exec stops the child for the parent otherwise.
        ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
        ::execvp(cargv[0], cargv.data());
        std::fprintf(stderr, "cannot run %s: %s\n", cargv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(out_fd);
    ::close(err_fd);

    bool traced = false;
    int status = 0;
    struct rusage usage {};
    for (;;) {
        pid_t got = ::wait4(pid, &status, 0, &usage);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
        }
        if (WIFEXITED(status) || WIFSIGNALED(status)) break;
        if (!WIFSTOPPED(status)) continue;
        const int event = status >> 16;
        int deliver = 0;
        if (!traced) {
            // The first stop: the exec. From here on stop only at exec (framer may re-execute itself with huge
            // pages) and at exit, and kill the child if the bench dies.
            traced = ::ptrace(PTRACE_SETOPTIONS, pid, nullptr,
                              PTRACE_O_TRACEEXIT | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL) == 0;
        } else if (event == PTRACE_EVENT_EXIT) {
            run.peak_bytes = vm_hwm_of(pid);
        } else if (event == 0 && WSTOPSIG(status) != SIGTRAP) {
            deliver = WSTOPSIG(status);  // a real signal for the child: pass it on
        }
        ::ptrace(PTRACE_CONT, pid, nullptr, reinterpret_cast<void*>(static_cast<long>(deliver)));
    }
    run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.user = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
    run.sys = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

}  // namespace framer::bench

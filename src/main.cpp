// framer: the command-line entry point. All work is in framer-cli (cli.cpp and cmd_*.cpp).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "cli_common.hpp"
#include "huge_pages.hpp"
#include "time_zone.hpp"
#include "refi/temp_file.hpp"

int main(int argc, char** argv) {
    framer::cli::use_huge_pages(argv);
    framer::cli::pin_time_zone();  // before libzip opens an archive: one mktime() per entry
    refi::remove_temp_files_on_signal();  // Ctrl-C or kill leaves no half-written temporary beside the output
    std::ios::sync_with_stdio(false);
    framer::cli::set_exit_after_command(true);  // one command per process: its big structures go with the exit
    std::vector<std::string> args(argv, argv + argc);
    framer::cli::Io io{std::cout, std::cerr, isatty(STDOUT_FILENO) == 1};
    int code = framer::cli::run(args, io);
    std::cout.flush();
    // FRAMER_REPORT_PEAK_MEMORY=1: the process' peak resident memory on stderr, for the memory tests and
    // anyone checking the bound of docs/safety.md on their own projects.
    if (const char* report = std::getenv("FRAMER_REPORT_PEAK_MEMORY"); report && std::string(report) == "1") {
        std::ifstream status("/proc/self/status");
        for (std::string line; std::getline(status, line);)
            if (line.rfind("VmHWM:", 0) == 0)
                std::cerr << "framer: peak memory: " << line.substr(line.find_first_not_of(" \t", 6)) << "\n";
    }
    return code;
}

#pragma once
// Test helper: runs the framer CLI in-process (framer::cli::run) and captures exit code, stdout and stderr.

#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace framer::test {

struct CliRun {
    int code = -1;
    std::string out, err;
};

/// `args` without the program name: run_framer({"info", "x.qdpx"}).
inline CliRun run_framer(std::vector<std::string> args) {
    args.insert(args.begin(), "framer");
    std::ostringstream out, err;
    framer::cli::Io io{out, err};
    CliRun r;
    r.code = framer::cli::run(args, io);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace framer::test

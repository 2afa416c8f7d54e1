// libFuzzer harness for whole .qdpx files: any bytes as an archive must give a Project or a refi::Error, never a
// crash or a sanitizer report; what is read is validated (texts included), written as a .qdpx, read again, and
// written again: the two project.qde texts must be identical (the writer is a fixed point of read -> write).
// Build and run: see tests/fuzz/README.md.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "refi/refi.hpp"

namespace {

/// A private folder for the input and output files: /dev/shm when there is one (no disk I/O per input).
const std::filesystem::path& work_folder() {
    static const std::filesystem::path folder = [] {
        std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        auto f = base / ("framer-fuzz-qdpx-" + std::to_string(::getpid()));
        std::filesystem::create_directories(f);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(work_folder(), ignored);
        });
        return f;
    }();
    return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = work_folder() / "input.qdpx";
    const auto output = work_folder() / "output.qdpx";
    {
        std::ofstream out(input, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // Inputs are at most a few hundred KiB; bombs are refused, not inflated.
    refi::set_limits({64ull << 20, 64ull << 20});
    refi::ReadOptions limits;
    refi::Diagnostics diagnostics;
    refi::Project project;
    try {
        project = refi::read_project(input, diagnostics, limits);
    } catch (const refi::Error&) {
        return 0;  // refused with a message: fine
    }
    (void)refi::validate(project);
    refi::Diagnostics write_diagnostics;
    try {
        refi::write_project(project, output, write_diagnostics);
    } catch (const refi::Error&) {
        return 0;  // e.g. a file the archive names but cannot deliver: refused, nothing written
    }
    refi::Diagnostics again_diagnostics;
    refi::Project again = refi::read_project(output, again_diagnostics, limits);  // must read what it wrote
    (void)refi::validate(again);
    refi::Diagnostics d1, d2;
    if (refi::project_to_xml(project, d1) != refi::project_to_xml(again, d2)) __builtin_trap();
    return 0;
}

// The list of samples and writing them all (framer-make-samples, the sample tests).
#include "samples.hpp"

#include "project_builder.hpp"
#include "refi/io.hpp"

namespace framer::samples {

const std::vector<SampleFile>& sample_files() {
    static const std::vector<SampleFile> files = {
        {"recovery-study.qdpx", [] { return recovery_study(Style::Standard); }},
        {"recovery-study-maxqda.qdpx", [] { return recovery_study(Style::Maxqda); }},
        {"recovery-study-nvivo.qdpx", [] { return recovery_study(Style::Nvivo); }},
        {"seed-table2.qdpx", [] { return seed_table2_study(); }},
    };
    return files;
}

std::vector<std::filesystem::path> write_samples(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::vector<std::filesystem::path> written;
    for (const auto& f : sample_files()) {
        refi::Project project = f.build();
        refi::Diagnostics diagnostics;
        auto path = dir / f.file_name;
        refi::write_project(project, path, diagnostics);
        if (diagnostics.has_errors() || diagnostics.has_warnings()) {
            std::string msg = "writing " + f.file_name + " gave diagnostics:";
            for (const auto& d : diagnostics.items()) msg += "\n  " + d.format();
            throw GeneratorError(msg);
        }
        written.push_back(path);
    }
    return written;
}

}  // namespace framer::samples

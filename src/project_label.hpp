#pragma once
// How findings name a project's XML, the same way the reader does: "study.qdpx:project.qde" for an archive,
// "study.qde" for a bare file.

#include <filesystem>
#include <cctype>
#include <fstream>
#include <string>

#include "refi/error.hpp"

namespace framer::cli {

/// The reader's label when one of its findings shows it (it knows the archive's real entry name), else the
/// file name, followed by ":project.qde" for a zip archive.
inline std::string project_label(const std::filesystem::path& path, const refi::Diagnostics& reader_findings) {
    std::string name = path.filename().string();
    for (const auto& d : reader_findings.items())
        if (d.file.rfind(name + ":", 0) == 0 && d.file.find(':', name.size() + 1) == std::string::npos &&
            d.file.size() > name.size() + 5) {
            std::string ext = d.file.substr(d.file.size() - 4);
            for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (ext == ".qde") return d.file;
        }
    if (name == "<stdin>") return name + ":project.qde";  // standard input is always read as a .qdpx
    char magic[2] = {0, 0};
    std::ifstream in(path, std::ios::binary);
    in.read(magic, 2);
    if (magic[0] == 'P' && magic[1] == 'K') return name + ":project.qde";
    return name;
}

}  // namespace framer::cli

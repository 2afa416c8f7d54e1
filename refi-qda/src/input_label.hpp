#pragma once
// Private: how writer diagnostics name the file their locations refer to (the file the project was read from).

#include <filesystem>
#include <string>

#include "qdpx_archive.hpp"
#include "refi/error.hpp"
#include "refi/model.hpp"

namespace refi::detail {

/// "study.qdpx:project.qde" as the reader labels it, or "project.qde" when the project's origin is not an archive
/// (a bare .qde does not record its own file name; a project built in code has no locations).
inline std::string input_label(const Project& project) {
    if (const auto* archive = dynamic_cast<const QdpxArchive*>(project.store.get())) {
        try {
            return std::filesystem::path(archive->origin_path()).filename().string() + ":" + archive->qde_entry();
        } catch (const Error&) {
        }
    }
    return "project.qde";
}

}  // namespace refi::detail

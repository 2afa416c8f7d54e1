// Validation of what lives outside project.qde: the plain text of text sources (for position checks and UTF-8)
// and the presence of media files. Nothing here reads media: existence is enough, a 2 GB video stays unread.
#include "validate_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "refi/source_store.hpp"
#include "refi/text.hpp"

namespace refi::detail {

namespace fs = std::filesystem;

namespace {

// load_plain_text throws refi::Error for bytes that are not UTF-8 and for files over the size cap or corrupt in
// the archive; the first is the text's fault (invalid-utf8), the others are the file's.
template <class Element>
std::optional<std::int64_t> length_of(const Project& project, const Element& element, const std::string& owner,
                                      const std::string& file, Diagnostics& out) {
    std::optional<std::string> text;
    try {
        text = load_plain_text(project, element);
    } catch (const Error& e) {
        std::string reason = e.what();
        bool encoding = reason.find("UTF-8") != std::string::npos || reason.find("utf-8") != std::string::npos ||
                        reason.find("UTF8") != std::string::npos;
        out.error(encoding ? "invalid-utf8" : "unreadable-source-file", file, element.loc,
                  fmt::format("the text of {} cannot be used: {}", owner, reason));
        return std::nullopt;
    }
    if (text) return static_cast<std::int64_t>(count_code_points(*text));
    if (element.plain_text_path && !element.plain_text_content)
        out.warning("missing-source-file", file, element.loc,
                    fmt::format("@plainTextPath of {} names \"{}\", which cannot be found", owner,
                                *element.plain_text_path));
    return std::nullopt;
}

bool file_exists(const fs::path& p) {
    std::error_code ec;
    return fs::exists(p, ec);
}

// The folder a relative:// path is resolved against: @basePath, else the folder the project was read from.
std::optional<fs::path> base_folder(const Project& project) {
    if (project.base_path && !project.base_path->empty()) return fs::path(resolve_path(*project.base_path).path);
    if (!project.store) return std::nullopt;
    fs::path origin = project.store->origin_path();
    std::error_code ec;
    return fs::is_directory(origin, ec) ? origin : origin.parent_path();
}

}  // namespace

std::optional<std::int64_t> checked_text_length(const Project& project, const Source& source, const std::string& owner,
                                                const std::string& file, Diagnostics& out) {
    return length_of(project, source, owner, file, out);
}

std::optional<std::int64_t> checked_text_length(const Project& project, const Transcript& transcript,
                                                const std::string& owner, const std::string& file, Diagnostics& out) {
    return length_of(project, transcript, owner, file, out);
}

void check_file_exists(const Project& project, const std::optional<std::string>& uri, const std::string& element,
                       const char* attribute, Location loc, const std::string& file, Diagnostics& out) {
    if (!uri || uri->empty()) return;
    ResolvedPath resolved = resolve_path(*uri);
    bool found = true;
    const char* where = "in the archive";
    switch (resolved.kind) {
        case ResolvedPath::Kind::Internal:
        case ResolvedPath::Kind::Bare:
            // Without a store (a project built in code) internal files cannot be looked for.
            if (!project.store) return;
            found = project.store->find_internal(resolved.path).has_value();
            break;
        case ResolvedPath::Kind::Relative: {
            auto base = base_folder(project);
            if (!base) return;
            found = file_exists(*base / resolved.path);
            where = "beside the project (relative to its base path)";
            break;
        }
        case ResolvedPath::Kind::Absolute:
            found = file_exists(resolved.path);
            where = "on this computer";
            break;
    }
    if (!found)
        out.warning("missing-source-file", file, loc,
                    fmt::format("@{} of {} names \"{}\", which is not {}", attribute, element, *uri, where));
}

}  // namespace refi::detail

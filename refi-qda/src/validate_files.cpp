// Validation of what lives outside project.qde: the plain text of text sources (for position checks and UTF-8)
// and the presence of media files. Nothing here reads media: existence is enough, a 2 GB video stays unread.
#include "validate_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

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
    std::shared_ptr<const std::string> text;
    try {
        text = shared_plain_text(project, element);
    } catch (const Error& e) {
        std::string reason = e.what();
        bool encoding = reason.find("UTF-8") != std::string::npos || reason.find("utf-8") != std::string::npos ||
                        reason.find("UTF8") != std::string::npos;
        out.error(encoding ? "invalid-utf8" : "unreadable-source-file", file, element.loc,
                  fmt::format("the text of {} cannot be used: {}", owner, reason));
        return std::nullopt;
    }
    if (text) return static_cast<std::int64_t>(count_code_points(*text));
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

/// A file the project names: the path as written, where, and by which element and attribute.
struct NamedFile {
    std::string uri;
    ResolvedPath resolved;
    std::string element;
    const char* attribute;
    Location loc;
};

void collect_path(const std::optional<std::string>& uri, std::string_view element, const std::string& guid,
                  const char* attribute, Location loc, std::vector<NamedFile>& out) {
    if (!uri || uri->empty()) return;
    out.push_back({*uri, resolve_path(*uri), fmt::format("<{} guid=\"{}\">", element, guid), attribute, loc});
}

void collect_source(const Source& s, std::string_view element, std::vector<NamedFile>& out) {
    collect_path(s.plain_text_path, element, s.guid, "plainTextPath", s.loc, out);
    collect_path(s.rich_text_path, element, s.guid, "richTextPath", s.loc, out);
    collect_path(s.path, element, s.guid, "path", s.loc, out);
    if (s.text_description) collect_source(*s.text_description, "TextDescription", out);
    for (const auto& sel : s.selections)
        if (sel.representation) collect_source(*sel.representation, "Representation", out);
    if (s.representation) collect_source(*s.representation, "Representation", out);
    for (const auto& t : s.transcripts) {
        collect_path(t.plain_text_path, "Transcript", t.guid, "plainTextPath", t.loc, out);
        collect_path(t.rich_text_path, "Transcript", t.guid, "richTextPath", t.loc, out);
    }
}

}  // namespace

std::vector<MissingFile> missing_files(const Project& project) {
    std::vector<NamedFile> named;
    for (const auto& s : project.sources) collect_source(s, element_name(s.kind), named);
    for (const auto& n : project.notes) collect_source(n, "Note", named);

    // The store's find_internal() scans every entry; with a thousand sources that is a million comparisons, so
    // the same rule (sources/NAME in any case, or NAME at the top level) is applied to a set built once.
    std::unordered_set<std::string> present;
    if (project.store)
        for (const auto& e : project.store->entries()) present.insert(ascii_lower(e));
    const std::optional<fs::path> base = base_folder(project);

    std::vector<MissingFile> out;
    std::unordered_map<std::string, std::size_t> first;  // the file's key -> its entry in `out`
    std::unordered_map<std::string, bool> found;          // external files: looked for once each
    for (const auto& f : named) {
        const bool internal = f.resolved.kind == ResolvedPath::Kind::Internal || f.resolved.kind == ResolvedPath::Kind::Bare;
        std::string key;
        const char* where = "";
        if (internal) {
            if (!project.store) continue;  // built in code: nothing to look in
            std::string name = ascii_lower(f.resolved.path);
            if (present.count("sources/" + name) || present.count(name)) continue;
            key = "internal:" + name;
            where = "in the project";
        } else {
            fs::path file;
            if (f.resolved.kind == ResolvedPath::Kind::Relative) {
                if (!base) continue;
                file = *base / f.resolved.path;
                where = "beside the project (relative to its base path)";
            } else {
                file = f.resolved.path;
                where = "on this computer";
            }
            key = "external:" + file.lexically_normal().string();
            auto [it, fresh] = found.emplace(key, false);
            if (fresh) it->second = file_exists(file);
            if (it->second) continue;
        }
        auto [it, fresh] = first.emplace(key, out.size());
        if (!fresh) {
            ++out[it->second].also_named;
            continue;
        }
        out.push_back({f.uri, internal, internal ? f.resolved.path : std::string(), f.element, f.attribute, f.loc, 0,
                       where});
    }
    return out;
}

std::string missing_file_message(const MissingFile& m) {
    std::string message = fmt::format("@{} of {} names \"{}\", which is not {}", m.attribute, m.element, m.uri, m.where);
    if (m.also_named)
        message += fmt::format(" (also named by {} other element{})", m.also_named, m.also_named == 1 ? "" : "s");
    return message;
}

std::optional<std::int64_t> checked_text_length(const Project& project, const Source& source, const std::string& owner,
                                                const std::string& file, Diagnostics& out) {
    return length_of(project, source, owner, file, out);
}

std::optional<std::int64_t> checked_text_length(const Project& project, const Transcript& transcript,
                                                const std::string& owner, const std::string& file, Diagnostics& out) {
    return length_of(project, transcript, owner, file, out);
}

}  // namespace refi::detail

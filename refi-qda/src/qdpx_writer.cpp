// write_project: a .qdpx (project.qde + the archive's files, copied raw) or a bare .qde, atomically.
// The archive is written by refi::ZipWriter (refi/zip_writer.hpp) with libdeflate; libzip only reads the input.
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include "atomic_file.hpp"
#include "dialects/layout.hpp"
#include "directory_store.hpp"
#include "overlay_store.hpp"
#include "input_label.hpp"
#include "qdpx_archive.hpp"
#include "refi/dialect.hpp"
#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "refi/zip_writer.hpp"
#include "validate_files.hpp"

namespace refi {

namespace {

// Level 1: libdeflate's level 1 deflates the XML of project.qde about twice as fast as zlib's level 1 did (through
// libzip) and 13% smaller; its higher levels cost twice as much again for a few percent. The output is an
// exchange file, read once by the next tool.
constexpr int k_qde_deflate_level = 1;
// Other files Framer compresses itself (texts of a bare .qde's folder, files added in memory): small, level 6.
constexpr int k_file_deflate_level = 6;
// A file from a bare .qde's folder larger than this is streamed stored instead of read whole and deflated, so that
// a large recording of an unknown type is never held in memory.
constexpr std::uint64_t k_deflate_whole_limit = 256ull << 20;
// Copied entries are read and written in pieces of this size.
constexpr std::size_t k_copy_piece = 1 << 20;

/// The spec says `sources/`; NVivo for Windows writes `Sources/` and ATLAS.ti rejects that (REFI-QDA-NOTES §7.1).
/// So the folder is `sources/` unless the target tool writes another (`convert --to nvivo`: `Sources/`), and an
/// entry the target's layout renames gets its new name.
std::string output_entry_name(const std::string& name, std::string_view folder,
                              const std::map<std::string, std::string>& renames) {
    if (!renames.empty()) {
        auto it = renames.find(detail::rename_key(name));
        if (it != renames.end()) return std::string(folder) + it->second.substr(8);
    }
    if (name.size() >= 8 && ascii_lower(name.substr(0, 8)) == "sources/") return std::string(folder) + name.substr(8);
    return name;
}

/// Media and office files are compressed already; deflating them again costs time and gains nothing.
bool already_compressed(const std::string& name) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos) return false;
    static const std::set<std::string> exts = {"jpg", "jpeg", "png", "gif", "mp4", "m4a", "m4v", "mov", "mp3",
                                               "aac", "ogg", "webm", "docx", "xlsx", "pptx", "zip", "pdf"};
    return exts.count(ascii_lower(name.substr(dot + 1))) > 0;
}

/// Permission bits of an input entry: a Unix archive's own, else rw-r--r--. The type bits are never copied
/// (the zip writer writes regular files and folders only).
std::uint32_t permissions_of(zip_t* archive, zip_uint64_t index) {
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive, index, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX &&
        (attributes >> 16) != 0)
        return (attributes >> 16) & 0777u;
    return 0644;
}

/// Copies an entry of the input archive as it is stored: its compressed bytes, method, sizes, CRC and time stamp,
/// read and written in pieces (nothing is inflated or deflated, and a large video is never held whole).
void copy_raw(const detail::QdpxArchive& archive, const std::string& entry, const std::string& name,
              ZipWriter& zip, const std::string& origin) {
    zip_int64_t in = archive.index_of(entry);
    zip_stat_t st;
    zip_stat_init(&st);
    if (in < 0 || zip_stat_index(archive.handle(), static_cast<zip_uint64_t>(in), 0, &st) != 0)
        throw Error(origin, {}, "cannot read entry '" + entry + "'");
    const auto index = static_cast<zip_uint64_t>(in);
    // The stamp goes through local time both ways (libzip's reading, dos_time_of), so it comes out unchanged.
    const DosTime time = (st.valid & ZIP_STAT_MTIME) ? dos_time_of(st.mtime) : k_fixed_dos_time;
    if (!name.empty() && name.back() == '/') {
        zip.add_directory(name, time);
        return;
    }
    const auto need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
    if ((st.valid & need) != need)
        throw Error(origin, {}, "cannot read the sizes and CRC of entry '" + entry + "'");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        throw Error(origin, {}, "entry '" + entry + "' is encrypted; Framer cannot copy it into another archive");
    ZipEntryInfo info;
    info.name = name;
    info.method = st.comp_method;
    info.crc = st.crc;
    info.size = st.size;
    info.comp_size = st.comp_size;
    info.time = time;
    info.permissions = permissions_of(archive.handle(), index);
    zip_file_t* f = zip_fopen_index(archive.handle(), index, ZIP_FL_COMPRESSED);
    if (!f)
        throw Error(origin, {}, fmt::format("cannot read entry '{}': {}", entry, zip_strerror(archive.handle())));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
    std::unique_ptr<char[]> piece(new char[k_copy_piece]);
    zip.add_streamed(info, [&](const std::function<void(std::string_view)>& write) {
        std::uint64_t left = info.comp_size;
        while (left > 0) {
            zip_int64_t n = zip_fread(f, piece.get(), std::min<std::uint64_t>(left, k_copy_piece));
            if (n < 0)
                throw Error(origin, {}, fmt::format("cannot read entry '{}': {}", entry, zip_file_strerror(f)));
            if (n == 0) break;  // short: add_streamed reports it
            write(std::string_view(piece.get(), static_cast<std::size_t>(n)));
            left -= static_cast<std::uint64_t>(n);
        }
    });
}

/// A file of a bare .qde's folder: deflated when it is small enough to read whole and not compressed already,
/// else streamed stored.
void add_folder_file(const std::filesystem::path& file, const std::string& name, ZipWriter& zip) {
    std::ifstream in(file, std::ios::binary);
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (!in || ec) throw Error(file.string(), {}, "cannot read the file");
    if (!already_compressed(name) && size <= k_deflate_whole_limit) {
        std::string bytes(static_cast<std::size_t>(size), '\0');
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (static_cast<std::uint64_t>(in.gcount()) != size || in.peek() != std::char_traits<char>::eof())
            throw Error(file.string(), {}, "the file changed while it was being read");
        zip.add_deflated(name, bytes, k_file_deflate_level);
        return;
    }
    ZipEntryInfo info;
    info.name = name;
    info.size = size;
    std::unique_ptr<char[]> piece(new char[k_copy_piece]);
    zip.add_stored_streamed(info, [&](const std::function<void(std::string_view)>& write) {
        while (in) {
            in.read(piece.get(), static_cast<std::streamsize>(k_copy_piece));
            if (in.bad()) throw Error(file.string(), {}, "cannot read the file");
            if (in.gcount() > 0) write(std::string_view(piece.get(), static_cast<std::size_t>(in.gcount())));
        }
    });
}

/// Every file of the project's store, after project.qde, in the store's order (so the output is deterministic).
void copy_entries(const Project& project, ZipWriter& zip, Diagnostics& diagnostics,
                  std::string_view out_folder, const std::map<std::string, std::string>& renames) {
    if (!project.store) return;
    std::set<std::string> written = {"project.qde"};
    // Files added in memory (detail::OverlayStore) go after the base's, which are still copied raw.
    const auto* overlay = dynamic_cast<const detail::OverlayStore*>(project.store.get());
    const SourceStore* store = overlay ? overlay->base().get() : project.store.get();
    const auto* archive = dynamic_cast<const detail::QdpxArchive*>(store);
    const auto* folder = dynamic_cast<const detail::DirectoryStore*>(store);
    std::vector<std::string> entries = store ? store->entries() : std::vector<std::string>{};
    if (overlay) {
        entries.erase(std::remove_if(entries.begin(), entries.end(),
                                     [&](const std::string& e) { return overlay->replaces(e); }),
                      entries.end());
        for (const auto& [name, bytes] : overlay->files()) entries.push_back(name);
    }
    for (const auto& entry : entries) {
        bool generated = overlay && overlay->files().count(entry);
        std::string name = output_entry_name(entry, out_folder, renames);
        if (!written.insert(name).second) {
            diagnostics.warning("duplicate-entry", project.store->origin_path(), {},
                                fmt::format("'{}' would be written twice (entry names differ only in the case of "
                                            "the sources folder); only the first is kept",
                                            entry));
            continue;
        }
        if (archive && !generated) {
            copy_raw(*archive, entry, name, zip, project.store->origin_path());
        } else if (folder && !generated) {
            add_folder_file(folder->file_of(entry), name, zip);
        } else {
            auto bytes = project.store->read(entry, std::numeric_limits<std::uint64_t>::max());
            if (already_compressed(name)) {
                zip.add_stored(name, bytes);
            } else {
                zip.add_deflated(name, bytes, k_file_deflate_level);
            }
        }
    }
}

void check_output_path(const Project& project, const std::filesystem::path& path) {
    if (!project.store) return;
    std::error_code ec;
    std::filesystem::path origin = project.store->origin_path();
    if (std::filesystem::equivalent(origin, path, ec))
        throw Error(path.string(), {}, "refusing to write over the file the project was read from");
}

/// The files validate() reports missing (detail::missing_files), each once; a .qdpx is written without them.
void warn_missing_files(const Project& project, const std::filesystem::path& path, bool archive,
                        Diagnostics& diagnostics) {
    const std::string label = detail::input_label(project);
    for (const auto& m : detail::missing_files(project)) {
        std::string message = detail::missing_file_message(m);
        if (m.internal && archive) message += fmt::format("; {} is written without it", path.filename().string());
        diagnostics.warning("missing-source-file", label, m.loc, std::move(message));
    }
}

}  // namespace

void write_project(const Project& project, const std::filesystem::path& path, Diagnostics& diagnostics,
                   const WriteOptions& options) {
    std::string ext = ascii_lower(path.extension().string());
    if (ext != ".qdpx" && ext != ".qde")
        throw Error(path.string(), {}, "cannot tell the output format: the name must end in .qdpx or .qde");
    check_output_path(project, path);

    // A target tool's archive conventions (GUID case, text files, file names) are applied to a copy; without a
    // target nothing is rewritten. Missing files are checked on the project as read, under the names it gives.
    std::optional<detail::Layout> layout;
    const DialectProfile* target = options.dialect ? &dialect_profile(*options.dialect) : nullptr;
    if (target) warn_dropped_by_dialect(project, target->dialect, path.string(), diagnostics);

    if (ext == ".qde") {
        warn_missing_files(project, path, false, diagnostics);
        if (target) layout = detail::lay_out(project, *target, false, diagnostics);
        std::string xml = project_to_xml(layout ? layout->project : project, diagnostics, options);
        if (project.store && !project.store->entries().empty())
            diagnostics.warning("dropped-source-files", path.string(), {},
                                fmt::format("a bare .qde carries no files: the project's {} internal file(s) are not "
                                            "written; write a .qdpx to keep them",
                                            project.store->entries().size()));
        write_file_atomically(path, xml);
        return;
    }

    warn_missing_files(project, path, true, diagnostics);
    if (target) layout = detail::lay_out(project, *target, true, diagnostics);
    const Project& written = layout ? layout->project : project;
    std::string xml = project_to_xml(written, diagnostics, options);
    detail::TempFile temp(path);
    {
        ZipWriter zip(temp.path(), path.string());
        zip.add_deflated("project.qde", xml, k_qde_deflate_level);
        std::string().swap(xml);  // not needed any more: a large video copied next does not meet it in memory
        // Copying the source files after it takes about 3% of the deflate (5 ms against 175 ms of CPU for 1,000
        // files and 38.8 MB of XML), so deflating on a second core meanwhile would not pay; libdeflate cannot
        // split one stream across threads.
        copy_entries(written, zip, diagnostics, target ? target->sources_folder : std::string_view("sources/"),
                     layout ? layout->renames : std::map<std::string, std::string>{});
        zip.close();
    }
    temp.commit();
}

}  // namespace refi

// write_project: a .qdpx (project.qde + the archive's files, copied raw) or a bare .qde, atomically.
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>
#include <map>
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
#include "validate_files.hpp"

namespace refi {

namespace {

// project.qde gets a fixed time stamp so that writing the same project twice gives the same bytes
// (2019-09-25, the date of REFI-QDA 1.5). Copied entries keep their own.
// Level 6 costs about three times level 1 on XML for a few percent of size; the output is an exchange file.
constexpr zip_uint32_t k_qde_deflate_level = 1;

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

/// A libzip archive being written; discarded (never half-written) unless close() succeeds.
class ZipWriter {
public:
    ZipWriter(const std::filesystem::path& temp, const std::filesystem::path& target) : m_target(target) {
        int code = 0;
        m_zip = zip_open(temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
        if (!m_zip) {
            zip_error_t err;
            zip_error_init_with_code(&err, code);
            std::string msg = zip_error_strerror(&err);
            zip_error_fini(&err);
            throw Error(target.string(), {}, "cannot create the archive: " + msg);
        }
    }
    ~ZipWriter() {
        if (m_zip) zip_discard(m_zip);
    }
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    /// Adds `source` as `name`. libzip owns the source once added; when adding fails it is freed here.
    zip_uint64_t add(const std::string& name, zip_source_t* source) {
        if (!source) fail("cannot read the data of '" + name + "'");
        zip_int64_t index = zip_file_add(m_zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            fail("cannot add '" + name + "'");
        }
        return static_cast<zip_uint64_t>(index);
    }
    zip_uint64_t add_directory(const std::string& name) {
        zip_int64_t index = zip_dir_add(m_zip, name.c_str(), ZIP_FL_ENC_UTF_8);
        if (index < 0) fail("cannot add '" + name + "'");
        return static_cast<zip_uint64_t>(index);
    }
    void set_mtime(zip_uint64_t index, std::time_t mtime) {
        if (zip_file_set_mtime(m_zip, index, mtime, 0) != 0) fail("cannot set a time stamp");
    }
    /// The fixed stamp of files Framer writes itself, set as a DOS date directly: zip_file_set_mtime converts
    /// through local time, which would make the bytes depend on the machine's time zone.
    void set_fixed_time(zip_uint64_t index) {
        constexpr zip_uint16_t dos_date = ((2019 - 1980) << 9) | (9 << 5) | 25;  // 2019-09-25, REFI-QDA 1.5
        if (zip_file_set_dostime(m_zip, index, 0, dos_date, 0) != 0) fail("cannot set a time stamp");
    }
    void set_compression(zip_uint64_t index, zip_int32_t method, zip_uint32_t level) {
        if (zip_set_file_compression(m_zip, index, method, level) != 0) fail("cannot set the compression");
    }
    void set_external_attributes(zip_uint64_t index, zip_uint8_t opsys, zip_uint32_t attributes) {
        zip_file_set_external_attributes(m_zip, index, 0, opsys, attributes);
    }
    zip_t* handle() { return m_zip; }
    void close() {
        if (zip_close(m_zip) != 0) fail("cannot write the archive");
        m_zip = nullptr;
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw Error(m_target.string(), {}, fmt::format("{}: {}", what, zip_strerror(m_zip)));
    }
    std::filesystem::path m_target;
    zip_t* m_zip = nullptr;
};

/// Every file of the project's store, after project.qde, in the store's order (so the output is deterministic).
void copy_entries(const Project& project, ZipWriter& zip, Diagnostics& diagnostics, std::string_view out_folder,
                  const std::map<std::string, std::string>& renames) {
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
            zip_int64_t in = archive->index_of(entry);
            zip_stat_t st;
            zip_stat_init(&st);
            if (in < 0 || zip_stat_index(archive->handle(), static_cast<zip_uint64_t>(in), 0, &st) != 0)
                throw Error(project.store->origin_path(), {}, "cannot read entry '" + entry + "'");
            zip_uint64_t out;
            if (!name.empty() && name.back() == '/') {
                out = zip.add_directory(name);
            } else {
                // ZIP_FL_COMPRESSED copies the compressed bytes as they are: no inflate, no deflate, same CRC.
                out = zip.add(name, zip_source_zip(zip.handle(), archive->handle(), static_cast<zip_uint64_t>(in),
                                                   ZIP_FL_COMPRESSED, 0, -1));
                // libzip sees a stored entry's bytes as plain data and would deflate them unless told to store.
                if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE)
                    zip.set_compression(out, ZIP_CM_STORE, 0);
            }
            if (st.valid & ZIP_STAT_MTIME)
                zip.set_mtime(out, st.mtime);  // read and written through the same local time: unchanged
            else
                zip.set_fixed_time(out);
            zip_uint8_t opsys = 0;
            zip_uint32_t attributes = 0;
            if (zip_file_get_external_attributes(archive->handle(), static_cast<zip_uint64_t>(in), 0, &opsys,
                                                 &attributes) == 0)
                zip.set_external_attributes(out, opsys, attributes);
            continue;
        }
        zip_uint64_t out;
        if (folder && !generated) {
            // Streamed from disk by libzip at close time: a large video is never held in memory.
            out = zip.add(name, zip_source_file(zip.handle(), folder->file_of(entry).c_str(), 0, -1));
        } else {
            auto bytes = project.store->read(entry, std::numeric_limits<std::uint64_t>::max());
            void* copy = std::malloc(bytes.size() ? bytes.size() : 1);
            if (!copy) throw std::bad_alloc();
            std::memcpy(copy, bytes.data(), bytes.size());
            out = zip.add(name, zip_source_buffer(zip.handle(), copy, bytes.size(), 1));
        }
        zip.set_fixed_time(out);
        zip.set_compression(out, already_compressed(name) ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 6);
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
        ZipWriter zip(temp.path(), path);
        zip_uint64_t qde = zip.add("project.qde", zip_source_buffer(zip.handle(), xml.data(), xml.size(), 0));
        zip.set_compression(qde, ZIP_CM_DEFLATE, k_qde_deflate_level);
        zip.set_fixed_time(qde);
        copy_entries(written, zip, diagnostics, target ? target->sources_folder : std::string_view("sources/"),
                     layout ? layout->renames : std::map<std::string, std::string>{});
        zip.close();
    }
    temp.commit();
}

}  // namespace refi

// The .qdpx archive: safe entry names, the .qde entry, capped inflation (zip bombs are refused while reading).
#include "qdpx_archive.hpp"

#include <fmt/format.h>
#include <libdeflate.h>

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>

#include "refi/error.hpp"
#include "refi/text.hpp"

namespace refi::detail {

namespace {
/// Maps the pages of a fresh buffer before it is filled: one madvise maps a large buffer's pages in one call
/// instead of one page fault per 4 KiB page as it is written (each fault a trap into a virtual machine's kernel;
/// faults were a fifth of reading a large project). Small buffers are left alone, and on kernels before Linux
/// 5.14 (no MADV_POPULATE_WRITE) the call fails and nothing changes.
void prefault(const char* data, std::size_t size) {
    constexpr std::size_t k_worth_it = std::size_t{1} << 20;
    if (size < k_worth_it) return;
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(page - 1);
    if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
}

bool ends_with_ci(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && ascii_lower(s.substr(s.size() - suffix.size())) == suffix;
}

/// Names that could address a file outside an extraction folder are refused outright.
std::optional<std::string> unsafe_reason(const std::string& name) {
    if (name.empty()) return "an empty name";
    if (name[0] == '/' || name[0] == '\\') return "an absolute path";
    if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':')
        return "a drive-letter path";
    if (name.find('\\') != std::string::npos) return "a backslash";
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        if (name.compare(start, end - start, "..") == 0) return "a '..' component";
        start = end + 1;
    }
    return std::nullopt;
}

std::string zip_open_message(int code) {
    switch (code) {
        case ZIP_ER_NOZIP: return "not a zip archive (a .qdpx is a zip file)";
        case ZIP_ER_INCONS: return "the zip archive is inconsistent or truncated";
        case ZIP_ER_NOENT: return "no such file";
        // libzip's own words, "File already exists", hide what is wrong with the archive.
        case ZIP_ER_EXISTS: return "the zip archive holds two entries with the same name; refusing to guess which one is meant";
        case ZIP_ER_OPEN: return "cannot open the file";
        case ZIP_ER_READ: return "read error";
        case ZIP_ER_MEMORY: return "out of memory";
        default: {
            zip_error_t err;
            zip_error_init_with_code(&err, code);
            std::string msg = zip_error_strerror(&err);
            zip_error_fini(&err);
            return "cannot open the zip archive: " + msg;
        }
    }
}
}  // namespace

QdpxArchive::QdpxArchive(const std::filesystem::path& path) : m_path(path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw Error(path.string(), {}, "no such file");
    if (std::filesystem::is_directory(path, ec)) throw Error(path.string(), {}, "is a directory, not a .qdpx file");
    m_archive_size = std::filesystem::file_size(path, ec);
    int code = 0;
    // Not ZIP_CHECKCONS: it reads every local header at open (a third of `framer info`'s system calls on a
    // 1,000-source project, more with more sources). The central directory is what readers go by; an entry that
    // is read must inflate to its stated size and CRC, and names are checked here (unsafe, duplicate).
    m_zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!m_zip) {
        // A zip cut short keeps its local-header signature but loses the central directory at its end, and
        // libzip then says "not a zip": name the real problem.
        std::ifstream in(path, std::ios::binary);
        char sig[4] = {};
        in.read(sig, 4);
        if (code == ZIP_ER_NOZIP && in.gcount() == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 3 && sig[3] == 4)
            throw Error(path.string(), {}, "the zip archive is truncated or corrupt: it starts like a zip but has no "
                                           "central directory");
        throw Error(path.string(), {}, zip_open_message(code));
    }
    zip_int64_t n = zip_get_num_entries(m_zip, 0);
    m_names.reserve(static_cast<std::size_t>(std::max<zip_int64_t>(n, 0)));
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* name = zip_get_name(m_zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
        std::string s = name ? name : "";
        if (auto why = unsafe_reason(s)) {
            zip_discard(m_zip);
            m_zip = nullptr;
            throw Error(path.string(), {}, fmt::format("unsafe entry name '{}' in the archive ({}); refusing to read it", s, *why));
        }
        // A symbolic link (or device, FIFO...) stored by a Unix zip: never followed, never copied into an output.
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(m_zip, static_cast<zip_uint64_t>(i), 0, &opsys, &attributes) == 0 &&
            opsys == ZIP_OPSYS_UNIX) {
            unsigned type = (attributes >> 16) & S_IFMT;
            if (type != 0 && type != S_IFREG && type != S_IFDIR) {
                zip_discard(m_zip);
                m_zip = nullptr;
                throw Error(path.string(), {}, fmt::format("entry '{}' in the archive is {}, not a file; refusing to "
                                                           "read it", s, type == S_IFLNK ? "a symbolic link" : "a special file"));
            }
        }
        if (!m_index.emplace(s, i).second) {
            zip_discard(m_zip);
            m_zip = nullptr;
            throw Error(path.string(), {}, fmt::format("the archive holds two entries named '{}'; refusing to guess "
                                                       "which one is meant", s));
        }
        m_lower.emplace(ascii_lower(s), s);  // first wins, as in archive order
        m_names.push_back(std::move(s));
    }
}

QdpxArchive::~QdpxArchive() {
    if (m_zip) zip_discard(m_zip);
}

std::string QdpxArchive::qde_entry() const {
    std::vector<std::string> top_level, anywhere;
    for (const auto& n : m_names) {
        if (n.back() == '/' || !ends_with_ci(n, ".qde")) continue;
        if (ascii_lower(n) == "project.qde") return n;
        (n.find('/') == std::string::npos ? top_level : anywhere).push_back(n);
    }
    if (top_level.size() == 1) return top_level.front();
    if (top_level.empty() && anywhere.size() == 1) return anywhere.front();
    if (top_level.empty() && anywhere.empty())
        throw Error(m_path.string(), {}, "no project.qde (or other .qde file) in the archive");
    auto& list = top_level.empty() ? anywhere : top_level;
    std::string names;
    for (const auto& n : list) names += (names.empty() ? "" : ", ") + n;
    throw Error(m_path.string(), {}, "several .qde files in the archive and none is project.qde: " + names);
}

std::vector<std::string> QdpxArchive::entries() const {
    std::vector<std::string> out;
    std::string qde;
    try { qde = qde_entry(); } catch (const Error&) {}
    for (const auto& n : m_names)
        if (n != qde) out.push_back(n);
    return out;
}

std::optional<std::string> QdpxArchive::find_internal(const std::string& file_name) const {
    // The spec says sources/, NVivo for Windows writes Sources/, the Annex A example mixes cases; an exact match
    // wins, then a case-insensitive one; a bare file at the top level (older exports) is accepted last.
    std::string exact = "sources/" + file_name;
    if (m_index.count(exact)) return exact;
    auto it = m_lower.find(ascii_lower(exact));
    if (it != m_lower.end()) return it->second;
    it = m_lower.find(ascii_lower(file_name));
    if (it != m_lower.end()) return it->second;
    return std::nullopt;
}

zip_int64_t QdpxArchive::index_of(const std::string& entry) const {
    auto it = m_index.find(entry);
    return it == m_index.end() ? -1 : it->second;
}

std::optional<std::uint64_t> QdpxArchive::size(const std::string& entry) const {
    zip_int64_t i = index_of(entry);
    if (i < 0) return std::nullopt;
    std::lock_guard lock(m_mutex);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return std::nullopt;
    return st.size;
}

std::optional<std::string> QdpxArchive::read_deflated_whole(zip_uint64_t index, const std::string& label) const {
    // libzip inflates through zlib in small steps (about 200 MB/s here); libdeflate inflates a whole buffer about
    // four times faster, which is most of the difference between reading a large project and merely parsing it
    // (bench/README.md). Used for every deflated entry of known size, the sources' texts included (a thousand
    // 12 KB texts took a tenth of `framer info`); anything else takes libzip's path.
    zip_stat_t st;
    zip_stat_init(&st);
    // The compressed buffer is not zero-filled first: it is read into whole before it is used (a memset of fresh
    // pages was a few percent of reading a large project). The inflated one is a std::string, which C++20 cannot
    // size without filling (resize_and_overwrite is C++23).
    std::unique_ptr<char[]> compressed;
    std::size_t compressed_size = 0;
    {
        std::lock_guard lock(m_mutex);  // libzip's handle is not for two threads at once; inflating is not under it
        if (zip_stat_index(m_zip, index, 0, &st) != 0) return std::nullopt;
        const auto need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                          ZIP_STAT_ENCRYPTION_METHOD;
        if ((st.valid & need) != need || st.comp_method != ZIP_CM_DEFLATE || st.encryption_method != ZIP_EM_NONE)
            return std::nullopt;
        zip_file_t* raw = zip_fopen_index(m_zip, index, ZIP_FL_COMPRESSED);
        if (!raw) return std::nullopt;
        // The central directory's sizes are not checked against the local headers at open (no ZIP_CHECKCONS):
        // a compressed size past the archive's end is refused here, before anything that size is allocated.
        if (st.comp_size > m_archive_size) {
            zip_fclose(raw);
            throw Error(label, {}, fmt::format("corrupt data: the entry's compressed size ({} bytes) is larger "
                                               "than the archive ({} bytes)", st.comp_size, m_archive_size));
        }
        compressed_size = static_cast<std::size_t>(st.comp_size);
        compressed = std::make_unique_for_overwrite<char[]>(compressed_size);
        prefault(compressed.get(), compressed_size);
        std::size_t got = 0;
        while (got < compressed_size) {
            zip_int64_t n = zip_fread(raw, compressed.get() + got, compressed_size - got);
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        zip_fclose(raw);
        if (got != compressed_size)
            throw Error(label, {}, "corrupt or truncated data: the compressed entry is cut short");
    }

    std::string out;
    out.reserve(static_cast<std::size_t>(st.size));
    prefault(out.data(), static_cast<std::size_t>(st.size));
    out.resize(static_cast<std::size_t>(st.size));
    // One decompressor per thread, kept: allocating one per entry cost more than inflating a small text.
    thread_local std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> inflater(
        libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
    if (!inflater) throw std::bad_alloc();
    std::size_t produced = 0;
    // The output buffer is exactly the declared size: data that would inflate past it is refused, not written.
    libdeflate_result r = libdeflate_deflate_decompress(inflater.get(), compressed.get(), compressed_size,
                                                        out.data(), out.size(), &produced);
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE)
        throw Error(label, {}, fmt::format("entry inflates to more than its declared size of {} bytes; refusing it "
                                           "(a zip bomb or a corrupt archive)", st.size));
    if (r != LIBDEFLATE_SUCCESS || produced != out.size())
        throw Error(label, {}, "corrupt or truncated data: the deflate stream is invalid or shorter than declared");
    if (libdeflate_crc32(0, out.data(), out.size()) != st.crc)
        throw Error(label, {}, "corrupt data: CRC mismatch");
    return out;
}

namespace {
constexpr const char* k_raise_hint =
    "framer --max-xml-size SIZE raises the limit for project.qde, --max-text-size SIZE for source texts";
}  // namespace

std::string QdpxArchive::read(const std::string& entry, std::uint64_t max_bytes) const {
    std::string label = m_path.string() + ":" + entry;
    zip_int64_t i = index_of(entry);
    if (i < 0) throw Error(label, {}, "no such entry in the archive");
    // The declared size is checked first (cheap), but it can lie, so inflation is capped as well.
    if (auto declared = size(entry); declared && *declared > max_bytes)
        throw Error(label, {}, fmt::format("entry inflates to {} bytes, more than the limit of {} bytes; refusing it "
                                           "(a zip bomb or an oversized file; {})", *declared, max_bytes, k_raise_hint));
    if (auto fast = read_deflated_whole(static_cast<zip_uint64_t>(i), label)) return std::move(*fast);
    auto declared = size(entry);
    std::lock_guard lock(m_mutex);
    zip_file_t* f = zip_fopen_index(m_zip, static_cast<zip_uint64_t>(i), 0);
    if (!f) throw Error(label, {}, std::string("cannot open entry: ") + zip_strerror(m_zip));
    // Inflating past the declared size means the header lies (a zip bomb) or the archive is corrupt: stop there
    // rather than at the cap, so a lying 3 GiB entry costs nothing.
    std::uint64_t limit = max_bytes;
    if (declared) limit = std::min(limit, *declared);
    auto overrun = [&] {
        zip_fclose(f);
        if (declared && limit == *declared)
            return Error(label, {}, fmt::format("entry inflates to more than its declared size of {} bytes; "
                                                "refusing it (a zip bomb or a corrupt archive)", *declared));
        return Error(label, {}, fmt::format("entry inflates to more than the limit of {} bytes; refusing it ({})",
                                            max_bytes, k_raise_hint));
    };
    // Inflate straight into the result (one byte more than allowed, to notice an overrun): no intermediate
    // buffer and no second copy of a 37 MB document.
    std::string out;
    out.resize(static_cast<std::size_t>(declared ? limit + 1 : std::min<std::uint64_t>(limit + 1, 1 << 16)));
    std::size_t filled = 0;
    for (;;) {
        if (filled == out.size()) {
            if (filled > limit) throw overrun();
            out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(limit + 1, out.size() * 2)));
        }
        zip_int64_t got = zip_fread(f, out.data() + filled, out.size() - filled);
        if (got < 0) {
            std::string why = zip_file_strerror(f);
            zip_fclose(f);
            throw Error(label, {}, "corrupt or truncated data: " + why);
        }
        if (got == 0) break;
        filled += static_cast<std::size_t>(got);
        if (filled > limit) throw overrun();
    }
    out.resize(filled);
    zip_fclose(f);
    return out;
}

}  // namespace refi::detail

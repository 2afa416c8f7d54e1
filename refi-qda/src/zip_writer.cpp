// A small zip writer (zip_writer.hpp): local headers with sizes and CRC, a central directory, zip64 when needed.
#include "refi/zip_writer.hpp"

#include <fmt/format.h>
#include <libdeflate.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <new>

#include "fast_deflate.hpp"
#include "refi/error.hpp"

namespace refi {

namespace {

constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint32_t k_zip64_end_signature = 0x06064b50;
constexpr std::uint32_t k_zip64_locator_signature = 0x07064b50;
constexpr std::uint16_t k_zip64_extra_id = 0x0001;
constexpr std::uint16_t k_utf8_flag = 1 << 11;
constexpr std::uint32_t k_max32 = 0xFFFFFFFFu;
constexpr std::uint16_t k_max16 = 0xFFFFu;
// "Made by" Unix (3), spec version 6.3: the external attributes are Unix modes.
constexpr std::uint16_t k_made_by = (3 << 8) | 63;
constexpr std::uint16_t k_version_plain = 20;  // deflate, folders
constexpr std::uint16_t k_version_zip64 = 45;
constexpr std::size_t k_buffer_size = 1 << 20;
constexpr std::size_t k_fast_deflate_from = 1 << 20;

void put16(std::string& out, std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

bool is_directory_name(const std::string& name) { return !name.empty() && name.back() == '/'; }

bool is_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

std::uint32_t external_attributes(const ZipEntryInfo& info) {
    // Only a regular file or a folder, whatever the input said: the type bits are Framer's, not copied.
    if (is_directory_name(info.name)) return ((S_IFDIR | 0755u) << 16) | 0x10u;  // 0x10: MS-DOS directory bit
    return (S_IFREG | (info.permissions & 0777u)) << 16;
}

}  // namespace

DosTime dos_time_of(std::int64_t unix_time) {
    std::time_t t = static_cast<std::time_t>(unix_time);
    std::tm tm{};
    if (!localtime_r(&t, &tm)) return {0, (0 << 9) | (1 << 5) | 1};
    if (tm.tm_year < 80) tm.tm_year = 80;  // as libzip: DOS dates start in 1980
    if (tm.tm_year > 80 + 127) return {0, (0 << 9) | (1 << 5) | 1};
    DosTime d;
    d.date = static_cast<std::uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
    d.time = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    return d;
}

ZipWriter::ZipWriter(const std::filesystem::path& file, std::string label) : m_label(std::move(label)) {
    m_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (m_fd < 0) fail("cannot create the archive", errno);
    m_buffer.reserve(k_buffer_size);
}

ZipWriter::~ZipWriter() {
    if (m_fd >= 0) ::close(m_fd);
    for (auto* c : m_compressors)
        if (c) libdeflate_free_compressor(c);
}

void ZipWriter::add_deflated(const std::string& name, std::string_view data, int level, DosTime time) {
    if (level < 1 || level > 12) fail(fmt::format("internal error: deflate level {}", level), 0);
    auto*& c = m_compressors[static_cast<std::size_t>(level)];
    if (!c) c = libdeflate_alloc_compressor(level);
    if (!c) throw std::bad_alloc();
    ZipEntryInfo info;
    info.name = name;
    info.time = time;
    info.size = data.size();
    info.crc = libdeflate_crc32(0, data.data(), data.size());
    const std::size_t bound = libdeflate_deflate_compress_bound(c, data.size());
    // Not a std::string: its resize would touch (and so make resident) every page of the bound.
    std::unique_ptr<char[]> out(new char[bound]);
    std::size_t n = 0;
    if (!data.empty()) {
        // Level 1 of a large entry (project.qde) by ISA-L (fast_deflate.hpp); a small one by libdeflate, whose
        // output is the same on every machine (the samples are compared byte for byte) and whose time is nothing.
        if (level == 1 && data.size() >= k_fast_deflate_from) n = detail::fast_deflate(data, out.get(), bound);
        if (n == 0) n = libdeflate_deflate_compress(c, data.data(), data.size(), out.get(), bound);
    }
    if (n == 0 || n >= data.size()) {
        info.comp_size = data.size();
        add(info, data);
        return;
    }
    info.method = 8;
    info.comp_size = n;
    add(info, std::string_view(out.get(), n));
}

void ZipWriter::add_deflated(const std::string& name, const std::vector<std::string_view>& pieces, int level,
                             DosTime time) {
    std::size_t total = 0;
    for (const auto& piece : pieces) total += piece.size();
    // Small (libdeflate needs one buffer), or not deflated by ISA-L: joined, and then as add_deflated() does.
    auto add_joined = [&] {
        std::string joined;
        joined.reserve(total);
        for (const auto& piece : pieces) joined.append(piece.data(), piece.size());
        add_deflated(name, joined, level, time);
    };
    if (level != 1 || total < k_fast_deflate_from) return add_joined();
    auto*& c = m_compressors[1];
    if (!c) c = libdeflate_alloc_compressor(1);
    if (!c) throw std::bad_alloc();
    ZipEntryInfo info;
    info.name = name;
    info.time = time;
    info.size = total;
    std::uint32_t crc = 0;
    for (const auto& piece : pieces) crc = libdeflate_crc32(crc, piece.data(), piece.size());
    info.crc = crc;
    const std::size_t bound = libdeflate_deflate_compress_bound(c, total);
    std::unique_ptr<char[]> out(new char[bound]);
    const std::size_t n = detail::fast_deflate(pieces, out.get(), bound);
    if (n == 0 || n >= total) {  // not smaller, or too large for one ISA-L stream
        out.reset();
        return add_joined();
    }
    info.method = 8;
    info.comp_size = n;
    add(info, std::string_view(out.get(), n));
}

void ZipWriter::add_stored(const std::string& name, std::string_view data, DosTime time) {
    ZipEntryInfo info;
    info.name = name;
    info.time = time;
    info.size = info.comp_size = data.size();
    info.crc = libdeflate_crc32(0, data.data(), data.size());
    add(info, data);
}

void ZipWriter::fail(const std::string& what, int error) const {
    m_errno = error;
    throw Error(m_label, {}, error ? fmt::format("{}: {}", what, std::strerror(error)) : what);
}

void ZipWriter::write_all(const char* p, std::size_t left) {
    while (left > 0) {
        ssize_t n = ::write(m_fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        // A full disk (ENOSPC), a file-size limit (EFBIG), an I/O error: the archive is not written.
        if (n <= 0) fail("cannot write the archive", n < 0 ? errno : EIO);
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

void ZipWriter::flush() {
    write_all(m_buffer.data(), m_buffer.size());
    m_buffer.clear();
}

void ZipWriter::write(std::string_view bytes) {
    if (m_buffer.size() + bytes.size() > k_buffer_size) flush();
    if (bytes.size() >= k_buffer_size)
        write_all(bytes.data(), bytes.size());  // large pieces (a deflated project.qde) are not copied again
    else
        m_buffer.append(bytes.data(), bytes.size());
    m_offset += bytes.size();
}

void ZipWriter::patch(std::uint64_t offset, std::string_view bytes) {
    const std::uint64_t buffered_from = m_offset - m_buffer.size();
    if (offset >= buffered_from) {
        std::memcpy(m_buffer.data() + (offset - buffered_from), bytes.data(), bytes.size());
        return;
    }
    flush();
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::pwrite(m_fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot write the archive", n < 0 ? errno : EIO);
        done += static_cast<std::size_t>(n);
    }
}

bool ZipWriter::needs_zip64(const ZipEntryInfo& info) const {
    return m_force_zip64 || info.size >= k_max32 || info.comp_size >= k_max32;
}

void ZipWriter::begin_entry(const ZipEntryInfo& info) {
    if (m_fd < 0) fail("the archive is closed already", 0);
    if (info.name.empty() || info.name.size() > k_max16 || info.name.find('\0') != std::string::npos)
        fail(fmt::format("cannot add an entry named '{}' (empty, too long or holding a NUL)", info.name), 0);
    if (info.name.front() == '/' || info.name.find('\\') != std::string::npos)
        fail(fmt::format("refusing to write the unsafe entry name '{}'", info.name), 0);
    Written w;
    w.info = info;
    w.offset = m_offset;
    w.flags = is_ascii(info.name) ? 0 : k_utf8_flag;
    const bool zip64 = needs_zip64(info);
    std::string header;
    header.reserve(30 + info.name.size() + 20);
    put32(header, k_local_signature);
    put16(header, zip64 ? k_version_zip64 : k_version_plain);
    put16(header, w.flags);
    put16(header, info.method);
    put16(header, info.time.time);
    put16(header, info.time.date);
    put32(header, info.crc);
    // With zip64, both sizes are in the extra field and the header says 0xFFFFFFFF (APPNOTE 4.5.3).
    put32(header, zip64 ? k_max32 : static_cast<std::uint32_t>(info.comp_size));
    put32(header, zip64 ? k_max32 : static_cast<std::uint32_t>(info.size));
    put16(header, static_cast<std::uint16_t>(info.name.size()));
    put16(header, zip64 ? 20 : 0);
    header += info.name;
    if (zip64) {
        put16(header, k_zip64_extra_id);
        put16(header, 16);
        put64(header, info.size);
        put64(header, info.comp_size);
    }
    write(header);
    m_entries.push_back(std::move(w));
}

void ZipWriter::add(const ZipEntryInfo& info, std::string_view stored) {
    if (stored.size() != info.comp_size)
        fail(fmt::format("internal error: '{}' has {} bytes, not the {} announced", info.name, stored.size(),
                         info.comp_size), 0);
    begin_entry(info);
    write(stored);
}

void ZipWriter::add_streamed(const ZipEntryInfo& info, const Producer& produce) {
    begin_entry(info);
    std::uint64_t got = 0;
    produce([&](std::string_view piece) {
        got += piece.size();
        if (got > info.comp_size) return;  // reported below, without writing past the announced size
        write(piece);
    });
    if (got != info.comp_size)
        fail(fmt::format("'{}' delivered {} bytes, not the {} its header announced (the file changed or is "
                         "truncated)", info.name, got, info.comp_size), 0);
}

void ZipWriter::add_stored_streamed(ZipEntryInfo info, const Producer& produce) {
    info.method = 0;
    info.comp_size = info.size;
    info.crc = 0;
    begin_entry(info);
    std::uint64_t got = 0;
    std::uint32_t crc = 0;
    produce([&](std::string_view piece) {
        got += piece.size();
        if (got > info.size) return;
        crc = libdeflate_crc32(crc, piece.data(), piece.size());
        write(piece);
    });
    if (got != info.size)
        fail(fmt::format("'{}' delivered {} bytes, not the {} its header announced (the file changed or is "
                         "truncated)", info.name, got, info.size), 0);
    m_entries.back().info.crc = crc;
    std::string bytes;
    put32(bytes, crc);
    patch(m_entries.back().offset + 14, bytes);  // the CRC field of the local header
}

void ZipWriter::add_directory(const std::string& name, DosTime time) {
    ZipEntryInfo info;
    info.name = name;
    info.time = time;
    info.permissions = 0755;
    if (!is_directory_name(name)) info.name += '/';
    begin_entry(info);
}

void ZipWriter::close() {
    if (m_fd < 0) fail("the archive is closed already", 0);
    const std::uint64_t central_offset = m_offset;
    std::string cd;
    for (const auto& w : m_entries) {
        cd.clear();
        const ZipEntryInfo& e = w.info;
        const bool big_size = m_force_zip64 || e.size >= k_max32;
        const bool big_comp = m_force_zip64 || e.comp_size >= k_max32;
        const bool big_offset = m_force_zip64 || w.offset >= k_max32;
        // In the central directory the zip64 field holds only the values that do not fit, in this order.
        std::string extra;
        if (big_size) put64(extra, e.size);
        if (big_comp) put64(extra, e.comp_size);
        if (big_offset) put64(extra, w.offset);
        const bool zip64 = !extra.empty() || needs_zip64(e);
        put32(cd, k_central_signature);
        put16(cd, k_made_by);
        put16(cd, zip64 ? k_version_zip64 : k_version_plain);
        put16(cd, w.flags);
        put16(cd, e.method);
        put16(cd, e.time.time);
        put16(cd, e.time.date);
        put32(cd, e.crc);
        put32(cd, big_comp ? k_max32 : static_cast<std::uint32_t>(e.comp_size));
        put32(cd, big_size ? k_max32 : static_cast<std::uint32_t>(e.size));
        put16(cd, static_cast<std::uint16_t>(e.name.size()));
        put16(cd, static_cast<std::uint16_t>(extra.empty() ? 0 : 4 + extra.size()));
        put16(cd, 0);  // comment
        put16(cd, 0);  // disk
        put16(cd, 0);  // internal attributes
        put32(cd, external_attributes(e));
        put32(cd, big_offset ? k_max32 : static_cast<std::uint32_t>(w.offset));
        cd += e.name;
        if (!extra.empty()) {
            put16(cd, k_zip64_extra_id);
            put16(cd, static_cast<std::uint16_t>(extra.size()));
            cd += extra;
        }
        write(cd);
    }
    const std::uint64_t central_size = m_offset - central_offset;
    const std::uint64_t count = m_entries.size();
    const bool zip64_end = m_force_zip64 || count >= k_max16 || central_size >= k_max32 || central_offset >= k_max32;
    std::string end;
    if (zip64_end) {
        const std::uint64_t record_offset = m_offset;
        put32(end, k_zip64_end_signature);
        put64(end, 44);  // the record's size after this field
        put16(end, k_made_by);
        put16(end, k_version_zip64);
        put32(end, 0);
        put32(end, 0);
        put64(end, count);
        put64(end, count);
        put64(end, central_size);
        put64(end, central_offset);
        put32(end, k_zip64_locator_signature);
        put32(end, 0);
        put64(end, record_offset);
        put32(end, 1);
    }
    put32(end, k_end_signature);
    put16(end, 0);
    put16(end, 0);
    put16(end, zip64_end ? k_max16 : static_cast<std::uint16_t>(count));
    put16(end, zip64_end ? k_max16 : static_cast<std::uint16_t>(count));
    put32(end, zip64_end ? k_max32 : static_cast<std::uint32_t>(central_size));
    put32(end, zip64_end ? k_max32 : static_cast<std::uint32_t>(central_offset));
    put16(end, 0);
    write(end);
    flush();
    int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail("cannot write the archive", errno);
}

}  // namespace refi

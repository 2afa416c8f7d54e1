#pragma once
/// A small zip writer, for the .qdpx writer and the xlsx exporter. libzip (1.7, Debian 12) deflates through zlib and has no
// documented way to take data that is deflated already, and zlib is half of `convert`'s time; libdeflate deflates
// project.qde about twice as fast and 10-15% smaller. So the archive is written here: local headers carrying the
// sizes and CRC (no data descriptors), a central directory, zip64 records only when a size, an offset or the
// number of entries needs them. Every write is checked; the caller writes into a refi::TempFile and renames it
// only after close() succeeded, so a failure (a full disk) never leaves a partial output under the real name.
// The xlsx exporter writes its workbooks with it too (plugins/export_xlsx/xlsx_package.cpp).

#include <cstdint>
#include <filesystem>
#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct libdeflate_compressor;  // libdeflate.h

namespace refi {

/// A DOS date and time, as zip headers store them.
struct DosTime {
    std::uint16_t time = 0;
    std::uint16_t date = 0;
};

/// The fixed stamp of what Framer writes itself (2019-09-25 00:00, the date of REFI-QDA 1.5): writing the same
/// project twice gives the same bytes, on any machine and in any time zone.
constexpr DosTime k_fixed_dos_time{0, ((2019 - 1980) << 9) | (9 << 5) | 25};

/// A Unix time stamp as a DOS date and time in local time, as libzip reads and writes them (so a time read from an
/// archive by libzip and written back here is unchanged). Before 1980 gives 1980-01-01.
DosTime dos_time_of(std::int64_t unix_time);

/// What an entry is, apart from its data.
struct ZipEntryInfo {
    std::string name;              ///< UTF-8; the zip's UTF-8 flag is set when it is not plain ASCII
    std::uint16_t method = 0;      ///< 0 stored, 8 deflated (or any method of an entry copied raw)
    std::uint32_t crc = 0;         ///< CRC-32 of the uncompressed data
    std::uint64_t size = 0;        ///< uncompressed size
    std::uint64_t comp_size = 0;   ///< size as stored
    DosTime time = k_fixed_dos_time;
    /// Unix permission bits (the file type is always a regular file, or a directory for names ending in '/':
    /// a symbolic link or a device is never written, whatever an input said).
    std::uint32_t permissions = 0644;
};

class ZipWriter {
public:
    /// Opens (creates or truncates) `file` for writing; `label` names the output in errors (refi::Error).
    ZipWriter(const std::filesystem::path& file, std::string label);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    /// An entry whose data is given as stored (already deflated when info.method is 8): written as it is.
    void add(const ZipEntryInfo& info, std::string_view stored);
    /// The same, with the stored bytes produced in pieces by `produce`, which calls `write` for each piece and
    /// must deliver exactly info.comp_size bytes (else refi::Error): a large entry copied from another archive
    /// is never held in memory whole.
    using Producer = std::function<void(const std::function<void(std::string_view)>& write)>;
    void add_streamed(const ZipEntryInfo& info, const Producer& produce);
    /// Plain data of `size` bytes, stored (not compressed) and streamed; its CRC is computed on the way and
    /// written into the local header afterwards (the one place the writer seeks back).
    void add_stored_streamed(ZipEntryInfo info, const Producer& produce);
    /// `data` as `name`, deflated at `level` (1-12: level 1 of 1 MiB or more, the fastest, by ISA-L, the rest by libdeflate), or
    /// stored when deflating does not make it smaller. Holds one deflated copy of it, freed before returning.
    void add_deflated(const std::string& name, std::string_view data, int level, DosTime time = k_fixed_dos_time);
    /// The concatenation of `pieces` as `name`, deflated as add_deflated() does, without joining them first
    /// when they are large (ISA-L deflates them as one stream).
    void add_deflated(const std::string& name, const std::vector<std::string_view>& pieces, int level,
                      DosTime time = k_fixed_dos_time);
    /// `data` as `name`, stored.
    void add_stored(const std::string& name, std::string_view data, DosTime time = k_fixed_dos_time);
    /// A folder entry (name ending in '/').
    void add_directory(const std::string& name, DosTime time = k_fixed_dos_time);

    /// Writes the central directory and closes the file; nothing is complete before this returns.
    void close();

    /// The system's error number of the last failed write (0 when none), for callers that report errno.
    int error_number() const { return m_errno; }

    /// For tests: write zip64 records for every entry and the end of the archive, as if all were huge.
    void force_zip64_for_tests() { m_force_zip64 = true; }

private:
    struct Written {
        ZipEntryInfo info;
        std::uint64_t offset = 0;
        std::uint16_t flags = 0;
    };
    void begin_entry(const ZipEntryInfo& info);
    void write(std::string_view bytes);
    void write_all(const char* p, std::size_t n);
    void flush();
    void patch(std::uint64_t offset, std::string_view bytes);
    [[noreturn]] void fail(const std::string& what, int error) const;
    bool needs_zip64(const ZipEntryInfo& info) const;

    std::array<libdeflate_compressor*, 13> m_compressors{};  ///< per level, made when first needed
    std::string m_label;
    int m_fd = -1;
    std::uint64_t m_offset = 0;  ///< bytes written so far (buffered included)
    std::string m_buffer;
    std::vector<Written> m_entries;
    bool m_force_zip64 = false;
    mutable int m_errno = 0;
};

}  // namespace refi

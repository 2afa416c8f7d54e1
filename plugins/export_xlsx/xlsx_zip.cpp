// The five minizip calls libxlsxwriter makes, defined here so that they write through refi::ZipWriter and
// libdeflate (xlsx_zip.hpp says why and how). They are C functions with minizip's exact signatures (zip.h of
// minizip 1.1, which Debian ships without its header); nothing else in Framer calls them.
#include "export_xlsx/xlsx_zip.hpp"

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <new>
#include <string>

#include "refi/error.hpp"
#include "refi/zip_writer.hpp"

namespace {

// minizip's types and codes (zip.h, zconf.h).
using uInt = unsigned int;
using uLong = unsigned long;
struct tm_zip {
    uInt tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
};
struct zip_fileinfo {
    tm_zip tmz_date;
    uLong dosDate;
    uLong internal_fa;
    uLong external_fa;
};
constexpr int k_zip_ok = 0;
constexpr int k_zip_errno = -1;        // Z_ERRNO: the reason is in errno
constexpr int k_zip_paramerror = -102;
constexpr int k_deflated = 8;          // Z_DEFLATED
// Level 1 of libdeflate: about as small as zlib's default level on workbook XML, several times faster.
constexpr int k_level = 1;

std::atomic<std::uint64_t> g_parts{0};
std::mutex g_error_mutex;
std::string g_last_error;

/// One workbook being written: the archive and the part being collected.
struct Workbook {
    explicit Workbook(const char* path) : zip(path, path) {}
    refi::ZipWriter zip;
    std::string name;
    std::string data;
    refi::DosTime time;
    bool in_part = false;
};

/// Runs `step`; a refi::Error (a failed write) or bad_alloc becomes minizip's ZIP_ERRNO with errno set.
template <class Step>
int guarded(Workbook* wb, Step&& step) {
    try {
        step();
        return k_zip_ok;
    } catch (const refi::Error& e) {
        int error = wb ? wb->zip.error_number() : 0;
        {
            std::lock_guard<std::mutex> lock(g_error_mutex);
            g_last_error = e.what();
        }
        errno = error ? error : EIO;
        return k_zip_errno;
    } catch (const std::bad_alloc&) {
        errno = ENOMEM;
        return k_zip_errno;
    }
}

refi::DosTime dos_time(const zip_fileinfo* info) {
    if (!info) return refi::k_fixed_dos_time;
    if (info->dosDate != 0)
        return {static_cast<std::uint16_t>(info->dosDate & 0xFFFF), static_cast<std::uint16_t>(info->dosDate >> 16)};
    // As minizip converts tm_zip (a full year, months from 0).
    uInt year = info->tmz_date.tm_year;
    if (year >= 1980) year -= 1980;
    else if (year >= 80) year -= 80;
    return {static_cast<std::uint16_t>((info->tmz_date.tm_hour << 11) | (info->tmz_date.tm_min << 5) |
                                       (info->tmz_date.tm_sec / 2)),
            static_cast<std::uint16_t>((year << 9) | ((info->tmz_date.tm_mon + 1) << 5) | info->tmz_date.tm_mday)};
}

}  // namespace

extern "C" {

void* zipOpen(const char* pathname, int append) {
    if (append != 0 || !pathname) {
        errno = EINVAL;
        return nullptr;
    }
    Workbook* wb = nullptr;
    int rc = guarded(nullptr, [&] { wb = new Workbook(pathname); });
    return rc == k_zip_ok ? wb : nullptr;
}

int zipOpenNewFileInZip4_64(void* file, const char* filename, const zip_fileinfo* zipfi, const void*, uInt,
                            const void*, uInt, const char*, int method, int, int raw, int, int, int,
                            const char* password, uLong, uLong, uLong, int) {
    auto* wb = static_cast<Workbook*>(file);
    // Only what libxlsxwriter asks for: a deflated, unencrypted part, given uncompressed.
    if (!wb || !filename || wb->in_part || method != k_deflated || raw != 0 || password) return k_zip_paramerror;
    wb->name = filename;
    wb->time = dos_time(zipfi);
    wb->data.clear();
    wb->in_part = true;
    return k_zip_ok;
}

int zipWriteInFileInZip(void* file, const void* buf, unsigned len) {
    auto* wb = static_cast<Workbook*>(file);
    if (!wb || !wb->in_part || (!buf && len)) return k_zip_paramerror;
    return guarded(wb, [&] { wb->data.append(static_cast<const char*>(buf), len); });
}

int zipCloseFileInZip(void* file) {
    auto* wb = static_cast<Workbook*>(file);
    if (!wb || !wb->in_part) return k_zip_paramerror;
    wb->in_part = false;
    int rc = guarded(wb, [&] {
        wb->zip.add_deflated(wb->name, wb->data, k_level, wb->time);
        ++g_parts;
    });
    std::string().swap(wb->data);  // the largest part's buffer is not kept for the rest of the workbook
    return rc;
}

int zipClose(void* file, const char*) {
    std::unique_ptr<Workbook> wb(static_cast<Workbook*>(file));
    if (!wb) return k_zip_paramerror;
    return guarded(wb.get(), [&] { wb->zip.close(); });
}

}  // extern "C"

namespace framer {

std::uint64_t xlsx_zip_parts_written() { return g_parts.load(); }

std::string xlsx_zip_last_error() {
    std::lock_guard<std::mutex> lock(g_error_mutex);
    return g_last_error;
}

}  // namespace framer

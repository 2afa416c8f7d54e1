#pragma once
/// libxlsxwriter's zip output, through refi::ZipWriter and libdeflate instead of minizip and zlib.
///
/// libxlsxwriter (1.1, Debian 12) packs a workbook with five minizip calls (zipOpen, zipOpenNewFileInZip4_64,
/// zipWriteInFileInZip, zipCloseFileInZip, zipClose) that it imports from libminizip.so, at zlib's default level:
/// 29% of a chart -> xlsx was zlib deflating the shared strings (issue 12). xlsx_zip.cpp defines those five
/// functions in the program itself; the dynamic linker binds libxlsxwriter's calls to the program's definitions
/// first, so each part of the workbook is collected in memory and written with ZipWriter::add_deflated (libdeflate
/// level 1: six times faster than zlib's default level on the strings of a 100k-coding chart, 16% larger).
/// Every write is checked by ZipWriter; a failure is returned to libxlsxwriter as minizip's ZIP_ERRNO with errno set, so workbook_close()
/// fails and the exporter throws. A libxlsxwriter built with its own copy of minizip never calls these: then
/// it writes as before (xlsx_zip_parts_written() stays 0).

#include <cstdint>
#include <string>

namespace framer {

/// Parts of workbooks written through the shim since the program started (for tests and the exporter's check).
std::uint64_t xlsx_zip_parts_written();

/// The last failure of the shim (the file and the system's reason), "" when there was none.
std::string xlsx_zip_last_error();

}  // namespace framer

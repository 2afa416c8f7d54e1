#pragma once
/// The workbook as a zip of parts (refi::ZipWriter): the package parts first (content types, relationships),
/// each sheet as soon as it is finished, then the workbook, its theme, styles and document properties. Dates
/// are fixed, so the same tables give the same bytes. A workbook of several sheets deflates each sheet on a
/// second thread while the next one is laid out (deflating is a fifth of a large chart's time); at most two
/// sheets' XML are held at once, the one being deflated and the one being written.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "export_xlsx/xlsx_sheet.hpp"
#include "export_xlsx/xlsx_styles.hpp"

namespace refi {
class ZipWriter;
}

namespace framer::xlsx {

/// Rows or columns (from 0, first..last) printed on every page.
using Span = std::pair<std::uint32_t, std::uint32_t>;

struct SheetPrintTitles {
    std::optional<Span> rows;
    std::optional<Span> columns;
};

class Package {
public:
    /// Creates `path` (refi::Error when it cannot be written) for a workbook of these sheets, in order.
    Package(const std::filesystem::path& path, std::vector<std::string> sheet_names, std::string title,
            std::string author);
    ~Package();
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    /// A buffer for the next sheet's rows (SheetWriter's), with the memory of a sheet already written.
    ByteSink rows_buffer();
    /// The next sheet; sheets come in the order of their names. May return before the sheet is in the zip: a
    /// failure to write it is thrown by a later add_sheet() or by close().
    void add_sheet(SheetPart part, const SheetPrintTitles& titles);
    /// The remaining parts, then the zip's directory: nothing is complete before this returns.
    void close(const StyleSheet& styles);

private:
    struct Job {
        std::string name;
        SheetPart part;
    };
    void write_sheet(Job& job);
    void work();
    /// Waits until no sheet is being deflated; rethrows the failure of the last one.
    void wait_idle();

    std::unique_ptr<refi::ZipWriter> m_zip;
    std::vector<std::string> m_names;
    std::vector<SheetPrintTitles> m_titles;
    std::string m_title, m_author;

    // The deflating thread (several sheets only) and its one job.
    std::thread m_worker;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<Job> m_job;
    bool m_stop = false;
    std::exception_ptr m_failure;
    std::vector<ByteSink> m_spare;  ///< buffers of sheets written, for the next ones
};

}  // namespace framer::xlsx

#pragma once
/// The workbook as a zip of parts (refi::ZipWriter): the package parts first (content types, relationships),
/// each sheet as soon as it is finished (only one sheet's XML is held at a time), then the workbook, its theme,
/// styles and document properties. Dates are fixed, so the same tables give the same bytes.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

    /// The next sheet's part, given as the pieces of its text; sheets come in the order of their names.
    void add_sheet(const std::vector<std::string_view>& xml, const SheetPrintTitles& titles);
    /// The remaining parts, then the zip's directory: nothing is complete before this returns.
    void close(const StyleSheet& styles);

private:
    std::unique_ptr<refi::ZipWriter> m_zip;
    std::vector<std::string> m_names;
    std::vector<SheetPrintTitles> m_titles;
    std::string m_title, m_author;
};

}  // namespace framer::xlsx

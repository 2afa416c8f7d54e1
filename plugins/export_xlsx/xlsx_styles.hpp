#pragma once
/// The workbook's styles part (xl/styles.xml): each distinct cell style gets one cell format (an "xf"), numbered
/// in the order the sheets first use it, with its fonts, fills, borders and number formats shared. The part is
/// what Excel writes for these styles: Calibri 11 in the theme's text colour (xlsx_package.cpp writes the theme).

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace framer::xlsx {

/// How a cell looks. Cells with the default style (all fields as below but `top`) carry no style index.
struct CellStyle {
    bool bold = false;
    int font_size = 11;
    int indent = 0;              ///< 0-15; an indented cell is left-aligned
    bool wrap = false;
    bool right = false;          ///< right-aligned
    bool top = false;            ///< aligned to the top of the cell
    std::string number_format;   ///< "" for General
    bool bottom_border = false;  ///< a thin line under the cell
    std::uint32_t fill = 0;      ///< background RGB; 0 for none
    bool unlocked = false;       ///< editable when the sheet is protected

    auto key() const {
        return std::tie(bold, font_size, indent, wrap, right, top, number_format, bottom_border, fill, unlocked);
    }
    bool operator<(const CellStyle& o) const { return key() < o.key(); }
};

/// The fonts a run of rich text (a cell of several formats) may take.
enum class RunFont { plain, bold, superscript };

class StyleSheet {
public:
    /// The style index ("s") of `style`, given on first use.
    int index(const CellStyle& style);
    /// xl/styles.xml for the styles used so far.
    std::string xml() const;
    /// Whether an empty cell of style `index` looks like no cell: no fill, no border, and typed text would take
    /// the default font and number format (only alignment, wrapping or protection differ). Such a style can be
    /// a column's style for its unwritten cells (SheetWriter::set_column_style).
    bool blank_looks_unwritten(int index) const;

private:
    std::map<CellStyle, int> m_index;
    std::vector<CellStyle> m_styles;  ///< by index - 1 (index 0 is the default style)
    std::vector<char> m_looks_unwritten;  ///< blank_looks_unwritten, by index - 1 (asked for every blank cell)
};

/// A run's properties (<rPr>) inside an inline rich string.
const std::string& run_properties(RunFont font);

}  // namespace framer::xlsx

#pragma once
/// One worksheet's XML (xl/worksheets/sheetN.xml), written row by row as the exporter lays the table out: the
/// cells of a row are kept until the next row begins, then appended to the sheet's data. A cell costs a few
/// dozen bytes of text and no allocation, so a chart of millions of mostly empty cells stays cheap.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export_xlsx/xlsx_styles.hpp"
#include "export_xlsx/xlsx_xml.hpp"

namespace framer::xlsx {

/// A piece of a rich string (a cell whose text has more than one format).
struct Run {
    std::string_view text;
    bool has_font = false;  ///< false: the cell's own font (only the first run may go without)
    RunFont font = RunFont::plain;
};

/// A finished worksheet part: its text is head + rows + tail.
struct SheetPart {
    std::string head;
    ByteSink rows;
    std::string tail;
    std::vector<std::string_view> pieces() const { return {head, rows.view(), tail}; }
};

class SheetWriter {
public:
    /// Rows go into `rows` (emptied first): a buffer of an earlier sheet, so that its memory is reused rather
    /// than grown again, copying, for every sheet.
    explicit SheetWriter(ByteSink rows = ByteSink()) : m_data(std::move(rows)) { m_data.clear(); }

    /// Width in characters, as Excel measures it (digits of the default font); hidden columns keep their width.
    void set_column(std::uint32_t column, double width, bool hidden);
    /// The style of `column`'s cells that are not written (<col style>): a blank cell of that style is then no
    /// cell at all, and a blank cell of the default style is written (`<c r="B7"/>`) so that it keeps it. Only
    /// for a style that shows nothing on an empty cell (alignment, wrapping): Excel and LibreOffice give it to
    /// every unwritten cell of the column, above and below the table too. Set at most once per column.
    void set_column_style(std::uint32_t column, int style);
    /// The style set_column_style gave `column` (0: none).
    int column_style(std::uint32_t column) const {
        return column < m_column_specs.size() ? m_column_specs[column].style : 0;
    }
    /// Starts `row` with its height in points (0: the default, one line) and whether it is hidden. Rows come in
    /// order; a cell in a row not begun begins it with the defaults. A row begun and given no cell is still
    /// written (its height or hiding is kept).
    void begin_row(std::uint32_t row, double height, bool hidden);
    /// Cells, in order within a row (style 0: the default style, not written).
    void string(std::uint32_t row, std::uint32_t column, std::string_view text, int style);
    void rich_string(std::uint32_t row, std::uint32_t column, const std::vector<Run>& runs, int style);
    void number(std::uint32_t row, std::uint32_t column, double value, int style);
    void blank(std::uint32_t row, std::uint32_t column, int style);

    /// Rows above `rows` and columns left of `columns` stay in view.
    void freeze(std::uint32_t rows, std::uint32_t columns);
    /// The sheet shown when the workbook opens.
    void select() { m_selected = true; }
    /// Printing: landscape, margins in inches, and fit to `wide` pages across and `tall` down (0: as many as needed).
    void landscape() { m_landscape = true; }
    void margins(double left, double right, double top, double bottom);
    void fit_to_pages(int wide, int tall);
    /// Shades rows first..last of `column` from white at 0 to `rgb` at 100.
    void color_scale(std::uint32_t first_row, std::uint32_t last_row, std::uint32_t column, std::uint32_t rgb);

    /// Ends the part and hands it over; the writer is spent.
    SheetPart finish();

private:
    void begin_cell(std::uint32_t row, std::uint32_t column);
    /// A cell of inline text up to its first <t> or <r>.
    void begin_inline_string(std::uint32_t row, std::uint32_t column, int style);
    /// <t>text</t>, escaped, its white space kept when it begins or ends with some.
    void text_element(std::string_view text);
    void close_row();
    const ByteSink::Piece& column_prefix(std::uint32_t column);
    const ByteSink::Piece& style_piece(std::vector<ByteSink::Piece>& cache, int style, const char* end);

    ByteSink m_data;                  ///< <sheetData>'s rows so far
    ByteSink::Piece m_row_number;     ///< the current row's number and the closing quote of a cell's "r"
    bool m_in_row = false, m_row_has_cells = false;
    std::uint32_t m_row = 0;
    /// Row heights written, newest first, with their text (height_text).
    static constexpr std::size_t k_heights_kept = 32;
    std::vector<std::pair<double, std::string>> m_heights;
    const std::string& height_text(double height);
    std::vector<ByteSink::Piece> m_prefixes;  ///< by column: `<c r="AB`
    std::vector<ByteSink::Piece> m_blank_styles, m_number_styles;  ///< by style: ` s="6"/>`, ` s="6"><v>`
    std::vector<std::string> m_string_styles;  ///< by style: ` s="6" t="inlineStr"><is>` (begin_inline_string)

    bool m_any_row = false, m_any_column = false;
    std::uint32_t m_min_row = 0, m_max_row = 0, m_min_column = 0, m_max_column = 0;

    struct ColumnSpec {
        bool set = false;  ///< set_column was called
        double width = 0;
        bool hidden = false;
        int style = 0;     ///< set_column_style
    };
    std::vector<ColumnSpec> m_column_specs;  ///< by column: <cols>'s content, written by finish()
    ColumnSpec& column_spec(std::uint32_t column);  ///< checked against Excel's last column, made if new
    std::string columns_xml() const;
    std::uint32_t m_frozen_rows = 0, m_frozen_columns = 0;
    bool m_selected = false, m_landscape = false, m_fit = false;
    int m_fit_wide = 1, m_fit_tall = 1;
    double m_margins[4] = {0.7, 0.7, 0.75, 0.75};
    std::string m_conditional;
    int m_priority = 0;
};

}  // namespace framer::xlsx

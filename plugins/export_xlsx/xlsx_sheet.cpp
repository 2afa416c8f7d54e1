// The worksheet part, element by element in the order SpreadsheetML requires (sheetPr, dimension, sheetViews,
// sheetFormatPr, cols, sheetData, conditionalFormatting, pageMargins, pageSetup), with the attributes Excel
// writes. Strings are inline (t="inlineStr"): no shared-string table to build in memory and write at the end.
#include "export_xlsx/xlsx_sheet.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <stdexcept>

#include "export_xlsx/xlsx_xml.hpp"

namespace framer::xlsx {
namespace {

/// Excel's stored column width for a width in characters of the default font (ECMA-376 §18.3.1.13: 7-pixel
/// digits, 5 pixels of padding, truncated to 1/256 of a character).
double stored_width(double width) {
    constexpr double digit = 7, padding = 5;
    if (width <= 0) return 0;
    if (width < 1) return static_cast<int>(static_cast<int>(width * (digit + padding) + 0.5) / digit * 256.0) / 256.0;
    return static_cast<int>((static_cast<int>(width * digit + 0.5) + padding) / digit * 256.0) / 256.0;
}

constexpr double default_width = 8.43;   // characters
constexpr double default_height = 15.0;  // points

}  // namespace

const ByteSink::Piece& SheetWriter::column_prefix(std::uint32_t column) {
    while (m_prefixes.size() <= column)
        m_prefixes.push_back(ByteSink::Piece::of("<c r=\"" + column_name(static_cast<std::uint32_t>(m_prefixes.size()))));
    return m_prefixes[column];
}

const ByteSink::Piece& SheetWriter::style_piece(std::vector<ByteSink::Piece>& cache, int style, const char* end) {
    const auto i = static_cast<std::size_t>(style);
    if (cache.size() <= i) cache.resize(i + 1);
    if (cache[i].size == 0) cache[i] = ByteSink::Piece::of((style > 0 ? " s=\"" + std::to_string(style) + "\"" : "") + end);
    return cache[i];
}

SheetWriter::ColumnSpec& SheetWriter::column_spec(std::uint32_t column) {
    if (column >= max_columns) throw std::runtime_error("xlsx: a column past Excel's last (XFD, 16,384)");
    if (m_column_specs.size() <= column) m_column_specs.resize(column + 1);
    return m_column_specs[column];
}

void SheetWriter::set_column(std::uint32_t column, double width, bool hidden) {
    ColumnSpec& spec = column_spec(column);
    spec.set = true;
    spec.width = width;
    spec.hidden = hidden;
}

void SheetWriter::set_column_style(std::uint32_t column, int style) {
    ColumnSpec& spec = column_spec(column);
    if (spec.style != 0) throw std::logic_error("xlsx: a column's style is set once");
    spec.style = style;
}

// <col> elements in Excel's attribute order (min, max, width, style, hidden, customWidth). A column given a
// style but no width keeps the default width.
std::string SheetWriter::columns_xml() const {
    std::string out;
    for (std::size_t c = 0; c < m_column_specs.size(); ++c) {
        const ColumnSpec& spec = m_column_specs[c];
        if (!spec.set && spec.style == 0) continue;
        const double width = spec.set ? spec.width : default_width;
        const std::string n = std::to_string(c + 1);
        out += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"" + number_text(stored_width(width)) + "\"";
        if (spec.style > 0) out += " style=\"" + std::to_string(spec.style) + "\"";
        if (spec.hidden) out += " hidden=\"1\"";
        if (width != default_width) out += " customWidth=\"1\"";
        out += "/>";
    }
    return out;
}

void SheetWriter::begin_row(std::uint32_t row, double height, bool hidden) {
    if (row >= max_rows) throw std::runtime_error("xlsx: a row past Excel's last (1,048,576)");
    if (m_in_row && row <= m_row) throw std::logic_error("xlsx: rows must be written in order, each once");
    close_row();
    if (!m_in_row && m_any_row && row <= m_max_row) throw std::logic_error("xlsx: rows must be written in order");
    m_in_row = true;
    m_row_has_cells = false;
    m_row = row;
    // The row's number as text, with the quote that ends a cell's reference after it (no allocation: a chart
    // has a row per unit on every theme's sheet).
    char digits[16];
    const auto end = std::to_chars(digits, digits + sizeof digits - 1, static_cast<std::uint64_t>(row) + 1).ptr;
    *end = '"';
    const auto length = static_cast<std::size_t>(end - digits);
    std::memcpy(m_row_number.bytes, digits, length + 1);
    m_row_number.size = static_cast<std::uint8_t>(length + 1);
    if (!m_any_row) {
        m_any_row = true;
        m_min_row = row;
    }
    m_max_row = row;
    m_data.append("<row r=\"", 8);
    m_data.put(m_row_number);
    if (height > 0 && height != default_height) {
        m_data.append(" ht=\"", 5);
        m_data.append(height_text(height));
        m_data.append("\" customHeight=\"1\"", 18);
    }
    if (hidden) m_data.append(" hidden=\"1\"", 11);
    m_data.append(">", 1);
}

const std::string& SheetWriter::height_text(double height) {
    // Rows of a chart take a few heights (lines × 15 + 2 points), in any order: each formatted once.
    for (const auto& [h, text] : m_heights)
        if (h == height) return text;
    if (m_heights.size() >= k_heights_kept) m_heights.pop_back();
    m_heights.insert(m_heights.begin(), {height, number_text(height)});
    return m_heights.front().second;
}

void SheetWriter::close_row() {
    if (!m_in_row) return;
    m_in_row = false;
    if (m_row_has_cells) {
        m_data.append("</row>", 6);
    } else {
        m_data.drop(1);  // the row's '>'
        m_data.append("/>", 2);
    }
}

void SheetWriter::begin_cell(std::uint32_t row, std::uint32_t column) {
    if (!m_in_row || row != m_row) begin_row(row, 0, false);
    if (column >= max_columns) throw std::runtime_error("xlsx: a column past Excel's last (XFD, 16,384)");
    m_row_has_cells = true;
    if (!m_any_column) {
        m_any_column = true;
        m_min_column = m_max_column = column;
    } else {
        if (column < m_min_column) m_min_column = column;
        if (column > m_max_column) m_max_column = column;
    }
    m_data.put(column_prefix(column));
    m_data.put(m_row_number);
}

void SheetWriter::begin_inline_string(std::uint32_t row, std::uint32_t column, int style) {
    begin_cell(row, column);
    const auto i = static_cast<std::size_t>(style);
    if (m_string_styles.size() <= i) m_string_styles.resize(i + 1);
    if (m_string_styles[i].empty())
        m_string_styles[i] = (style > 0 ? " s=\"" + std::to_string(style) + "\"" : "") + " t=\"inlineStr\"><is>";
    m_data.append(m_string_styles[i]);
}

void SheetWriter::text_element(std::string_view text) {
    if (needs_preserve(text)) m_data.append("<t xml:space=\"preserve\">", 24);
    else m_data.append("<t>", 3);
    append_text(m_data, text);
    m_data.append("</t>", 4);
}

void SheetWriter::string(std::uint32_t row, std::uint32_t column, std::string_view text, int style) {
    begin_inline_string(row, column, style);
    text_element(text);
    m_data.append("</is></c>", 9);
}

void SheetWriter::rich_string(std::uint32_t row, std::uint32_t column, const std::vector<Run>& runs, int style) {
    begin_inline_string(row, column, style);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        m_data.append("<r>", 3);
        // Only the first run may take the cell's font by having none; a later run without one would take the
        // previous run's, so it is given the default font.
        if (runs[i].has_font || i > 0) m_data.append(run_properties(runs[i].has_font ? runs[i].font : RunFont::plain));
        text_element(runs[i].text);
        m_data.append("</r>", 4);
    }
    m_data.append("</is></c>", 9);
}

void SheetWriter::number(std::uint32_t row, std::uint32_t column, double value, int style) {
    begin_cell(row, column);
    m_data.put(style_piece(m_number_styles, style, "><v>"));
    m_data.append(number_text(value));
    m_data.append("</v></c>", 8);
}

void SheetWriter::blank(std::uint32_t row, std::uint32_t column, int style) {
    if (style < 0) style = 0;
    // A blank cell of the style unwritten cells take is no cell at all (most of a wide chart's cells).
    if (style == column_style(column)) return;
    begin_cell(row, column);
    m_data.put(style_piece(m_blank_styles, style, "/>"));
}

void SheetWriter::freeze(std::uint32_t rows, std::uint32_t columns) {
    m_frozen_rows = rows;
    m_frozen_columns = columns;
}

void SheetWriter::margins(double left, double right, double top, double bottom) {
    m_margins[0] = left;
    m_margins[1] = right;
    m_margins[2] = top;
    m_margins[3] = bottom;
}

void SheetWriter::fit_to_pages(int wide, int tall) {
    m_fit = true;
    m_fit_wide = wide;
    m_fit_tall = tall;
}

void SheetWriter::color_scale(std::uint32_t first_row, std::uint32_t last_row, std::uint32_t column, std::uint32_t rgb) {
    m_conditional += fmt::format(
        "<conditionalFormatting sqref=\"{}\"><cfRule type=\"colorScale\" priority=\"{}\"><colorScale>"
        "<cfvo type=\"num\" val=\"0\"/><cfvo type=\"num\" val=\"100\"/><color rgb=\"FFFFFFFF\"/>"
        "<color rgb=\"FF{:06X}\"/></colorScale></cfRule></conditionalFormatting>",
        range_name(first_row, column, last_row, column), ++m_priority, rgb & 0xFFFFFFu);
}

SheetPart SheetWriter::finish() {
    close_row();
    SheetPart part;
    std::string& head = part.head;
    head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                       "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
    if (m_fit) head += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
    std::string dimension = "A1";
    if (m_any_row && m_any_column) dimension = range_name(m_min_row, m_min_column, m_max_row, m_max_column);
    else if (m_any_row) dimension = range_name(m_min_row, 0, m_max_row, 0);
    head += "<dimension ref=\"" + dimension + "\"/>";
    head += m_selected ? "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"" : "<sheetViews><sheetView workbookViewId=\"0\"";
    const std::uint32_t r = m_frozen_rows, c = m_frozen_columns;
    if (r == 0 && c == 0) {
        head += "/>";
    } else if (r > 0 && c > 0) {
        head += fmt::format("><pane xSplit=\"{}\" ySplit=\"{}\" topLeftCell=\"{}\" activePane=\"bottomRight\" "
                            "state=\"frozen\"/><selection pane=\"topRight\" activeCell=\"{}\" sqref=\"{}\"/>"
                            "<selection pane=\"bottomLeft\" activeCell=\"{}\" sqref=\"{}\"/>"
                            "<selection pane=\"bottomRight\"/></sheetView>",
                            c, r, cell_name(r, c), cell_name(0, c), cell_name(0, c), cell_name(r, 0), cell_name(r, 0));
    } else if (r > 0) {
        head += fmt::format("><pane ySplit=\"{}\" topLeftCell=\"{}\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                            "<selection pane=\"bottomLeft\"/></sheetView>",
                            r, cell_name(r, 0));
    } else {
        head += fmt::format("><pane xSplit=\"{}\" topLeftCell=\"{}\" activePane=\"topRight\" state=\"frozen\"/>"
                            "<selection pane=\"topRight\"/></sheetView>",
                            c, cell_name(0, c));
    }
    head += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
    if (const std::string columns = columns_xml(); !columns.empty()) head += "<cols>" + columns + "</cols>";

    std::string& tail = part.tail;
    tail = m_conditional;
    tail += fmt::format("<pageMargins left=\"{}\" right=\"{}\" top=\"{}\" bottom=\"{}\" header=\"0.3\" footer=\"0.3\"/>",
                        number_text(m_margins[0]), number_text(m_margins[1]), number_text(m_margins[2]), number_text(m_margins[3]));
    if (m_landscape || m_fit) {
        tail += "<pageSetup";
        if (m_fit && m_fit_wide != 1) tail += fmt::format(" fitToWidth=\"{}\"", m_fit_wide);
        if (m_fit && m_fit_tall != 1) tail += fmt::format(" fitToHeight=\"{}\"", m_fit_tall);
        if (m_landscape) tail += " orientation=\"landscape\"";
        tail += "/>";
    }
    tail += "</worksheet>";

    // <sheetData> opens the head and closes the tail, around the rows (an empty one is <sheetData/>).
    if (m_data.size() == 0) {
        head += "<sheetData/>";
    } else {
        head += "<sheetData>";
        tail.insert(0, "</sheetData>");
    }
    part.rows = std::move(m_data);
    return part;
}

}  // namespace framer::xlsx

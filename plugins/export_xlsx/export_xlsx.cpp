// xlsx: the sheet a researcher pastes into a paper or fills in. The workbook is written here (xlsx_sheet.cpp,
// xlsx_styles.cpp, xlsx_package.cpp) rather than through libxlsxwriter, which Framer used before: its blank cells,
// nearly all of a wide chart's, cost a formatted attribute list and an fprintf each (10 s for the 3.2-million-cell
// chart of bench/README.md). The parts are those libxlsxwriter wrote for the same tables, byte for byte in the
// sheets. Each sheet's XML is deflated into refi::ZipWriter as soon as it is finished (xlsx_package.hpp); the CLI has
// the exporter write straight into the temporary output (write_file); write() to a stream goes through a
// temporary file that is then copied.
#include "export_xlsx/export_xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string_view>

#include "core/table_util.hpp"
#include "export_xlsx/wrap_estimate.hpp"
#include "export_xlsx/xlsx_package.hpp"
#include "export_xlsx/xlsx_sheet.hpp"
#include "refi/temp_file.hpp"
#include "refi/text.hpp"

namespace framer {
namespace {

constexpr std::size_t max_cell_chars = 32767;  // Excel's limit per cell
constexpr std::uint32_t heat_color = 0xF4A582;     // heat shading at 100% (a light orange; 0% is white)

/// Code points in a UTF-8 string (continuation bytes are not counted).
std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

/// The first `count` code points of `s`.
std::string utf8_prefix(const std::string& s, std::size_t count) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == count) return s.substr(0, i);
            ++n;
        }
    }
    return s;
}

/// True when Excel takes `text` as it is: no C0 controls but tab and line breaks, at most 32767 characters.
bool clean_cell_text(const std::string& text) {
    if (text.size() > max_cell_chars) return false;  // (bytes: at most as many code points)
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    }
    return true;
}

/// Text Excel accepts: XML 1.0 has no C0 controls but tab and line breaks; cells hold at most 32767 characters.
std::string cell_text(const std::string& text) {
    if (clean_cell_text(text)) return text;
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
            out += "\xEF\xBF\xBD";
        else
            out += c;
    }
    // Excel refuses longer cells; cutting silently would lose a researcher's data without a trace, so the cut
    // is marked in the cell itself.
    static const std::string cut_marker = " [… cut here: an Excel cell holds 32,767 characters; the csv and json "
                                          "outputs have the whole text]";
    if (utf8_length(out) > max_cell_chars)
        out = utf8_prefix(out, max_cell_chars - utf8_length(cut_marker)) + cut_marker;
    return out;
}

/// As cell_text, without a copy when the text is clean (nearly every cell of a chart): `text` itself, else the
/// cleaned text in `scratch`.
const std::string& cell_text(const std::string& text, std::string& scratch) {
    if (clean_cell_text(text)) return text;
    scratch = cell_text(text);
    return scratch;
}

/// Cell styles by the Cell's hints; text cells, nearly all of a chart's, find theirs in a table indexed by the
/// hints instead of the style sheet's map.
class Formats {
public:
    explicit Formats(xlsx::StyleSheet& styles) : m_styles(&styles) {}

    /// `wrap`: the cell's text wraps (wrap hint, header, or a line break in it).
    int get(const Cell& cell, bool header, bool wrap) {
        const int indent = std::clamp(cell.indent, 0, 15);
        const std::size_t slot = (static_cast<std::size_t>(indent) << 5) | ((cell.bold || header) ? 16u : 0u) |
                                 (wrap ? 8u : 0u) | (cell.numeric ? 4u : 0u) | (cell.editable ? 2u : 0u) |
                                 (header ? 1u : 0u);
        if (!m_text_formats[slot]) m_text_formats[slot] = get(cell, header, wrap, std::string());
        return m_text_formats[slot];
    }

    /// As get(), with `number_format` over a numeric value ("" for text cells).
    int get(const Cell& cell, bool header, bool wrap, const std::string& number_format) {
        xlsx::CellStyle s;
        s.bold = cell.bold || header;
        s.indent = std::clamp(cell.indent, 0, 15);  // Excel's maximum indent level
        s.wrap = wrap;
        s.number_format = number_format;
        s.top = true;
        s.right = cell.numeric;
        if (header) {
            s.bottom_border = true;
            s.fill = 0xF2F2F2;
        }
        if (cell.editable) {
            s.unlocked = true;
            s.fill = 0xFFF2CC;  // pale yellow: "type here"
        }
        return m_styles->index(s);
    }

    xlsx::StyleSheet& styles() { return *m_styles; }

    /// See xlsx::StyleSheet::blank_looks_unwritten.
    bool blank_looks_unwritten(int style) const { return m_styles->blank_looks_unwritten(style); }

    int title() {
        if (!m_title) {
            xlsx::CellStyle s;
            s.bold = true;
            s.font_size = 13;
            m_title = m_styles->index(s);
        }
        return m_title;
    }

private:
    xlsx::StyleSheet* m_styles;
    std::array<int, 16 * 32> m_text_formats{};  ///< get() without a number format, by its hints
    int m_title = 0;
};

/// Writes text followed by superscript footnote markers as a rich string (plain text when there are none).
void write_text(xlsx::SheetWriter& ws, std::uint32_t row, std::uint32_t col, const std::string& text,
                const std::vector<int>& footnotes, bool bold, int style) {
    if (footnotes.empty() || text.empty()) {
        if (!text.empty()) ws.string(row, col, text, style);
        else ws.blank(row, col, style);
        return;
    }
    std::string marks;
    for (int f : footnotes) {
        if (!marks.empty()) marks += ',';
        marks += footnote_marker(f);  // (not "," + marker: GCC 12 warns -Wrestrict on that falsely)
    }
    ws.rich_string(row, col,
                   {xlsx::Run{text, bold, xlsx::RunFont::bold}, xlsx::Run{marks, true, xlsx::RunFont::superscript}},
                   style);
}

/// A number cell holds a number in Excel (so it sums and sorts) when its whole text reads as one.
bool as_number(const std::string& text, double& value) {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    // A finite number only: "1e999" reads as infinity, which a cell cannot hold (it stays text).
    return end && *end == '\0' && text.find_first_not_of("0123456789.-+eE") == std::string::npos &&
           std::isfinite(value);
}

// Row heights: Excel and LibreOffice do not grow a row for wrapped text written by a library (they show one
// line), so the height is computed here from the text and the column width. The estimate is deliberately
// generous: LibreOffice without Calibri's metric twin (Carlito) sets text in DejaVu Sans, which is wider.
constexpr double line_height = 15.0;         // points per line of 11 pt text
constexpr double max_row_height = 409.0;     // Excel's largest row
constexpr double max_widened_column = 120.0; // a column holding very long text may widen up to this
/// The most lines a row shows: from one more on, a row would be taller than max_row_height (27 * 15 + 2 = 407
/// points fits, 28 lines do not), so counting a cell's lines can stop there.
constexpr std::size_t max_lines = static_cast<std::size_t>(max_row_height / line_height);

/// True when `text` wrapped in a column `width` wide (at `indent`) takes more than max_lines lines; the cheap
/// bound answers for nearly every cell, the exact count (stopped past max_lines) for the others.
bool too_tall(std::string_view text, double width, int indent) {
    const std::size_t per_line = xlsx::chars_per_line(width, indent);
    if (xlsx::max_wrapped_lines(xlsx::text_extent(text), per_line) <= max_lines) return false;
    return xlsx::wrapped_lines(text, per_line, max_lines + 1) > max_lines;
}

bool wraps(const Cell& cell, bool header) {
    return cell.wrap || header || cell.text.find('\n') != std::string::npos;
}

/// Characters of column width a one-line cell needs: bold text is about a tenth wider, indentation takes about
/// two characters a level.
double needed_width(const Cell& cell, std::size_t longest_line) {
    return static_cast<double>(longest_line) * (cell.bold ? 1.1 : 1.0) + 2.0 * std::max(cell.indent, 0) + 2;
}

/// As wraps(), and also a text cell longer than its column (a code name beyond the width cap, a per-unit
/// chart's code column): unwrapped, Calc and Excel cut it at the next filled cell, and in print it is lost.
bool wraps(const Cell& cell, bool header, double width) {
    return wraps(cell, header) ||
           (!cell.numeric && !cell.has_count && needed_width(cell, utf8_length(cell.text)) > width);
}

/// The number format showing a count cell's text over its percentage: "7 ("0")" shows 58 as "7 (58)".
/// (Appended piece by piece: GCC 12 warns -Wrestrict falsely on `"literal" + std::string` here once inlined.)
std::string count_format(const Cell& cell) {
    std::string f = "\"";
    f += std::to_string(cell.count);
    f += " (\"0";
    if (cell.decimals > 0) {
        f += '.';
        f.append(static_cast<std::size_t>(cell.decimals), '0');
    }
    f += "\")\"";
    return f;
}

bool has_width_hint(const Table& table, std::size_t column) {
    return column < table.column_widths.size() && table.column_widths[column] > 0;
}

/// The Table's width hints (8 characters where there is none), and whether every column has one (a chart).
std::vector<double> hinted_widths(const Table& table, std::size_t columns, bool& all_hinted) {
    std::vector<double> widths(columns, 8.0);
    all_hinted = true;
    for (std::size_t c = 0; c < columns; ++c) {
        if (has_width_hint(table, c)) widths[c] = table.column_widths[c];
        else all_hinted = false;
    }
    return widths;
}

/// Whether `cell` widens column c from `width`: it wraps, and at that width it would need a row taller than
/// Excel allows, and the column may still grow.
bool widens(const Cell& cell, double width) {
    return width < max_widened_column && wraps(cell, false) && too_tall(cell.text, width, cell.indent);
}

/// Widens a column of `width` as far as `cell` needs, 10 characters at a time: each cell only ever widens its
/// column, so the cells of a column may be visited in any pass once its starting width is known.
void widen(const Cell& cell, double& width) {
    while (widens(cell, width)) width = std::min(max_widened_column, width + 10.0);
}

/// Column widths in characters, measured in two passes over the body (a streamed table is made once more for
/// each): the Table's hints, else the longest line of the body cells (headers wrap). A column whose text would
/// need a row taller than Excel allows is widened (up to max_widened_column). A table whose every column has a
/// hint is measured while it is laid out instead (write_sheet).
std::vector<double> column_widths(const Table& table, std::size_t columns) {
    bool all_hinted = false;
    std::vector<double> widths = hinted_widths(table, columns, all_hinted);
    std::vector<char> hinted(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) hinted[c] = has_width_hint(table, c);
    for_each_row(table, [&](const std::vector<Cell>& row) {
        for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
            const Cell& cell = row[c];
            if (hinted[c]) {
                widen(cell, widths[c]);
                continue;
            }
            std::size_t longest = 0, current = 0;
            for (char ch : cell.text) {
                if (ch == '\n') { longest = std::max(longest, current); current = 0; }
                else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++current;
            }
            longest = std::max(longest, current);
            double need = needed_width(cell, longest);
            double cap = cell.wrap ? 50.0 : 60.0;
            widths[c] = std::clamp(need, widths[c], cap);
        }
    });
    if (all_hinted) return widths;  // (the hinted ones are widened already)
    for_each_row(table, [&](const std::vector<Cell>& row) {
        for (std::size_t c = 0; c < columns && c < row.size(); ++c)
            if (!hinted[c]) widen(row[c], widths[c]);
    });
    return widths;
}

/// Height in points for a row (0: the default height, one line), and whether some cell does not fit even so.
/// A cell is counted exactly only when its bound (max_wrapped_lines) says it could be the row's tallest, and
/// counting stops once the row is past max_lines (its height is then Excel's largest whatever the rest hold).
double row_height(const std::vector<Cell>& row, const std::vector<double>& widths, bool header, bool& clipped) {
    std::size_t lines = 1;
    for (std::size_t c = 0; c < row.size() && c < widths.size() && lines <= max_lines; ++c) {
        const Cell& cell = row[c];
        if (cell.text.empty() || !wraps(cell, header, widths[c])) continue;
        const std::size_t per_line = xlsx::chars_per_line(widths[c], cell.indent);
        if (xlsx::max_wrapped_lines(xlsx::text_extent(cell.text), per_line) <= lines) continue;
        lines = std::max(lines, xlsx::wrapped_lines(cell.text, per_line, max_lines + 1));
    }
    if (lines <= 1) return 0;
    double height = static_cast<double>(lines) * line_height + 2.0;
    if (height > max_row_height) {
        clipped = true;
        height = max_row_height;
    }
    return height;
}

/// Whether a cell of `row` widens its column from `widths` (see widens()).
bool row_widens(const std::vector<Cell>& row, const std::vector<double>& widths) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
        if (widens(row[c], widths[c])) return true;
    return false;
}

/// Lays `table` out on one sheet at column `widths` and adds it to the package. With `measure_if_widening`,
/// the first body row that would widen a column ends the laying out: from that row on, the rest of the body
/// only widens `widths` (as column_widths' pass would have, the rows before having widened nothing), nothing is
/// added, and it returns false.
bool lay_out_sheet(xlsx::Package& package, Formats& formats, const Table& table, std::size_t columns,
                   std::vector<double>& widths, bool measure_if_widening, const std::vector<std::string>& notes,
                   bool heat, bool selected) {
    xlsx::SheetWriter ws(package.rows_buffer());
    if (selected) ws.select();
    std::size_t clipped_rows = 0;
    // Each row begins with its height, computed from its cells and the column widths; returns whether some
    // cell does not fit even so.
    auto begin_row = [&](std::uint32_t r, const std::vector<Cell>& row, bool header, bool hidden) {
        bool clipped = false;
        double height = row_height(row, widths, header, clipped);
        if (clipped && !hidden) ++clipped_rows;
        if (hidden) ws.begin_row(r, 0, true);
        else if (height > 0) ws.begin_row(r, height, false);
        return clipped;
    };

    std::uint32_t r = 0;
    // The full table name on top: sheet names are cut to 31 characters and lose ':' and '/'.
    if (!table.name.empty()) {
        ws.begin_row(r, 18.0, false);
        ws.string(r, 0, cell_text(table.name), formats.title());
        ++r;
    }
    const std::uint32_t first_header = r;
    for (const auto& row : table.header) {
        begin_row(r, row, true, false);
        for (std::size_t c = 0; c < columns; ++c) {
            const Cell& cell = cell_at(row, c);
            write_text(ws, r, static_cast<std::uint32_t>(c), cell_text(cell.text), cell.footnotes, true,
                       formats.get(cell, true, true));
        }
        ++r;
    }
    const std::uint32_t first_body = r;
    std::map<std::size_t, bool> count_columns;  // columns holding N (%) cells: heat shading
    std::size_t body_rows = 0;
    std::string scratch;  // a cell's text made acceptable to Excel, when it is not already
    bool measuring = false;
    for_each_row(table, [&](const std::vector<Cell>& row) {
        if (!measuring) {
            const std::size_t i = body_rows++;
            if (r >= xlsx::max_rows)
                throw std::runtime_error(fmt::format("xlsx: the table '{}' has more rows than a sheet holds ({}, "
                                                     "Excel's limit): write it as csv or json instead",
                                                     table.name, xlsx::max_rows));
            // A row is clipped whenever one of its cells would widen a column (more lines than a row shows).
            measuring = begin_row(r, row, false, row_hidden(table, i)) && measure_if_widening &&
                        row_widens(row, widths);
        }
        if (measuring) {
            for (std::size_t c = 0; c < columns && c < row.size(); ++c) widen(row[c], widths[c]);
            return;
        }
        for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
            const Cell& cell = row[c];
            const auto col = static_cast<std::uint32_t>(c);
            double number = 0;
            if (cell.has_count && cell.footnotes.empty()) {
                // A number (the percentage) under a format that shows "N (%)": it sorts, and it can be shaded.
                ws.number(r, col, cell.percent, formats.get(cell, false, false, count_format(cell)));
                count_columns[c] = true;
            } else if (cell.numeric && cell.footnotes.empty() && as_number(cell.text, number)) {
                ws.number(r, col, number, formats.get(cell, false, wraps(cell, false)));
            } else {
                const std::string& text = cell_text(cell.text, scratch);
                const int style = formats.get(cell, false, wraps(cell, false, widths[c]));
                // The first blank cell of a column whose style shows nothing makes that the column's style, and
                // the column's blank cells of it are left out: a wide chart is mostly such cells.
                if (text.empty() && ws.column_style(col) == 0 && formats.blank_looks_unwritten(style))
                    ws.set_column_style(col, style);
                write_text(ws, r, col, text, cell.footnotes, cell.bold, style);
            }
        }
        ++r;
    });
    if (measuring) return false;
    const std::uint32_t last_body = r > first_body ? r - 1 : first_body;
    // Footnotes and notes under the table, after one empty row; unwrapped so they overflow to the right.
    std::vector<std::string> below = notes;
    if (clipped_rows > 0)
        below.push_back(fmt::format("{} row(s) hold more text than a spreadsheet row can show ({} points): the csv, "
                                    "html and json outputs have their whole text",
                                    clipped_rows, max_row_height));
    if (!table.footnotes.empty() || !below.empty()) ++r;
    for (std::size_t f = 0; f < table.footnotes.size(); ++f, ++r) {
        std::string text = cell_text(table.footnotes[f]);
        if (footnote_referenced(table, static_cast<int>(f)) && !text.empty()) {
            std::string mark = footnote_marker(static_cast<int>(f));
            std::string rest = " " + text;
            ws.rich_string(r, 0, {xlsx::Run{mark, true, xlsx::RunFont::superscript}, xlsx::Run{rest, false, {}}}, 0);
        } else if (!text.empty()) {
            ws.string(r, 0, text, 0);
        }
    }
    for (const auto& note : below) {
        std::string text = cell_text(note);
        if (!text.empty()) ws.string(r, 0, text, 0);
        ++r;
    }

    double total_width = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        bool hidden = std::find(table.hidden_columns.begin(), table.hidden_columns.end(), static_cast<int>(c)) !=
                      table.hidden_columns.end();
        if (!hidden) total_width += widths[c];
        ws.set_column(static_cast<std::uint32_t>(c), widths[c], hidden);
    }
    const int frozen_columns = std::clamp(table.frozen_columns, 0, static_cast<int>(columns));
    if (!table.header.empty() || frozen_columns > 0)
        ws.freeze(first_body, static_cast<std::uint32_t>(frozen_columns));

    // Printing: landscape, header rows on every page, as wide as a page allows. A chart much wider than a
    // landscape page (about 150 characters at 100%) would print unreadably small on one page, so it spans
    // several pages across, each repeating the identifying columns.
    xlsx::SheetPrintTitles titles;
    ws.landscape();
    ws.margins(0.4, 0.4, 0.5, 0.5);
    if (!table.header.empty()) titles.rows = xlsx::Span{first_header, first_body - 1};
    constexpr double readable_width = 300.0;  // ≈ 50% scale on a landscape page
    const int pages_wide = static_cast<int>(std::max(1.0, std::ceil(total_width / readable_width)));
    ws.fit_to_pages(pages_wide, 0);
    if (pages_wide > 1 && frozen_columns > 0)
        titles.columns = xlsx::Span{0, static_cast<std::uint32_t>(frozen_columns - 1)};

    if (heat && first_body <= last_body && body_rows > 0)
        for (const auto& [c, any] : count_columns) {
            (void)any;
            ws.color_scale(first_body, last_body, static_cast<std::uint32_t>(c), heat_color);
        }
    package.add_sheet(ws.finish(), titles);
    return true;
}

/// Lays `table` out on one sheet and adds it to the package.
void write_sheet(xlsx::Package& package, Formats& formats, const Table& table, const std::vector<std::string>& notes,
                 bool heat, bool selected) {
    const std::size_t columns = column_count(table);
    if (columns > xlsx::max_columns)
        throw std::runtime_error(fmt::format("xlsx: the table '{}' has {} columns, more than a sheet holds ({}, "
                                             "Excel's limit): write it as csv or json instead",
                                             table.name, columns, xlsx::max_columns));
    bool all_hinted = false;
    std::vector<double> widths = hinted_widths(table, columns, all_hinted);
    if (all_hinted) {
        // Every column has its width (a chart): the sheet is laid out at those widths straight away, without a
        // measuring pass over the body first (for a streamed chart, making every row once more). If a row would
        // widen a column, the rest of that pass measures instead, and the sheet is laid out again at the widths
        // found, from the styles as they were: the same workbook as measuring first, in at most as many passes.
        const xlsx::StyleSheet styles_before = formats.styles();
        const Formats formats_before = formats;
        if (lay_out_sheet(package, formats, table, columns, widths, true, notes, heat, selected)) return;
        formats = formats_before;
        formats.styles() = styles_before;
    } else {
        widths = column_widths(table, columns);
    }
    lay_out_sheet(package, formats, table, columns, widths, false, notes, heat, selected);
}

class XlsxExporter : public Exporter {
public:
    std::string name() const override { return "xlsx"; }
    std::vector<std::string> extensions() const override { return {".xlsx"}; }
    bool binary() const override { return true; }

    void write(const Result& result, std::ostream& out) const override {
        refi::TempFile temp(std::filesystem::temp_directory_path() / "framer-workbook.xlsx");
        write_file(result, temp.path());
        std::ifstream in(temp.path(), std::ios::binary);
        if (!in) throw std::runtime_error("xlsx: cannot read back " + temp.path().string());
        // A loop rather than `out << in.rdbuf()`, which reports no error once it has copied a single byte.
        char buffer[1 << 16];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
            out.write(buffer, in.gcount());
            if (!out) throw std::runtime_error("xlsx: cannot write the workbook to the output");
        }
        if (in.bad()) throw std::runtime_error("xlsx: cannot read back " + temp.path().string());
    }

    void write_file(const Result& result, const std::filesystem::path& path) const override {
        auto tables = document_tables(result);
        std::vector<std::string> names;
        for (std::size_t t = 0; t < tables.size(); ++t)
            names.push_back(tables[t]->name.empty() ? "Table " + std::to_string(t + 1) : tables[t]->name);
        // A workbook needs a sheet; with no table, the notes go on "Sheet1".
        auto sheet_names = tables.empty() ? std::vector<std::string>{"Sheet1"} : xlsx_sheet_names(names);
        xlsx::StyleSheet styles;
        Formats formats(styles);
        xlsx::Package package(path, sheet_names, result.title, "framer");
        for (std::size_t t = 0; t < tables.size(); ++t)
            write_sheet(package, formats, *tables[t], t == 0 ? result.notes : std::vector<std::string>{}, result.heat,
                        t == 0);
        if (tables.empty()) {
            xlsx::SheetWriter ws;
            ws.select();
            std::uint32_t r = 0;
            for (const auto& note : result.notes) ws.string(r++, 0, cell_text(note), 0);
            package.add_sheet(ws.finish(), {});
        }
        package.close(styles);
    }
};

}  // namespace

std::vector<std::string> xlsx_sheet_names(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const auto& wanted : names) {
        std::string name;
        for (char c : wanted) {
            if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) name += '_';
            else if (static_cast<unsigned char>(c) < 0x20) name += ' ';
            else name += c;
        }
        // Excel refuses a leading or trailing apostrophe and the reserved name "History".
        while (!name.empty() && name.front() == '\'') name.erase(name.begin());
        while (!name.empty() && name.back() == '\'') name.pop_back();
        if (name.empty()) name = "Sheet";
        if (refi::ascii_lower(name) == "history") name += "_";
        name = utf8_prefix(name, 31);
        while (!name.empty() && name.back() == '\'') name.pop_back();
        // Unique, case-insensitively as Excel compares them: "Name (2)", cutting the name to fit.
        std::string candidate = name;
        for (int k = 2;; ++k) {
            bool taken = std::any_of(out.begin(), out.end(), [&](const std::string& n) { return refi::ascii_lower(n) == refi::ascii_lower(candidate); });
            if (!taken) break;
            std::string suffix = " (" + std::to_string(k) + ")";
            candidate = utf8_prefix(name, 31 - suffix.size()) + suffix;
        }
        out.push_back(candidate);
    }
    return out;
}

std::unique_ptr<Exporter> make_xlsx_exporter() { return std::make_unique<XlsxExporter>(); }

}  // namespace framer

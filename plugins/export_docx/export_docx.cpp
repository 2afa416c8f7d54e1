// docx: the tables a researcher pastes into a journal's Word template. Each table is a real Word table (not
// text laid out with tabs), so it can be restyled, and its header rows repeat on every printed page.
#include "export_docx/export_docx.hpp"

#include <algorithm>
#include <numeric>
#include <ostream>
#include <sstream>

#include "core/table_util.hpp"
#include "export_docx/docx_package.hpp"

namespace framer {
namespace {

// A4 with 2 cm margins, in twentieths of a point (twips), the unit of WordprocessingML.
constexpr int page_short = 11906, page_long = 16838, margin = 1134;
constexpr int indent_step = 284;  // 0.5 cm per level of the code tree

struct Layout {
    bool landscape = false;
    bool small = false;  ///< 7 pt text: a wide table
    std::vector<std::size_t> columns;
    std::vector<int> widths;  ///< twips per visible column
    std::vector<bool> numeric;
};

int text_width(bool landscape) { return (landscape ? page_long : page_short) - 2 * margin; }

/// Code points of the longest line of `text`.
std::size_t longest_line(const std::string& text) {
    std::size_t longest = 0, current = 0;
    for (char c : text) {
        if (c == '\n') { longest = std::max(longest, current); current = 0; }
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++current;
    }
    return std::max(longest, current);
}

/// Charts (wrapped excerpts) and tables of many columns get a landscape page. Short unwrapped columns (counts,
/// case names, roles) get the width of their longest line (a header only its longest word: it wraps at
/// words); the others share the rest of the text width in proportion to the Table::column_widths hint, else to
/// their longest line. When even the short columns do not fit, every column shrinks in proportion.
Layout layout(const Table& table) {
    Layout l;
    l.columns = visible_columns(table);
    // Stopped at the first wrapping cell (any column, hidden rows included), as a chart's first row has one.
    const bool wrap = !for_each_row_while(table, [](const std::vector<Cell>& row) {
        return std::none_of(row.begin(), row.end(), [](const Cell& cell) { return cell.wrap; });
    });
    l.landscape = wrap || l.columns.size() > 5;
    l.small = l.columns.size() > 8;
    const int width = text_width(l.landscape);
    // About 0.6 em per character, bold and wide fallback fonts included, plus the cell's left and right margins (85 twips each).
    const double char_twips = (l.small ? 7 : 9) * 20 * 0.6;
    std::vector<double> natural, weights;
    std::vector<bool> fixed;
    // Per visible column, in one pass over the body (a streamed table is made once more for it).
    struct Measure {
        bool numeric = false, text = false, wraps = false;
        double chars = 3;
    };
    std::vector<Measure> measures(l.columns.size());
    for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) {
        for (std::size_t k = 0; k < l.columns.size(); ++k) {
            const Cell& cell = cell_at(row, l.columns[k]);
            Measure& m = measures[k];
            m.wraps = m.wraps || cell.wrap;  // an empty summary cell wraps the text the researcher will type
            if (cell.text.empty()) continue;
            (cell.numeric ? m.numeric : m.text) = true;
            m.chars = std::max(m.chars, static_cast<double>(longest_line(cell.text)) + 2.0 * std::max(cell.indent, 0));
        }
    });
    for (std::size_t k = 0; k < l.columns.size(); ++k) {
        const std::size_t c = l.columns[k];
        const bool numeric = measures[k].numeric, text = measures[k].text, wraps = measures[k].wraps;
        double chars = measures[k].chars;
        for (const auto& row : table.header) {
            std::istringstream words(cell_at(row, c).text);
            std::string word;
            while (words >> word) chars = std::max(chars, static_cast<double>(longest_line(word)));
        }
        l.numeric.push_back(numeric && !text);
        natural.push_back(chars * char_twips + 170);
        fixed.push_back(!wraps && natural.back() <= 0.25 * width);
        bool hinted = c < table.column_widths.size() && table.column_widths[c] > 0;
        weights.push_back(hinted ? table.column_widths[c] : std::min(chars, wraps ? 50.0 : 60.0));
    }
    double fixed_total = 0, weight_total = 0;
    for (std::size_t k = 0; k < natural.size(); ++k) (fixed[k] ? fixed_total : weight_total) += fixed[k] ? natural[k] : weights[k];
    std::vector<double> twips(natural.size());
    if (weight_total == 0 || fixed_total >= 0.8 * width) {
        // Only short columns, or too many of them: everything in proportion to what it needs.
        double total = std::accumulate(natural.begin(), natural.end(), 0.0);
        double scale = weight_total == 0 && total < width ? 1.0 : width / std::max(total, 1.0);
        for (std::size_t k = 0; k < natural.size(); ++k) twips[k] = natural[k] * scale;
    } else {
        for (std::size_t k = 0; k < natural.size(); ++k)
            twips[k] = fixed[k] ? natural[k] : (width - fixed_total) * weights[k] / weight_total;
    }
    for (double t : twips) l.widths.push_back(std::max(1, static_cast<int>(t)));
    return l;
}

/// Runs for `text`: line breaks become <w:br/>, tabs <w:tab/>.
void write_runs(const std::string& text, const std::string& run_properties, std::ostream& out) {
    std::string rpr = run_properties.empty() ? "" : "<w:rPr>" + run_properties + "</w:rPr>";
    out << "<w:r>" << rpr;
    std::string chunk;
    auto flush = [&] {
        if (!chunk.empty()) out << "<w:t xml:space=\"preserve\">" << docx::xml_text(chunk) << "</w:t>";
        chunk.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            flush();
            out << "<w:br/>";
        } else if (c == '\t') {
            flush();
            out << "<w:tab/>";
        } else {
            chunk += c;
        }
    }
    flush();
    out << "</w:r>";
}

std::string markers(const std::vector<int>& footnotes) {
    std::string marks;
    for (int f : footnotes) {
        if (!marks.empty()) marks += ',';
        marks += footnote_marker(f);  // (not "," + marker: GCC 12 warns -Wrestrict on that falsely)
    }
    return marks;
}

void write_paragraph(const std::string& style, const std::string& text, std::ostream& out) {
    out << "<w:p><w:pPr><w:pStyle w:val=\"" << style << "\"/></w:pPr>";
    if (!text.empty()) write_runs(text, "", out);
    out << "</w:p>";
}

void write_cell(const Cell& cell, bool header, const Layout& l, std::size_t k, std::ostream& out) {
    out << "<w:tc><w:tcPr><w:tcW w:w=\"" << l.widths[k] << "\" w:type=\"dxa\"/>";
    if (header) out << "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:tcBorders>";
    if (cell.editable) out << "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF2CC\"/>";  // pale yellow: "type here"
    else if (header) out << "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>";
    out << "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"" << (l.small ? "FramerCellSmall" : "FramerCell") << "\"/>";
    if (cell.indent > 0) out << "<w:ind w:left=\"" << indent_step * cell.indent << "\"/>";
    if (cell.numeric || l.numeric[k]) out << "<w:jc w:val=\"right\"/>";
    out << "</w:pPr>";
    bool bold = cell.bold || header;
    if (!cell.text.empty()) write_runs(cell.text, bold ? "<w:b/><w:bCs/>" : "", out);
    if (!cell.footnotes.empty()) write_runs(markers(cell.footnotes), "<w:vertAlign w:val=\"superscript\"/>", out);
    out << "</w:p></w:tc>";
}

void write_table(const Table& table, const Layout& l, std::ostream& out) {
    if (!table.name.empty()) write_paragraph("Heading1", table.name, out);
    if (l.columns.empty()) {  // nothing to show; a Word table needs at least one cell
        write_paragraph("Normal", "", out);
        return;
    }
    int total = std::accumulate(l.widths.begin(), l.widths.end(), 0);
    // Rules above and below the table and under the header (booktabs style); thin grey rules between rows so
    // the long cells of a chart stay readable.
    out << "<w:tbl><w:tblPr><w:tblW w:w=\"" << total << "\" w:type=\"dxa\"/><w:tblBorders>"
        << "<w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
        << "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
        << "<w:insideH w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"D9D9D9\"/>"
        << "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        << "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" "
           "w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
    for (int w : l.widths) out << "<w:gridCol w:w=\"" << w << "\"/>";
    out << "</w:tblGrid>";
    auto write_row = [&](const std::vector<Cell>& row, bool header) {
        bool wraps = std::any_of(row.begin(), row.end(), [](const Cell& c) { return c.wrap; });
        out << "<w:tr>";
        // Rows of counts stay on one page; a row of long excerpts may break across pages (it could not fit).
        if (header || !wraps) out << "<w:trPr>" << (header ? "<w:tblHeader/>" : "") << "<w:cantSplit/></w:trPr>";
        for (std::size_t k = 0; k < l.columns.size(); ++k) write_cell(cell_at(row, l.columns[k]), header, l, k, out);
        out << "</w:tr>";
    };
    for (const auto& row : table.header) write_row(row, true);
    for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) { write_row(row, false); });
    if (table.header.empty() && !has_rows(table)) {
        out << "<w:tr>";  // a table needs a row, and a row a cell
        for (std::size_t k = 0; k < l.columns.size(); ++k) write_cell(Cell{}, false, l, k, out);
        out << "</w:tr>";
    }
    out << "</w:tbl>";
    // Table notes under the table (where journals put them), not page footnotes: they belong to the table.
    for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
        out << "<w:p><w:pPr><w:pStyle w:val=\"FramerTableNote\"/></w:pPr>";
        if (footnote_referenced(table, static_cast<int>(f))) {
            write_runs(footnote_marker(static_cast<int>(f)), "<w:vertAlign w:val=\"superscript\"/>", out);
            write_runs(" " + table.footnotes[f], "", out);
        } else {
            write_runs(table.footnotes[f], "", out);
        }
        out << "</w:p>";
    }
    // A paragraph after every table: Word needs one before a section break or the end of the body, and it
    // keeps consecutive tables apart.
    write_paragraph("Normal", "", out);
}

std::string section(bool landscape) {
    std::ostringstream s;
    s << "<w:sectPr><w:pgSz w:w=\"" << (landscape ? page_long : page_short) << "\" w:h=\""
      << (landscape ? page_short : page_long) << "\"" << (landscape ? " w:orient=\"landscape\"" : "") << "/>"
      << "<w:pgMar w:top=\"" << margin << "\" w:right=\"" << margin << "\" w:bottom=\"" << margin << "\" w:left=\""
      << margin << "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>";
    return s.str();
}

std::string document(const Result& result) {
    auto tables = document_tables(result);
    std::vector<Layout> layouts;
    for (const Table* t : tables) layouts.push_back(layout(*t));
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        << "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    if (!result.title.empty()) write_paragraph("Title", result.title, out);
    for (const auto& note : result.notes) write_paragraph("Normal", note, out);
    // The title and notes open the first table's section; a change of orientation closes a section (in
    // WordprocessingML a section's properties sit in its last paragraph, the last section's in the body).
    bool landscape = !layouts.empty() && layouts.front().landscape;
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (layouts[t].landscape != landscape) {
            out << "<w:p><w:pPr>" << section(landscape) << "</w:pPr></w:p>";
            landscape = layouts[t].landscape;
        }
        write_table(*tables[t], layouts[t], out);
    }
    if (result.title.empty() && result.notes.empty() && tables.empty()) write_paragraph("Normal", "", out);
    out << section(landscape) << "</w:body></w:document>\n";
    return out.str();
}

class DocxExporter : public Exporter {
public:
    std::string name() const override { return "docx"; }
    std::vector<std::string> extensions() const override { return {".docx"}; }
    bool binary() const override { return true; }

    void write(const Result& result, std::ostream& out) const override {
        std::string bytes = docx::package(document(result), result.title);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
};

}  // namespace

std::unique_ptr<Exporter> make_docx_exporter() { return std::make_unique<DocxExporter>(); }

}  // namespace framer

// LaTeX: booktabs layout, the convention of journal tables (no vertical rules).
#include "export_latex/export_latex.hpp"

#include <ostream>

#include "core/table_util.hpp"

namespace framer {
namespace {

std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\': out += "\\textbackslash{}"; break;
            case '&': case '%': case '$': case '#': case '_': case '{': case '}':
                out += '\\';
                out += c;
                break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '<': out += "\\textless{}"; break;   // OT1 would print these as inverted marks
            case '>': out += "\\textgreater{}"; break;
            case '|': out += "\\textbar{}"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\newline{}";
                break;
            case '\n': out += "\\newline{}"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
    return out;
}

std::string render_cell(const Cell& cell) {
    std::string out;
    if (cell.indent > 0) out += "\\hspace{" + std::to_string(cell.indent) + "em}";
    std::string text = escape(cell.text);
    out += cell.bold && !text.empty() ? "\\textbf{" + text + "}" : text;
    if (!cell.footnotes.empty()) {
        std::string marks;
        for (int f : cell.footnotes) {
            if (!marks.empty()) marks += ',';
            marks += footnote_marker(f);  // (not "," + marker: GCC 12 warns -Wrestrict on that falsely)
        }
        out += "\\textsuperscript{" + marks + "}";
    }
    return out;
}

void write_table(const Table& table, std::ostream& out) {
    auto columns = visible_columns(table);
    out << "\\begin{table}[htbp]\n\\centering\n";
    if (!table.name.empty()) out << "\\caption{" << escape(table.name) << "}\n";
    out << "\\begin{tabular}{";
    for (auto c : columns) {
        bool numeric = !table.rows.empty(), wrap = false;
        for (const auto& row : table.rows) {
            const Cell& cell = cell_at(row, c);
            if (!cell.numeric && !cell.text.empty()) numeric = false;
            wrap = wrap || cell.wrap;
        }
        out << (wrap ? "p{6cm}" : numeric ? "r" : "l");
    }
    out << "}\n\\toprule\n";
    auto write_row = [&](const std::vector<Cell>& row) {
        for (std::size_t k = 0; k < columns.size(); ++k) out << (k ? " & " : "") << render_cell(cell_at(row, columns[k]));
        out << " \\\\\n";
    };
    for (const auto& row : table.header) write_row(row);
    if (!table.header.empty()) out << "\\midrule\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        if (!row_hidden(table, r)) write_row(table.rows[r]);
    out << "\\bottomrule\n\\end{tabular}\n";
    if (!table.footnotes.empty()) {
        out << "\\par\\medskip\n{\\footnotesize\n";
        for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
            if (footnote_referenced(table, static_cast<int>(f)))
                out << "\\textsuperscript{" << footnote_marker(static_cast<int>(f)) << "}";
            out << escape(table.footnotes[f]) << "\\par\n";
        }
        out << "}\n";
    }
    out << "\\end{table}\n\n";
}

/// A % comment line: a line break in the text would end the comment and leak the rest into the document.
std::string comment(const std::string& text) {
    std::string out = "% ";
    for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out + "\n";
}

class LatexExporter : public Exporter {
public:
    std::string name() const override { return "latex"; }
    std::vector<std::string> extensions() const override { return {".tex", ".latex"}; }

    void write(const Result& result, std::ostream& out) const override {
        out << comment((result.title.empty() ? "Framer output" : result.title) + " -- written by framer")
            << "% requires \\usepackage{booktabs}\n";
        for (const auto& note : result.notes) out << comment(note);
        out << "\n";
        for (const Table* t : document_tables(result)) write_table(*t, out);
    }
};

}  // namespace

std::unique_ptr<Exporter> make_latex_exporter() { return std::make_unique<LatexExporter>(); }

}  // namespace framer

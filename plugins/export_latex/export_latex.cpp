// LaTeX: booktabs layout, the convention of journal tables (no vertical rules), in a fragment that compiles
// with pdflatex and the packages named in its first line. Every column has a stated width (latex_layout.cpp)
// so a table fits the text block; tables that can outgrow a page are longtables with the header repeated on
// each page; charts and wide tables go on landscape pages (pdflscape); characters pdflatex cannot typeset
// become visible placeholders, counted under the table (latex_text.cpp).
#include "export_latex/export_latex.hpp"

#include <ostream>
#include <sstream>

#include "core/table_util.hpp"
#include "export_latex/latex_layout.hpp"
#include "export_latex/latex_text.hpp"

namespace framer {
namespace {

using latex::Layout;
using latex::Replacements;

std::string render_cell(const Cell& cell, Replacements& replaced) {
    std::string out;
    // \leftskip rather than a space before the text: the wrapped lines of a long code name stay indented too.
    if (cell.indent > 0) out += "\\leftskip=" + std::to_string(cell.indent) + "em\\relax ";
    std::string text = latex::escape(cell.text, replaced);
    out += cell.bold && !text.empty() ? "\\textbf{" + text + "}" : text;
    if (!cell.footnotes.empty()) {
        std::string marks;
        for (int f : cell.footnotes) {
            if (!marks.empty()) marks += ',';
            marks += footnote_marker(f);  // (not "," + marker: GCC 12 warns -Wrestrict on that falsely)
        }
        out += "\\textsuperscript{" + marks + "}";
    }
    // After \\ (the end of the previous row) a [ would be read as the row's optional skip, a * as its star.
    if (!out.empty() && (out[0] == '[' || out[0] == '*')) out = "{}" + out;
    return out;
}

std::string column_spec(const Layout& l) {
    std::string spec;
    for (std::size_t k = 0; k < l.widths.size(); ++k)
        // \hspace{0pt}: TeX never hyphenates a paragraph's first word, and a cell often is one word.
        spec += std::string(l.numeric[k] ? ">{\\raggedleft\\arraybackslash}" : ">{\\raggedright\\arraybackslash\\hspace{0pt}}") +
                "p{" + l.widths[k] + "}";
    return spec;
}

struct Writer {
    std::ostream& out;
    Replacements& all;  ///< the whole output's replacements

    void row(const Layout& l, const std::vector<Cell>& cells, Replacements& replaced) {
        for (std::size_t k = 0; k < l.columns.size(); ++k)
            out << (k ? " & " : "") << render_cell(cell_at(cells, l.columns[k]), replaced);
        out << " \\\\\n";
    }

    void header_rows(const Table& table, const Layout& l, Replacements& replaced) {
        for (const auto& cells : table.header) row(l, cells, replaced);
    }

    void body_rows(const Table& table, const Layout& l, Replacements& replaced) {
        for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& cells) { row(l, cells, replaced); });
    }

    /// The table's notes, then the count of replaced characters when there were any.
    void notes(const Table& table, const Layout& l, Replacements& replaced) {
        std::vector<std::string> lines;
        for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
            std::string text = latex::escape(table.footnotes[f], replaced);
            if (footnote_referenced(table, static_cast<int>(f)))
                text = "\\textsuperscript{" + footnote_marker(static_cast<int>(f)) + "}" + text;
            lines.push_back(text);
        }
        if (l.empty_summaries > 0)
            lines.push_back(std::to_string(l.empty_summaries) +
                            (l.empty_summaries == 1 ? " summary column, empty, is" : " summary columns, empty, are") +
                            " left out; the xlsx, docx, md and html charts have them for typing summaries in.");
        if (replaced.total() > 0) lines.push_back(latex::escape(replaced.note(), replaced));
        if (lines.empty()) return;
        out << "\\par\\medskip\n{\\footnotesize\\raggedright\n";
        for (const auto& line : lines) out << "\\noindent " << line << "\\par\n";
        out << "}\n";
    }

    void table(const Table& table, const Layout& l) {
        Replacements replaced;
        if (l.columns.empty()) {  // a tabular needs a column
            out << "% " << (table.name.empty() ? std::string("a table") : "table '" + table.name + "'")
                << " has no visible columns\n\n";
            return;
        }
        const std::string caption = latex::escape(table.name, replaced);
        const std::string spec = column_spec(l);
        std::string setup;
        if (!l.size.empty()) setup += l.size + "\n";
        if (l.tabcolsep_pt) setup += "\\setlength{\\tabcolsep}{" + std::to_string(l.tabcolsep_pt) + "pt}\n";
        if (l.long_table) {
            out << "\\begingroup\n" << setup << "\\begin{longtable}{" << spec << "}\n";
            // The header, as it opens the table and again on every following page.
            auto write_head = [&](bool first) {
                if (!caption.empty()) out << (first ? "\\caption{" : "\\caption[]{") << caption << (first ? "" : " (continued)") << "}\\\\\n";
                out << "\\toprule\n";
                Replacements again;  // counted once, in the first head
                header_rows(table, l, first ? replaced : again);
                if (!table.header.empty()) out << "\\midrule\n";
                out << (first ? "\\endfirsthead\n" : "\\endhead\n");
            };
            write_head(true);
            write_head(false);
            out << "\\midrule\n\\multicolumn{" << l.columns.size() << "}{r}{\\itshape continued on the next page}\\\\\n"
                << "\\endfoot\n\\bottomrule\n\\endlastfoot\n";
            body_rows(table, l, replaced);
            out << "\\end{longtable}\n";
            notes(table, l, replaced);
            out << "\\endgroup\n\n";
        } else {
            out << "\\begin{table}[htbp]\n\\centering\n" << setup;
            if (!caption.empty()) out << "\\caption{" << caption << "}\n";
            out << "\\begin{tabular}{" << spec << "}\n\\toprule\n";
            header_rows(table, l, replaced);
            if (!table.header.empty()) out << "\\midrule\n";
            body_rows(table, l, replaced);
            out << "\\bottomrule\n\\end{tabular}\n";
            notes(table, l, replaced);
            out << "\\end{table}\n\n";
        }
        for (const auto& [cp, count] : replaced.code_points) all.code_points[cp] += count;
    }
};

/// A % comment line: a line break in the text would end the comment and leak the rest into the document.
std::string comment(const std::string& text) {
    std::string out = "% ";
    for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out + "\n";
}

/// The whole fragment; `replaced` receives every replacement (the CLI reports them on stderr).
std::string render(const Result& result, Replacements& replaced) {
    std::vector<const Table*> tables = document_tables(result);
    std::vector<Layout> layouts;
    bool landscape = false, long_table = false;
    for (const Table* t : tables) {
        layouts.push_back(latex::layout(*t));
        landscape = landscape || layouts.back().landscape;
        long_table = long_table || layouts.back().long_table;
    }
    std::ostringstream body;
    Writer writer{body, replaced};
    bool open = false;  // inside a landscape environment: consecutive landscape tables share it
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (layouts[t].landscape != open) {
            body << (open ? "\\end{landscape}\n\n" : "\\begin{landscape}\n");
            open = layouts[t].landscape;
        }
        writer.table(*tables[t], layouts[t]);
    }
    if (open) body << "\\end{landscape}\n\n";

    std::string packages = "booktabs,array";
    if (long_table) packages += ",longtable";
    if (landscape) packages += ",pdflscape";
    std::string out = "% requires: \\usepackage[T1]{fontenc} \\usepackage{" + packages + "} (pdflatex; UTF-8 input)\n";
    out += comment((result.title.empty() ? "Framer output" : result.title) + " -- written by framer");
    for (const auto& note : result.notes) out += comment(note);
    if (replaced.total() > 0) out += comment(replaced.note());
    return out + "\n" + body.str();
}

class LatexExporter : public Exporter {
public:
    std::string name() const override { return "latex"; }
    std::vector<std::string> extensions() const override { return {".tex", ".latex"}; }

    void write(const Result& result, std::ostream& out) const override {
        Replacements replaced;
        out << render(result, replaced);
    }

    std::vector<std::string> losses(const Result& result) const override {
        Replacements replaced;
        render(result, replaced);
        if (replaced.total() == 0) return {};
        return {replaced.note()};
    }
};

}  // namespace

std::unique_ptr<Exporter> make_latex_exporter() { return std::make_unique<LatexExporter>(); }

}  // namespace framer

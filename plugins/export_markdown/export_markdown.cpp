// Markdown: the default output of tabulate/describe, read in a terminal and pasted into documents.
#include "export_markdown/export_markdown.hpp"

#include <algorithm>
#include <ostream>

#include "core/table_util.hpp"

namespace framer {
namespace {

/// Backslash-escapes what Markdown would read as markup; line breaks become <br> (a table row is one line
/// and pipe tables have no other way to break one).
std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\': case '|': case '*': case '_': case '`': case '[': case ']': case '<': case '>':
                out += '\\';
                out += c;
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "<br>";
                break;
            case '\n': out += "<br>"; break;
            default: out += c;
        }
    }
    return out;
}

std::string footnote_label(std::size_t table_number, bool several_tables, int index) {
    // Labels must be unique in the document, so with several tables they carry the table's number.
    return several_tables ? std::to_string(table_number) + footnote_marker(index) : footnote_marker(index);
}

std::string render_cell(const Cell& cell, std::size_t table_number, bool several, bool header = false) {
    std::string out;
    // Pipe-table cells are trimmed of spaces, so indentation uses non-breaking spaces (four per level),
    // written as the character itself: an &nbsp; entity is noise in a terminal or a plain-text editor.
    for (int k = 0; k < cell.indent; ++k) out += "\u00A0\u00A0\u00A0\u00A0";
    std::string text = escape(cell.text);
    if (cell.bold && !header && !text.empty()) text = "**" + text + "**";  // header rows are bold already
    out += text;
    for (int f : cell.footnotes) out += "[^" + footnote_label(table_number, several, f) + "]";
    return out;
}

class MarkdownExporter : public Exporter {
public:
    std::string name() const override { return "md"; }
    std::vector<std::string> extensions() const override { return {".md", ".markdown"}; }

    void write(const Result& result, std::ostream& out) const override {
        if (!result.title.empty()) out << "# " << escape(result.title) << "\n\n";
        for (const auto& note : result.notes) out << escape(note) << "\n\n";
        for (const auto& block : result.blocks) write_block(block, out);
        auto tables = prose_document_tables(result);
        const bool several = tables.size() > 1;
        for (std::size_t t = 0; t < tables.size(); ++t) write_table(*tables[t], t + 1, several, out);
    }

private:
    // Box 1 layout: headings for the code path, each quotation in curly quotes followed by its label.
    static void write_block(const Block& block, std::ostream& out) {
        switch (block.kind) {
            case Block::Kind::Heading:
                out << std::string(static_cast<std::size_t>(std::clamp(block.level + 1, 2, 6)), '#') << " "
                    << escape(block.text) << "\n\n";
                break;
            case Block::Kind::Quote:
                out << "\u201C" << escape(block.text) << "\u201D";
                if (!block.label.empty()) out << " (" << escape(block.label) << ")";
                if (!block.remark.empty()) out << " \u2014 *" << escape(block.remark) << "*";
                out << "\n\n";
                break;
            case Block::Kind::Paragraph: out << escape(block.text) << "\n\n"; break;
        }
    }

    static void write_table(const Table& table, std::size_t number, bool several, std::ostream& out) {
        if (!table.name.empty()) out << "## " << escape(table.name) << "\n\n";
        auto columns = visible_columns(table);
        if (columns.empty()) {
            out << "(empty table)\n\n";
        } else {
            // A pipe table has one header row: several header rows are joined in one cell with a space
            // ("Total (N=12) N (%)"); a <br> would be HTML, which plain Markdown readers show as is.
            out << "|";
            for (auto c : columns) {
                std::string joined;
                for (const auto& row : table.header) {
                    std::string text = render_cell(cell_at(row, c), number, several, true);
                    if (text.empty()) continue;
                    if (!joined.empty()) joined += ' ';
                    joined += text;
                }
                out << " " << joined << " |";
            }
            out << "\n|";
            for (bool numeric : numeric_columns(table, columns)) out << (numeric ? " ---: |" : " :--- |");
            out << "\n";
            for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) {
                out << "|";
                for (auto c : columns) out << " " << render_cell(cell_at(row, c), number, several) << " |";
                out << "\n";
            });
            out << "\n";
        }
        // One paragraph each: consecutive plain lines would run together.
        for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
            int index = static_cast<int>(f);
            if (footnote_referenced(table, index))
                out << "[^" << footnote_label(number, several, index) << "]: ";
            out << escape(table.footnotes[f]) << "\n\n";
        }
    }
};

}  // namespace

std::unique_ptr<Exporter> make_markdown_exporter() { return std::make_unique<MarkdownExporter>(); }

}  // namespace framer

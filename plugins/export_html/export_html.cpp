// HTML: a page a researcher opens in a browser; wide charts scroll with headers kept in view.
#include "export_html/export_html.hpp"

#include <algorithm>
#include <ostream>

#include "core/table_util.hpp"

namespace framer {
namespace {

std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                // C0 controls other than tab and line breaks are not allowed in HTML text.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    out += "\xEF\xBF\xBD";
                else
                    out += c;
        }
    }
    return out;
}

const char* const style = R"(<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
.scroll { overflow: auto; max-height: 85vh; border: 1px solid #ccc; }
table { border-collapse: separate; border-spacing: 0; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; background: #fff; }
thead th { position: sticky; top: 0; background: #f3f3f3; z-index: 2; border-bottom: 2px solid #999; }
.frozen { position: sticky; left: 0; z-index: 1; border-right: 1px solid #ccc; }
thead th.frozen { z-index: 3; }
.num { text-align: right; white-space: nowrap; }
.wrap { white-space: pre-wrap; min-width: 16em; max-width: 40em; }
.editable { background: #fff8dc; }
.footnotes { font-size: 0.85em; color: #444; }
</style>
)";

// Only pages with prose carry it, so table-only pages stay as they were.
const char* const prose_style = R"(<style>
blockquote.quote { margin: 0.4em 0 0.8em 1.5em; max-width: 48em; }
blockquote.quote cite { font-style: normal; color: #444; }
.remark { color: #8a4b00; }
</style>
)";

std::string anchor(std::size_t number) { return "table-" + std::to_string(number); }

void write_cell(const Cell& cell, bool header, bool frozen, std::ostream& out) {
    std::string classes;
    auto add = [&](const char* c) { classes += classes.empty() ? c : std::string(" ") + c; };
    if (frozen) add("frozen");
    if (cell.numeric) add("num");
    if (cell.wrap) add("wrap");
    if (cell.editable) add("editable");
    const char* tag = header ? "th" : "td";
    out << "<" << tag;
    if (!classes.empty()) out << " class=\"" << classes << "\"";
    if (cell.indent > 0) out << " style=\"padding-left:" << 0.6 + 1.5 * cell.indent << "em\"";
    out << ">";
    std::string text = escape(cell.text);
    if (!cell.wrap) {
        // Outside pre-wrap cells a line break must be explicit.
        std::string with_breaks;
        for (char c : text) {
            if (c == '\n') with_breaks += "<br>";
            else if (c != '\r') with_breaks += c;
        }
        text = with_breaks;
    }
    out << (cell.bold && !header ? "<strong>" + text + "</strong>" : text);
    for (int f : cell.footnotes) out << "<sup>" << footnote_marker(f) << "</sup>";
    out << "</" << tag << ">";
}

void write_table(const Table& table, std::size_t number, std::ostream& out) {
    out << "<section id=\"" << anchor(number) << "\">\n";
    if (!table.name.empty()) out << "<h2>" << escape(table.name) << "</h2>\n";
    auto columns = visible_columns(table);
    out << "<div class=\"scroll\"><table>\n";
    if (!table.header.empty()) {
        out << "<thead>\n";
        for (const auto& row : table.header) {
            out << "<tr>";
            for (std::size_t k = 0; k < columns.size(); ++k)
                write_cell(cell_at(row, columns[k]), true, k == 0 && table.frozen_columns > 0, out);
            out << "</tr>\n";
        }
        out << "</thead>\n";
    }
    out << "<tbody>\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (row_hidden(table, r)) continue;
        out << "<tr>";
        for (std::size_t k = 0; k < columns.size(); ++k)
            write_cell(cell_at(table.rows[r], columns[k]), false, k == 0 && table.frozen_columns > 0, out);
        out << "</tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
    if (!table.footnotes.empty()) {
        out << "<div class=\"footnotes\">\n";
        for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
            out << "<p>";
            if (footnote_referenced(table, static_cast<int>(f)))
                out << "<sup>" << footnote_marker(static_cast<int>(f)) << "</sup> ";
            out << escape(table.footnotes[f]) << "</p>\n";
        }
        out << "</div>\n";
    }
    out << "</section>\n";
}

std::string with_breaks(const std::string& escaped) {
    std::string out;
    for (char c : escaped) {
        if (c == '\n') out += "<br>";
        else if (c != '\r') out += c;
    }
    return out;
}

// Box 1 layout: headings for the code path, each quotation in curly quotes followed by its label.
void write_block(const Block& block, std::ostream& out) {
    switch (block.kind) {
        case Block::Kind::Heading: {
            const int level = std::clamp(block.level + 1, 2, 6);
            out << "<h" << level << ">" << escape(block.text) << "</h" << level << ">\n";
            break;
        }
        case Block::Kind::Quote:
            out << "<blockquote class=\"quote\"><p>\u201C" << with_breaks(escape(block.text)) << "\u201D";
            if (!block.label.empty()) out << " <cite>(" << escape(block.label) << ")</cite>";
            if (!block.remark.empty()) out << " <em class=\"remark\">\u2014 " << escape(block.remark) << "</em>";
            out << "</p></blockquote>\n";
            break;
        case Block::Kind::Paragraph: out << "<p>" << with_breaks(escape(block.text)) << "</p>\n"; break;
    }
}

class HtmlExporter : public Exporter {
public:
    std::string name() const override { return "html"; }
    std::vector<std::string> extensions() const override { return {".html", ".htm"}; }

    void write(const Result& result, std::ostream& out) const override {
        out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            << "<title>" << escape(result.title.empty() ? "Framer" : result.title) << "</title>\n"
            << style << (result.blocks.empty() ? "" : prose_style) << "</head>\n<body>\n";
        if (!result.title.empty()) out << "<h1>" << escape(result.title) << "</h1>\n";
        for (const auto& note : result.notes) out << "<p>" << escape(note) << "</p>\n";
        for (const auto& block : result.blocks) write_block(block, out);
        auto tables = prose_document_tables(result);
        if (tables.size() > 1) {
            out << "<nav><ul>\n";
            for (std::size_t t = 0; t < tables.size(); ++t)
                out << "<li><a href=\"#" << anchor(t + 1) << "\">"
                    << escape(tables[t]->name.empty() ? "Table " + std::to_string(t + 1) : tables[t]->name)
                    << "</a></li>\n";
            out << "</ul></nav>\n";
        }
        for (std::size_t t = 0; t < tables.size(); ++t) write_table(*tables[t], t + 1, out);
        out << "</body>\n</html>\n";
    }
};

}  // namespace

std::unique_ptr<Exporter> make_html_exporter() { return std::make_unique<HtmlExporter>(); }

}  // namespace framer

// HTML: a page a researcher opens in a browser (wide charts scroll with headers kept in view) and prints or
// saves as PDF without losing a row (a print stylesheet); self-contained: inline CSS, no scripts or files.
#include "export_html/export_html.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "core/table_util.hpp"
#include "export_html/html_text.hpp"
#include "export_svg/svg_figure.hpp"

namespace framer {
namespace {

using html::Buffer;

std::string escape(std::string_view text) { return html::escaped(text); }

// On screen a table sits in a scroll box (wide charts scroll sideways with the first column kept in view) and
// its whole <thead> is one sticky block, so the group row and the "N (%)" row below it stay visible together
// (sticky cells at top:0 would pile both rows on the same line). In print there is no box: every row and column
// flows onto pages, the header repeats on each page and rows are not split where avoidable; a page with a
// long-text table (a chart) prints in landscape (landscape_style).
const char* const style = R"(<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
.scroll { overflow: auto; max-height: 85vh; border: 1px solid #ccc; }
table { border-collapse: separate; border-spacing: 0; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; background: #fff; }
thead { position: sticky; top: 0; z-index: 2; }
thead th { background: #f3f3f3; }
thead tr:last-child th { border-bottom: 2px solid #999; }
.frozen { position: sticky; left: 0; z-index: 1; border-right: 1px solid #ccc; }
thead th.frozen { z-index: 3; }
.num { text-align: right; white-space: nowrap; }
.wrap { white-space: pre-wrap; min-width: 16em; max-width: 40em; }
.editable { background: #fff8dc; }
.footnotes { font-size: 0.85em; color: #444; }
@page { margin: 1.5cm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  nav { display: none; }
  .scroll { overflow: visible; max-height: none; border: 0; }
  table { width: 100%; font-size: 1em; }
  thead { position: static; display: table-header-group; }
  .frozen { position: static; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .wrap { min-width: 0; max-width: none; }
  th, td { overflow-wrap: break-word; }
  td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
)";

// The whole page rather than the wide sections (named pages): a section of its own would start a new sheet
// after the title, and browsers without named pages would print it portrait.
const char* const landscape_style = "<style>\n@page { size: landscape; }\n</style>\n";

// Only pages with prose carry it, so table-only pages stay as they were.
const char* const prose_style = R"(<style>
blockquote.quote { margin: 0.4em 0 0.8em 1.5em; max-width: 48em; }
blockquote.quote cite { font-style: normal; color: #444; }
.remark { color: #8a4b00; }
</style>
)";

// As an ostream prints a double (2.1, 3.6): the indentation the pages have always had.
std::string format_em(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string anchor(std::size_t number) { return "table-" + std::to_string(number); }

// The colour scale of the xlsx exporter's --heat conditional format: white at 0 % to heat_rgb at 100 %, linear
// in each channel (as a two-colour scale is drawn), so both formats shade a cell alike.
constexpr int heat_rgb[3] = {0xF4, 0xA5, 0x82};

std::string heat_colour(double percent) {
    const double t = std::clamp(percent / 100.0, 0.0, 1.0);
    char hex[8];
    int channel[3];
    for (int i = 0; i < 3; ++i) channel[i] = static_cast<int>(std::lround(255 + (heat_rgb[i] - 255) * t));
    std::snprintf(hex, sizeof hex, "#%02X%02X%02X", channel[0], channel[1], channel[2]);
    return hex;
}

// "<td class=\"frozen num wrap editable\"" (the classes that apply) for each combination of the hints, made once.
std::string_view open_tag(bool header, bool frozen, bool numeric, bool wrap, bool editable) {
    static const std::array<std::string, 32> tags = [] {
        std::array<std::string, 32> made;
        for (unsigned i = 0; i < made.size(); ++i) {
            std::string& t = made[i];
            t = (i & 16) ? "<th" : "<td";
            bool classes = false;
            auto add = [&](const char* c) {
                t += classes ? " " : " class=\"";
                t += c;
                classes = true;
            };
            if (i & 8) add("frozen");
            if (i & 4) add("num");
            if (i & 2) add("wrap");
            if (i & 1) add("editable");
            if (classes) t += '"';
        }
        return made;
    }();
    return tags[(header ? 16u : 0u) | (frozen ? 8u : 0u) | (numeric ? 4u : 0u) | (wrap ? 2u : 0u) | (editable ? 1u : 0u)];
}

// Straight into the page's buffer: this runs for every cell of a chart (hundreds of thousands, millions when
// the chart has thousands of units).
void write_cell(const Cell& cell, bool header, bool frozen, bool heat, Buffer& out) {
    out << open_tag(header, frozen, cell.numeric, cell.wrap, cell.editable);
    const bool shaded = heat && cell.has_count && !header;
    if (cell.indent > 0 || shaded) {
        out << " style=\"";
        if (cell.indent > 0) out << "padding-left:" << format_em(0.6 + 1.5 * cell.indent) << "em";
        if (shaded) {
            if (cell.indent > 0) out << ';';
            out << "background:" << heat_colour(cell.percent);
        }
        out << '"';
    }
    out << '>';
    const bool strong = cell.bold && !header;
    if (strong) out << "<strong>";
    out.text(cell.text, !cell.wrap);  // outside pre-wrap cells a line break must be explicit
    if (strong) out << "</strong>";
    for (int f : cell.footnotes) out << "<sup>" << footnote_marker(f) << "</sup>";
    out << (header ? "</th>" : "</td>");
}

// Tables that need landscape pages: those with long-text columns (charts, excerpts) and those with more
// columns than a portrait page holds legibly. Table 1 and Table 2 (a label and up to five N (%) columns) stay
// portrait, as in the paper.
bool wide(const Table& table) {
    auto columns = visible_columns(table);
    if (columns.size() > 6) return true;
    // Stopped at the first wrapping cell: a streamed chart is not built twice for this.
    return !for_each_row_while(table, [&](const std::vector<Cell>& row) {
        for (std::size_t c : columns)
            if (cell_at(row, c).wrap) return false;
        return true;
    });
}

void write_table(const Table& table, std::size_t number, bool heat, Buffer& out) {
    auto columns = visible_columns(table);
    out << "<section id=\"" << anchor(number) << "\">\n";
    if (!table.name.empty()) out << "<h2>" << escape(table.name) << "</h2>\n";
    out << "<div class=\"scroll\"><table>\n";
    if (!table.header.empty()) {
        out << "<thead>\n";
        for (const auto& row : table.header) {
            out << "<tr>";
            for (std::size_t k = 0; k < columns.size(); ++k)
                write_cell(cell_at(row, columns[k]), true, k == 0 && table.frozen_columns > 0, false, out);
            out << "</tr>\n";
        }
        out << "</thead>\n";
    }
    out << "<tbody>\n";
    for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) {
        out << "<tr>";
        for (std::size_t k = 0; k < columns.size(); ++k)
            write_cell(cell_at(row, columns[k]), false, k == 0 && table.frozen_columns > 0, heat, out);
        out << "</tr>\n";
    });
    out << "</tbody>\n</table></div>\n";
    if (!table.footnotes.empty()) {
        out << "<div class=\"footnotes\">\n";
        for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
            out << "<p>";
            if (footnote_referenced(table, static_cast<int>(f)))
                out << "<sup>" << footnote_marker(static_cast<int>(f)) << "</sup> ";
            out.text(table.footnotes[f]) << "</p>\n";
        }
        out << "</div>\n";
    }
    out << "</section>\n";
}

// Box 1 layout: headings for the code path, each quotation in curly quotes followed by its label.
void write_block(const Block& block, Buffer& out) {
    switch (block.kind) {
        case Block::Kind::Heading: {
            const int level = std::clamp(block.level + 1, 2, 6);
            const std::string h = std::to_string(level);
            out << "<h" << h << ">";
            out.text(block.text) << "</h" << h << ">\n";
            break;
        }
        case Block::Kind::Quote:
            out << "<blockquote class=\"quote\"><p>\u201C";
            out.text(block.text, true) << "\u201D";
            if (!block.label.empty()) {
                out << " <cite>(";
                out.text(block.label) << ")</cite>";
            }
            if (!block.remark.empty()) out << " <em class=\"remark\">\u2014 " << escape(block.remark) << "</em>";
            out << "</p></blockquote>\n";
            break;
        case Block::Kind::Paragraph:
            out << "<p>";
            out.text(block.text, true) << "</p>\n";
            break;
    }
}

class HtmlExporter : public Exporter {
public:
    std::string name() const override { return "html"; }
    std::vector<std::string> extensions() const override { return {".html", ".htm"}; }

    void write(const Result& result, std::ostream& stream) const override {
        Buffer out(stream);
        out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            << "<title>" << escape(result.title.empty() ? "Framer" : result.title) << "</title>\n"
            << style << (result.blocks.empty() ? "" : prose_style);
        auto tables = prose_document_tables(result);
        if (std::any_of(tables.begin(), tables.end(), [](const Table* t) { return wide(*t); })) out << landscape_style;
        out << "</head>\n<body>\n";
        if (!result.title.empty()) out << "<h1>" << escape(result.title) << "</h1>\n";
        for (const auto& note : result.notes) out << "<p>" << escape(note) << "</p>\n";
        for (const auto& block : result.blocks) write_block(block, out);
        // The figures as the svg exporter draws them, inline: the page stays one self-contained file.
        for (const auto& figure : result.figures) {
            out << "<figure>\n";
            out.flush();  // the svg exporter writes to the stream itself
            write_svg_figures({figure}, out.stream(), false);  // its caption is drawn inside it, as in the .svg
            out << "</figure>\n";
        }
        if (tables.size() > 1) {
            out << "<nav><ul>\n";
            for (std::size_t t = 0; t < tables.size(); ++t)
                out << "<li><a href=\"#" << anchor(t + 1) << "\">"
                    << escape(tables[t]->name.empty() ? "Table " + std::to_string(t + 1) : tables[t]->name)
                    << "</a></li>\n";
            out << "</ul></nav>\n";
        }
        for (std::size_t t = 0; t < tables.size(); ++t) write_table(*tables[t], t + 1, result.heat, out);
        out << "</body>\n</html>\n";
        out.flush();
    }
};

}  // namespace

std::unique_ptr<Exporter> make_html_exporter() { return std::make_unique<HtmlExporter>(); }

}  // namespace framer

// xlsx: the sheet a researcher pastes into a paper or fills in. libxlsxwriter only writes to a path: the CLI has it
// write straight into the temporary output (write_file), with its scratch files in the output's folder, never in
// the system temporary folder; write() to a stream goes through a temporary file that is then copied.
#include "export_xlsx/export_xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <stdexcept>
#include <tuple>

#include "core/table_util.hpp"
#include "refi/temp_file.hpp"
#include "refi/text.hpp"

namespace framer {
namespace {

constexpr std::size_t max_cell_chars = 32767;  // Excel's limit per cell

/// Code points in a UTF-8 string (continuation bytes are not counted).
std::size_t utf8_length(const std::string& s) {
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

/// Text Excel accepts: XML 1.0 has no C0 controls but tab and line breaks; cells hold at most 32767 characters.
std::string cell_text(const std::string& text) {
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

/// Formats are workbook-wide; one per combination of hints, created on first use.
class Formats {
public:
    explicit Formats(lxw_workbook* wb) : m_wb(wb) {}

    lxw_format* get(const Cell& cell, bool header) {
        int indent = std::clamp(cell.indent, 0, 15);  // Excel's maximum indent level
        auto key = std::make_tuple(cell.bold || header, indent, cell.wrap, cell.numeric, cell.editable, header);
        auto it = m_formats.find(key);
        if (it != m_formats.end()) return it->second;
        lxw_format* f = add_format();
        if (cell.bold || header) format_set_bold(f);
        if (indent) format_set_indent(f, static_cast<uint8_t>(indent));
        if (cell.wrap || header) format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        if (cell.numeric) format_set_align(f, LXW_ALIGN_RIGHT);
        if (header) {
            format_set_bottom(f, LXW_BORDER_THIN);
            format_set_bg_color(f, 0xF2F2F2);
        }
        if (cell.editable) {
            format_set_unlocked(f);
            format_set_bg_color(f, 0xFFF2CC);  // pale yellow: "type here"
        }
        m_formats.emplace(key, f);
        return f;
    }

    lxw_format* superscript() {
        if (!m_superscript) {
            m_superscript = add_format();
            format_set_font_script(m_superscript, LXW_FONT_SUPERSCRIPT);
        }
        return m_superscript;
    }

    lxw_format* bold_font() {
        if (!m_bold) {
            m_bold = add_format();
            format_set_bold(m_bold);
        }
        return m_bold;
    }

private:
    lxw_format* add_format() {
        lxw_format* f = workbook_add_format(m_wb);
        if (!f) throw std::runtime_error("xlsx: out of memory adding a cell format");
        return f;
    }

    lxw_workbook* m_wb;
    std::map<std::tuple<bool, int, bool, bool, bool, bool>, lxw_format*> m_formats;
    lxw_format* m_superscript = nullptr;
    lxw_format* m_bold = nullptr;
};

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
}

/// Writes text followed by superscript footnote markers as a rich string (plain text when there are none).
void write_text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
                const std::vector<int>& footnotes, bool bold, lxw_format* format, Formats& formats) {
    if (footnotes.empty() || text.empty()) {
        if (!text.empty()) check(worksheet_write_string(ws, row, col, text.c_str(), format), "writing a cell");
        else check(worksheet_write_blank(ws, row, col, format), "writing a cell");
        return;
    }
    std::string marks;
    for (int f : footnotes) {
            if (!marks.empty()) marks += ',';
            marks += footnote_marker(f);  // (not "," + marker: GCC 12 warns -Wrestrict on that falsely)
        }
    lxw_rich_string_tuple body{bold ? formats.bold_font() : nullptr, const_cast<char*>(text.c_str())};
    lxw_rich_string_tuple mark{formats.superscript(), marks.data()};
    lxw_rich_string_tuple* parts[] = {&body, &mark, nullptr};
    check(worksheet_write_rich_string(ws, row, col, parts, format), "writing a cell");
}

/// A number cell holds a number in Excel (so it sums and sorts) when its whole text reads as one.
bool as_number(const std::string& text, double& value) {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && text.find_first_not_of("0123456789.-+eE") == std::string::npos;
}

void write_sheet(lxw_workbook* wb, Formats& formats, const Table& table, const std::string& sheet_name,
                 const std::vector<std::string>& notes) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
    if (!ws) throw std::runtime_error("xlsx: cannot add sheet '" + sheet_name + "'");
    const std::size_t columns = column_count(table);
    std::vector<double> widths(columns, 8.0);
    auto measure = [&](const Cell& cell, std::size_t c) {
        std::size_t longest = 0, current = 0;
        for (char ch : cell.text) {
            if (ch == '\n') { longest = std::max(longest, current); current = 0; }
            else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++current;
        }
        longest = std::max(longest, current) + 2 * static_cast<std::size_t>(std::max(cell.indent, 0)) + 2;
        double cap = cell.wrap ? 50.0 : 60.0;
        widths[c] = std::clamp(static_cast<double>(longest), widths[c], cap);
    };

    lxw_row_t r = 0;
    for (const auto& row : table.header) {
        for (std::size_t c = 0; c < columns; ++c) {
            const Cell& cell = cell_at(row, c);
            lxw_format* f = formats.get(cell, true);
            write_text(ws, r, static_cast<lxw_col_t>(c), cell_text(cell.text), cell.footnotes, true, f, formats);
            // Header text wraps, so it only needs the width of its longest word-ish part; do not let it widen.
        }
        ++r;
    }
    for (std::size_t i = 0; i < table.rows.size(); ++i, ++r) {
        const auto& row = table.rows[i];
        for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
            const Cell& cell = row[c];
            lxw_format* f = formats.get(cell, false);
            double number = 0;
            if (cell.numeric && cell.footnotes.empty() && as_number(cell.text, number))
                check(worksheet_write_number(ws, r, static_cast<lxw_col_t>(c), number, f), "writing a number");
            else
                write_text(ws, r, static_cast<lxw_col_t>(c), cell_text(cell.text), cell.footnotes, cell.bold, f,
                           formats);
            measure(cell, c);
        }
        if (row_hidden(table, i)) {
            lxw_row_col_options hidden{1, 0, 0};
            check(worksheet_set_row_opt(ws, r, LXW_DEF_ROW_HEIGHT, nullptr, &hidden), "hiding a row");
        }
    }
    // Footnotes and notes under the table, after one empty row; unwrapped so they overflow to the right.
    if (!table.footnotes.empty() || !notes.empty()) ++r;
    for (std::size_t f = 0; f < table.footnotes.size(); ++f, ++r) {
        std::string text = cell_text(table.footnotes[f]);
        if (footnote_referenced(table, static_cast<int>(f)) && !text.empty()) {
            std::string mark = footnote_marker(static_cast<int>(f));
            std::string rest = " " + text;
            lxw_rich_string_tuple a{formats.superscript(), mark.data()};
            lxw_rich_string_tuple b{nullptr, rest.data()};
            lxw_rich_string_tuple* parts[] = {&a, &b, nullptr};
            check(worksheet_write_rich_string(ws, r, 0, parts, nullptr), "writing a footnote");
        } else if (!text.empty()) {
            check(worksheet_write_string(ws, r, 0, text.c_str(), nullptr), "writing a footnote");
        }
    }
    for (const auto& note : notes) {
        std::string text = cell_text(note);
        if (!text.empty()) check(worksheet_write_string(ws, r, 0, text.c_str(), nullptr), "writing a note");
        ++r;
    }

    for (std::size_t c = 0; c < columns; ++c) {
        double width = c < table.column_widths.size() && table.column_widths[c] > 0 ? table.column_widths[c] : widths[c];
        bool hidden = std::find(table.hidden_columns.begin(), table.hidden_columns.end(), static_cast<int>(c)) !=
                      table.hidden_columns.end();
        lxw_row_col_options options{static_cast<uint8_t>(hidden ? 1 : 0), 0, 0};
        check(worksheet_set_column_opt(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr,
                                       &options),
              "setting a column");
    }
    int frozen_columns = std::clamp(table.frozen_columns, 0, static_cast<int>(columns));
    if (!table.header.empty() || frozen_columns > 0)
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(table.header.size()), static_cast<lxw_col_t>(frozen_columns));
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
        // Scratch files (libxlsxwriter's per-part temporaries, unlinked on creation) go beside the output: the
        // same disk, so a full disk fails the write rather than some other folder.
        std::string tmpdir = path.parent_path().empty() ? "." : path.parent_path().string();
        lxw_workbook_options options{};
        options.tmpdir = tmpdir.data();
        options.use_zip64 = 0;
        lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
        if (!wb) throw std::runtime_error("xlsx: cannot create the workbook " + path.string());
        try {
            // A fixed creation date keeps the file reproducible (docProps/core.xml otherwise gets "now").
            lxw_doc_properties properties{};
            std::string title = result.title;
            std::string creator = "framer";
            properties.title = title.data();
            properties.author = creator.data();
            properties.created = 1;
            check(workbook_set_properties(wb, &properties), "setting the properties");
            Formats formats(wb);
            auto tables = document_tables(result);
            std::vector<std::string> names;
            for (std::size_t t = 0; t < tables.size(); ++t)
                names.push_back(tables[t]->name.empty() ? "Table " + std::to_string(t + 1) : tables[t]->name);
            auto sheet_names = xlsx_sheet_names(names);
            for (std::size_t t = 0; t < tables.size(); ++t)
                write_sheet(wb, formats, *tables[t], sheet_names[t], t == 0 ? result.notes : std::vector<std::string>{});
            if (tables.empty()) {
                // A workbook needs a sheet; show the notes there.
                lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
                if (!ws) throw std::runtime_error("xlsx: cannot add a sheet");
                lxw_row_t r = 0;
                for (const auto& note : result.notes)
                    check(worksheet_write_string(ws, r++, 0, cell_text(note).c_str(), nullptr), "writing a note");
            }
        } catch (...) {
            workbook_close(wb);
            throw;
        }
        // workbook_close writes the whole zip: the step a full disk fails.
        check(workbook_close(wb), "closing the workbook");
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

// Plain text for a terminal: Markdown's markup (**, <br>, escapes) is noise there, and a chart with sixteen
// columns cannot be read as a grid, so tables that do not fit become one block per row.
#include "export_txt/export_txt.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>

#include "core/table_util.hpp"

namespace framer {
namespace {

constexpr int gap = 2;             // spaces between grid columns
constexpr std::size_t min_text_column = 12;  // a text column narrower than this is unreadable: use blocks

std::size_t length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

/// Byte offset of code point `count` in s (s.size() when shorter).
std::size_t offset_of(const std::string& s, std::size_t count) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == count) return i;
            ++n;
        }
    return s.size();
}

/// Control characters would move the cursor or ring the bell; tabs would break alignment.
std::string clean(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') continue;
            out += '\n';
        } else if (c == '\t') out += ' ';
        else if (c < 0x20 && c != '\n') out += "\xEF\xBF\xBD";
        else if (c == 0x7F) out += "\xEF\xBF\xBD";
        else out += static_cast<char>(c);
    }
    return out;
}

/// Word-wraps one paragraph (no '\n') to `width` code points; words longer than the width are cut.
void wrap_paragraph(const std::string& text, std::size_t width, std::vector<std::string>& lines) {
    std::string line;
    std::size_t pos = 0;
    bool any = false;
    while (pos < text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(pos, end - pos);
        pos = end + 1;
        if (word.empty()) continue;
        any = true;
        while (length(word) > width) {  // a URL or a long name: cut it, filling the current line first
            std::size_t room = line.empty() ? width : (length(line) + 1 < width ? width - length(line) - 1 : 0);
            if (room == 0) { lines.push_back(line); line.clear(); continue; }
            std::size_t cut = offset_of(word, room);
            if (!line.empty()) line += ' ';
            line += word.substr(0, cut);
            lines.push_back(line);
            line.clear();
            word = word.substr(cut);
        }
        if (word.empty()) continue;
        if (line.empty()) line = word;
        else if (length(line) + 1 + length(word) <= width) { line += ' '; line += word; }
        else { lines.push_back(line); line = word; }
    }
    if (!line.empty() || !any) lines.push_back(line);
}

/// Wraps text with explicit line breaks to `width`, each line starting with `indent` spaces.
std::vector<std::string> wrap(const std::string& text, std::size_t width, std::size_t indent = 0) {
    std::vector<std::string> lines;
    if (width <= indent) indent = 0;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        std::vector<std::string> part;
        wrap_paragraph(text.substr(start, end == std::string::npos ? std::string::npos : end - start),
                       width - indent, part);
        for (auto& l : part) lines.push_back(l.empty() ? l : std::string(indent, ' ') + l);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

/// A cell as plain text: footnote markers as ^a.
std::string cell_text(const Cell& cell) {
    std::string text = clean(cell.text);
    if (!cell.footnotes.empty()) {
        text += "^";
        for (std::size_t k = 0; k < cell.footnotes.size(); ++k) {
            if (k) text += ',';
            text += footnote_marker(cell.footnotes[k]);  // (not "," + marker: GCC 12 warns -Wrestrict falsely)
        }
    }
    return text;
}

std::size_t indent_of(const Cell& cell) { return 2 * static_cast<std::size_t>(std::clamp(cell.indent, 0, 10)); }

/// The longest line of text, plus indentation.
std::size_t natural_width(const Cell& cell) {
    std::string text = cell_text(cell);
    std::size_t longest = 0, start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        longest = std::max(longest, length(text.substr(start, end == std::string::npos ? std::string::npos : end - start)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return longest + indent_of(cell);
}

/// The longest space-separated word of any line, in code points.
std::size_t longest_word(const std::string& text) {
    std::size_t longest = 0, start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of(" \n", start);
        if (end == std::string::npos) end = text.size();
        longest = std::max(longest, length(text.substr(start, end - start)));
        start = end + 1;
    }
    return longest;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
    std::size_t n = length(s);
    if (n >= width) return s;
    return right ? std::string(width - n, ' ') + s : s + std::string(width - n, ' ');
}

void rstrip_line(std::string& s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
}

class TxtWriter {
public:
    TxtWriter(std::ostream& out, std::size_t width) : m_out(out), m_width(width) {}

    void paragraph(const std::string& text, std::size_t indent = 0) {
        for (const auto& line : wrap(clean(text), m_width, indent)) m_out << line << "\n";
        m_out << "\n";
    }

    void heading(const std::string& text, char underline) {
        auto lines = wrap(clean(text), m_width);
        std::size_t longest = 0;
        for (const auto& l : lines) {
            m_out << l << "\n";
            longest = std::max(longest, length(l));
        }
        m_out << std::string(std::max<std::size_t>(longest, 1), underline) << "\n\n";
    }

    void table(const Table& table) {
        if (!table.name.empty()) heading(table.name, '-');
        auto columns = visible_columns(table);
        if (columns.empty()) {
            m_out << "(empty table)\n\n";
        } else {
            auto widths = grid_widths(table, columns);
            if (widths.empty()) blocks(table, columns);
            else grid(table, columns, widths);
        }
        for (std::size_t f = 0; f < table.footnotes.size(); ++f) {
            int index = static_cast<int>(f);
            std::string text;
            if (footnote_referenced(table, index)) {
                text += '^';
                text += footnote_marker(index);
                text += ' ';
            }
            text += table.footnotes[f];
            paragraph(text);
        }
    }

private:
    /// Column widths for a grid within the width, or empty when even narrow text columns do not fit.
    std::vector<std::size_t> grid_widths(const Table& table, const std::vector<std::size_t>& columns) const {
        std::vector<std::size_t> natural(columns.size(), 1), minimum(columns.size(), 1);
        const std::vector<bool> is_numeric = numeric_columns(table, columns);
        std::vector<std::size_t> whole_words(columns.size(), 1);  // the width that cuts no word of the column
        // The body's widest line and word per column, in one pass over the rows (a streamed table is made once).
        std::vector<std::size_t> bodies(columns.size(), 1), body_words(columns.size(), 1);
        for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) {
            for (std::size_t k = 0; k < columns.size(); ++k) {
                const Cell& cell = cell_at(row, columns[k]);
                bodies[k] = std::max(bodies[k], natural_width(cell));
                body_words[k] = std::max(body_words[k], longest_word(cell_text(cell)) + indent_of(cell));
            }
        });
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const bool numeric = is_numeric[k];
            std::size_t longest_header_word = 1;
            for (const auto& row : table.header) {
                const Cell& cell = cell_at(row, columns[k]);
                natural[k] = std::max(natural[k], natural_width(cell));
                longest_header_word = std::max(longest_header_word, longest_word(cell_text(cell)));
            }
            const std::size_t body = bodies[k], body_word = body_words[k];
            whole_words[k] = std::min(std::max(body_word, longest_header_word), std::size_t{30});
            natural[k] = std::max(natural[k], body);
            // Numbers are never cut inside a word ("2013-03-05 – 2013-06-25" may wrap at its spaces); their
            // header wraps at word boundaries.
            minimum[k] = numeric ? std::max(body_word, longest_header_word) : std::min(natural[k], min_text_column);
        }
        std::size_t total = gap * (columns.size() - 1);
        for (auto m : minimum) total += m;
        if (total > m_width) return {};
        // Grow the columns still short of their target, the most deprived (relative) first: first so that no
        // word of a text column is cut, then so that numbers stay on one line, then towards natural widths.
        std::vector<std::size_t> widths = minimum;
        for (int phase = 0; phase < 3; ++phase)
        while (total < m_width) {
            std::size_t best = columns.size();
            double best_need = 0;
            for (std::size_t k = 0; k < columns.size(); ++k) {
                std::size_t target = phase == 0 ? (is_numeric[k] ? 0 : std::min(natural[k], whole_words[k]))
                                     : phase == 1 ? (is_numeric[k] ? natural[k] : 0)
                                                  : natural[k];
                if (widths[k] >= target) continue;
                double need = static_cast<double>(target - widths[k]) / static_cast<double>(target);
                if (need > best_need) { best_need = need; best = k; }
            }
            if (best == columns.size()) break;
            ++widths[best];
            ++total;
        }
        return widths;
    }

    void grid(const Table& table, const std::vector<std::size_t>& columns, const std::vector<std::size_t>& widths) {
        const std::vector<bool> numeric = numeric_columns(table, columns);
        auto write_row = [&](const std::vector<Cell>& row) {
            std::vector<std::vector<std::string>> cells(columns.size());
            std::size_t height = 0;
            for (std::size_t k = 0; k < columns.size(); ++k) {
                const Cell& cell = cell_at(row, columns[k]);
                cells[k] = wrap(cell_text(cell), widths[k], indent_of(cell));
                height = std::max(height, cells[k].size());
            }
            for (std::size_t line = 0; line < height; ++line) {
                std::string out;
                for (std::size_t k = 0; k < columns.size(); ++k) {
                    if (k) out += std::string(gap, ' ');
                    out += pad(line < cells[k].size() ? cells[k][line] : "", widths[k], numeric[k]);
                }
                rstrip_line(out);
                m_out << out << "\n";
            }
        };
        for (const auto& row : table.header) write_row(row);
        if (!table.header.empty()) {
            std::string rule;
            for (std::size_t k = 0; k < columns.size(); ++k) {
                if (k) rule.append(gap, ' ');
                rule.append(widths[k], '-');
            }
            m_out << rule << "\n";
        }
        for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) { write_row(row); });
        m_out << "\n";
    }

    /// One block per row: the frozen (identifying) columns as its heading, then each non-empty cell under
    /// its column's name, indented.
    void blocks(const Table& table, const std::vector<std::size_t>& columns) {
        std::vector<std::string> names(columns.size());
        for (std::size_t k = 0; k < columns.size(); ++k)
            for (const auto& row : table.header) {
                std::string text = cell_text(cell_at(row, columns[k]));
                if (text.empty()) continue;
                if (!names[k].empty()) names[k] += ' ';
                names[k] += text;
            }
        std::size_t frozen = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(table.frozen_columns, 1)), 1,
                                                     columns.size());
        m_out << "(" << columns.size() << " columns do not fit " << m_width
              << " characters: one block per row, empty cells left out)\n\n";
        for_each_visible_row(table, [&](std::size_t r, const std::vector<Cell>& row) {
            std::string title;
            for (std::size_t k = 0; k < frozen; ++k) {
                std::string text = cell_text(cell_at(row, columns[k]));
                if (text.empty()) continue;
                if (title.empty()) title = text;
                else {
                    title += " (";
                    if (!names[k].empty()) { title += names[k]; title += ": "; }
                    title += text;
                    title += ')';
                }
            }
            heading(title.empty() ? "(row " + std::to_string(r + 1) + ")" : title, '~');
            for (std::size_t k = frozen; k < columns.size(); ++k) {
                std::string text = cell_text(cell_at(row, columns[k]));
                if (text.empty()) continue;
                std::string name = clean(names[k]);
                name += ':';
                for (const auto& l : wrap(name, m_width)) m_out << l << "\n";
                paragraph(text, 4);
            }
        });
    }

    std::ostream& m_out;
    std::size_t m_width;
};

class TxtExporter : public Exporter {
public:
    explicit TxtExporter(int width) : m_width(width) {}
    std::string name() const override { return "txt"; }
    std::vector<std::string> extensions() const override { return {".txt"}; }

    void write(const Result& result, std::ostream& out) const override {
        int width = m_width > 0 ? m_width : txt_output_width();
        TxtWriter writer(out, static_cast<std::size_t>(std::max(width, 20)));
        if (!result.title.empty()) writer.heading(result.title, '=');
        for (const auto& note : result.notes) writer.paragraph(note);
        for (const Table* t : document_tables(result)) writer.table(*t);
    }

private:
    int m_width;  // 0: decided when writing
};

}  // namespace

int txt_output_width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        int n = std::atoi(columns);
        if (n > 0) return n;
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

std::unique_ptr<Exporter> make_txt_exporter() { return std::make_unique<TxtExporter>(0); }
std::unique_ptr<Exporter> make_txt_exporter(int width) { return std::make_unique<TxtExporter>(std::max(width, 20)); }

}  // namespace framer

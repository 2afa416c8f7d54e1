// Column widths for LaTeX. A tabular of l and r columns is as wide as its longest cell (Table 2 ran 367 pt
// past an A4 text block), so every column here is a p{} column of a stated width: numbers and short labels
// get the width their text needs, long text columns share the rest of \linewidth (as tabularx's X columns do,
// but inside longtable, which tabularx cannot be). When even that does not fit, the table gets a smaller font,
// narrower padding, then a landscape page.
#include "export_latex/latex_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/table_util.hpp"
#include "export_latex/latex_text.hpp"

namespace framer::latex {
namespace {

// The A4 article text block in points, and the page height a row must fit in.
constexpr double portrait_width = 345, landscape_width = 598;
constexpr double portrait_height = 598, landscape_height = 345;
constexpr double indent_em = 1;  // per level of the code tree, as \leftskip
constexpr double marker_em = 0.45;  // a superscript footnote letter

/// Latin Modern Roman widths in em, rounded up by class (digits are 0.5 em; bold is up to 20% wider).
double glyph_em(char32_t c) {
    if (c == ' ') return 0.34;
    if (c >= '0' && c <= '9') return 0.5;
    switch (c) {
        case 'i': case 'j': case 'l': case '.': case ',': case ':': case ';': case '\'': case '!': case '|':
        case 0x2019: case 0x2018:
            return 0.3;
        case 'f': case 't': case 'r': case '(': case ')': case '[': case ']': case 'I': case '-': case '/':
            return 0.42;
        case 'm': return 0.84;
        case 'w': return 0.73;
        case 'M': case 'W': case '%': case 0x2014: return 1.04;
        default: break;
    }
    if (c >= 'a' && c <= 'z') return 0.56;
    if (c >= 'A' && c <= 'Z') return 0.78;
    if (c < 0x80) return 0.6;
    return 0.8;
}

double width_em(const std::u32string& text, std::size_t begin, std::size_t end, bool bold) {
    double em = 0;
    for (std::size_t k = begin; k < end; ++k) em += glyph_em(text[k]);
    return bold ? em * 1.2 : em;
}

/// Widest piece of `text` between separators (`words`: spaces and line breaks; else line breaks only).
double widest(const std::u32string& text, bool bold, bool words) {
    double best = 0;
    std::size_t start = 0;
    for (std::size_t k = 0; k <= text.size(); ++k) {
        bool end = k == text.size() || text[k] == '\n' || text[k] == '\r' || (words && (text[k] == ' ' || text[k] == '\t'));
        if (!end) continue;
        best = std::max(best, width_em(text, start, k, bold));
        start = k + 1;
    }
    return best;
}

struct Measure {
    bool numeric = false, wraps = false;
    double line = 0;         ///< widest body line
    double header_word = 0;  ///< widest header word
    double word = 0;         ///< widest word anywhere: the narrowest safe width
    double weight = 0;       ///< share of the free width, for a long text column
};

double extra_em(const Cell& cell) {
    return indent_em * std::max(cell.indent, 0) + marker_em * static_cast<double>(cell.footnotes.size());
}

/// The measures of `columns`, in one pass over the body rows (a streamed table is made once for it).
std::vector<Measure> measure(const Table& table, const std::vector<std::size_t>& columns) {
    std::vector<Measure> ms(columns.size());
    std::vector<char> text(columns.size(), 0), any(columns.size(), 0);
    for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            Measure& m = ms[k];
            const Cell& cell = cell_at(row, columns[k]);
            m.wraps = m.wraps || cell.wrap;
            if (cell.text.empty()) continue;
            any[k] = 1;
            if (!cell.numeric) text[k] = 1;
            std::u32string s = shown(cell.text);
            m.line = std::max(m.line, widest(s, cell.bold, false) + extra_em(cell));
            m.word = std::max(m.word, widest(s, cell.bold, true) + extra_em(cell));
        }
    });
    for (std::size_t k = 0; k < columns.size(); ++k) {
        Measure& m = ms[k];
        const std::size_t c = columns[k];
        m.numeric = any[k] && !text[k];
        for (const auto& row : table.header) {
            const Cell& cell = cell_at(row, c);
            m.header_word = std::max(m.header_word, widest(shown(cell.text), cell.bold, true) + extra_em(cell));
        }
        m.word = std::max({m.word, m.header_word, 1.0});
        bool hinted = c < table.column_widths.size() && table.column_widths[c] > 0;
        m.weight = std::max(m.word, hinted ? table.column_widths[c] * 0.56 : std::min(m.line, 40.0));
    }
    return ms;
}

struct Attempt {
    double size_pt, sep_pt;
    const char* size;
};
constexpr Attempt attempts[] = {{10, 6, ""}, {9, 6, "\\small"}, {9, 4, "\\small"}, {8, 4, "\\footnotesize"}, {7, 3, "\\scriptsize"}};

/// Lines `text` takes in a column `em` wide (each paragraph at least one; 15% lost to word wrapping).
double lines(const std::string& text, double em, bool bold) {
    std::u32string s = shown(text);
    double n = 0;
    std::size_t start = 0;
    for (std::size_t k = 0; k <= s.size(); ++k) {
        if (k < s.size() && s[k] != '\n') continue;
        n += std::max(1.0, std::ceil(width_em(s, start, k, bold) * 1.15 / std::max(em, 1.0)));
        start = k + 1;
    }
    return n;
}

std::string em(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2fem", value);
    return buffer;
}

/// The widths (in em of the table's font) for a text block `block_em` wide; fixed[k] marks fixed columns.
struct Widths {
    std::vector<double> em;
    std::vector<bool> fixed;
    double taken = 0;  ///< fixed widths plus the flexible columns' minimums
    double weights = 0;
};

Widths widths_for(const std::vector<Measure>& ms, double block_em) {
    Widths w;
    for (const auto& m : ms) {
        double natural = std::max(m.line, m.header_word);
        bool fixed = m.numeric || (!m.wraps && natural <= 0.25 * block_em);
        w.fixed.push_back(fixed);
        w.em.push_back(fixed ? natural + 0.3 : m.word + 0.3);
        w.taken += w.em.back();
        if (!fixed) w.weights += m.weight;
    }
    return w;
}

}  // namespace

double line_em(const std::u32string& text, bool bold) { return widest(text, bold, false); }
double word_em(const std::u32string& text, bool bold) { return widest(text, bold, true); }

Layout layout(const Table& table) {
    Layout l;
    // A chart's summary columns that nobody has filled in are for typing into xlsx or docx; on paper they
    // would take half of a chart's width. They are left out, and the table's notes say so.
    const std::vector<std::size_t> visible = visible_columns(table);
    std::vector<char> editable(visible.size(), 0), filled(visible.size(), 0);
    std::size_t visible_rows = 0;
    for_each_visible_row(table, [&](std::size_t, const std::vector<Cell>& row) {
        ++visible_rows;
        for (std::size_t k = 0; k < visible.size(); ++k) {
            const Cell& cell = cell_at(row, visible[k]);
            editable[k] = editable[k] || cell.editable;
            filled[k] = filled[k] || !cell.text.empty();
        }
    });
    bool chart = false;  // a shown column holds editable cells (a chart's filled-in summaries)
    for (std::size_t k = 0; k < visible.size(); ++k) {
        if (editable[k] && !filled[k]) ++l.empty_summaries;
        else l.columns.push_back(visible[k]);
        chart = chart || editable[k];
    }
    const std::vector<Measure> ms = measure(table, l.columns);
    bool wraps = false;
    for (const Measure& m : ms) wraps = wraps || m.wraps;
    const double n = static_cast<double>(l.columns.size());
    bool taller_than_page = false;  // of the last layout tried: a float would be "too large"

    // A layout fits when the fixed widths and the long columns' minimums fit the block, and the tallest row
    // (a chart row of many excerpts) fits a page: longtable cannot break a row.
    auto fits = [&](bool landscape, const Attempt& a) {
        const double block = (landscape ? landscape_width : portrait_width) / a.size_pt;
        const double page = (landscape ? landscape_height : portrait_height) / a.size_pt;
        Widths w = widths_for(ms, block);
        double free = block - w.taken - 2 * n * a.sep_pt / a.size_pt;
        if (free < 0) return false;
        std::vector<double> col(ms.size());
        for (std::size_t k = 0; k < ms.size(); ++k)
            col[k] = w.em[k] + (w.fixed[k] || w.weights == 0 ? 0 : free * ms[k].weight / w.weights);
        auto height = [&](const std::vector<Cell>& row) {
            double tallest = 1;
            for (std::size_t k = 0; k < l.columns.size(); ++k) {
                const Cell& cell = cell_at(row, l.columns[k]);
                if (!cell.text.empty()) tallest = std::max(tallest, lines(cell.text, col[k] - extra_em(cell), cell.bold));
            }
            return tallest * 1.2;  // baselineskip: 1.2 em
        };
        double head = 3;  // caption and rules
        for (const auto& row : table.header) head += height(row);
        double total = head;
        const bool every_row_fits = for_each_visible_row_while(table, [&](std::size_t, const std::vector<Cell>& row) {
            double h = height(row);
            if (head + h > 0.92 * page) return false;
            total += h;
            return true;
        });
        if (!every_row_fits) return false;
        taller_than_page = total > 0.8 * page;
        return true;
    };
    const Attempt* chosen = nullptr;
    auto choose = [&](bool landscape) {
        for (const Attempt& a : attempts)
            if (fits(landscape, a)) {
                l.landscape = landscape;
                chosen = &a;
                return true;
            }
        return false;
    };
    // A matrix chart (cases by themes) reads across: landscape; a per-case chart of codes and excerpts, two
    // or three columns, reads down a portrait page.
    const bool prefer_landscape = l.columns.size() > 5 || (chart && l.columns.size() > 3);
    bool squeezed = false;
    if (!choose(prefer_landscape) && (prefer_landscape || !choose(true))) {
        // Nothing fits: the smallest type on the wider page, the long columns sharing what is left without
        // their minimums, so that the table at least keeps inside the page (LaTeX reports the words that
        // still overflow their cells).
        l.landscape = true;
        chosen = &attempts[std::size(attempts) - 1];
        squeezed = true;
    }
    l.size = chosen->size;
    l.tabcolsep_pt = chosen->sep_pt == 6 ? 0 : static_cast<int>(chosen->sep_pt);
    l.long_table = l.landscape || wraps || visible_rows > 25 || taller_than_page || squeezed;
    const double size_pt = chosen->size_pt;
    Widths w = widths_for(ms, (l.landscape ? landscape_width : portrait_width) / size_pt);
    const int seps = static_cast<int>(2 * l.columns.size());
    if (squeezed) {
        w.taken = 0;
        for (std::size_t k = 0; k < ms.size(); ++k)
            if (w.fixed[k]) w.taken += w.em[k];
            else w.em[k] = 0;
    }
    for (std::size_t k = 0; k < ms.size(); ++k) {
        l.numeric.push_back(ms[k].numeric);
        if (w.fixed[k] || w.weights == 0) {
            l.widths.push_back(em(w.em[k]));
            continue;
        }
        // Per mille, rounded down: the shares never add up to more than the free width.
        int share = static_cast<int>(std::floor(1000 * ms[k].weight / w.weights));
        l.widths.push_back("\\dimexpr " + (w.em[k] > 0 ? em(w.em[k]) + "+" : std::string()) + "(\\linewidth-" + em(w.taken) + "-" + std::to_string(seps) +
                           "\\tabcolsep)*" + std::to_string(share) + "/1000\\relax");
    }
    return l;
}

}  // namespace framer::latex

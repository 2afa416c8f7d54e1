// The framework matrix: for each theme a table with a row per unit and, per subtheme, an excerpt column and an
// editable summary column; hidden key row/column carry GUIDs so an edited xlsx can be imported again.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "chart/builders.hpp"
#include "chart/layout.hpp"
#include "export_xlsx/export_xlsx.hpp"
#include "summaries/summary_notes.hpp"

namespace framer::chart {

const char* unit_kind_name(UnitKind kind) { return kind == UnitKind::Case ? "case" : "source"; }

std::vector<Cell> csv_header(const std::vector<std::string>& show) {
    std::vector<Cell> h{text_cell(csv_theme), text_cell(csv_unit)};
    for (const auto& v : show) h.push_back(text_cell(v));
    for (const char* c : {csv_code, csv_excerpts, csv_summary, csv_theme_guid, csv_unit_guid, csv_code_guid})
        h.push_back(text_cell(c));
    return h;
}

Table long_csv_table(const std::vector<std::string>& show, std::function<void(const RowSink&)> stream) {
    Table table;
    table.name = "Chart (long)";
    table.csv = true;
    table.csv_only = true;
    table.header.push_back(csv_header(show));
    table.row_stream = std::move(stream);
    return table;
}

void assign_sheet_keys(Result& result) {
    std::vector<Table*> tables;
    std::vector<std::string> names;
    for (auto& t : result.tables) {
        if (t.csv_only) continue;
        tables.push_back(&t);
        names.push_back(t.name.empty() ? "Table " + std::to_string(tables.size()) : t.name);
    }
    auto sheet_names = xlsx_sheet_names(names);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        Table& t = *tables[i];
        if (t.rows.empty() || t.hidden_columns.empty()) continue;
        auto& key_row = t.rows.front();
        auto col = static_cast<std::size_t>(t.hidden_columns.back());
        if (col < key_row.size()) key_row[col].text = keys::sheet + sheet_names[i];
    }
}

namespace {

// An excerpt with the matrix cell it goes to. Each unit's excerpts are sorted by theme and column once (stably,
// so source order is kept within a cell): each theme reads only its own excerpts, and a row meets its non-empty
// cells in column order, so an empty cell costs no lookup and no allocation.
struct Placed {
    std::uint32_t theme;
    std::uint32_t column;
    const Excerpt* excerpt;
};

// Code key -> every (theme, column) it feeds (a code can be charted under several --theme values).
using Targets = std::unordered_map<std::string_view, std::vector<std::pair<std::uint32_t, std::uint32_t>>>;

Targets targets_of(const std::vector<Theme>& themes) {
    Targets targets;
    for (std::size_t t = 0; t < themes.size(); ++t)
        for (const auto& [key, column] : themes[t].column_of)
            targets[key].emplace_back(static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(column));
    return targets;
}

std::vector<Placed> place(const Targets& targets, const std::vector<Excerpt>& excerpts) {
    std::vector<Placed> placed;
    placed.reserve(excerpts.size());
    for (const auto& e : excerpts) {
        auto it = targets.find(*e.code_key);
        if (it == targets.end()) continue;
        for (const auto& [t, c] : it->second) placed.push_back({t, c, &e});
    }
    // Within a cell the excerpts keep their order, which is their order in `excerpts`: the pointer breaks ties,
    // so a plain sort (no buffer to allocate, as stable_sort's) gives the stable order.
    std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
        if (a.theme != b.theme) return a.theme < b.theme;
        if (a.column != b.column) return a.column < b.column;
        return a.excerpt < b.excerpt;
    });
    return placed;
}

// What the tables and the JSON both walk; the JSON callback holds it until the output is written.
struct Plan {
    std::shared_ptr<const ChartInput> in;
    std::shared_ptr<const std::vector<Theme>> themes;
    std::vector<std::vector<Placed>> placed;  ///< per unit
};

// Unit u's placed excerpts of one theme: the unit's excerpts are sorted by theme. Found without state, so the
// JSON, the long table and each theme's row stream (which may be read more than once, the tables in any order)
// all find them the same way.
std::pair<const Placed*, const Placed*> theme_run(const Plan& plan, std::size_t unit, std::uint32_t theme) {
    const auto& mine = plan.placed[unit];
    auto [begin, end] = std::equal_range(mine.begin(), mine.end(), Placed{theme, 0, nullptr},
                                         [](const Placed& a, const Placed& b) { return a.theme < b.theme; });
    return {mine.data() + (begin - mine.begin()), mine.data() + (end - mine.begin())};
}

// The cells of one row, asked for in column order: a non-empty one is gathered from its run of placed excerpts
// into `cell` (null for an empty one, which has none). `cell` outlives the row: the rows of a table reuse what
// it allocated.
class RowCells {
public:
    RowCells(const Placed* begin, const Placed* end, CellExcerpts& cell) : m_next(begin), m_end(end), m_cell(cell) {}
    const CellExcerpts* at(std::uint32_t column) {
        while (m_next != m_end && m_next->column < column) ++m_next;  // (columns are asked for in order)
        if (m_next == m_end || m_next->column != column) return nullptr;
        m_cell.clear();
        while (m_next != m_end && m_next->column == column) m_cell.add(*(m_next++)->excerpt);
        return &m_cell;
    }
    /// The next column with an excerpt (`none` when no column has one).
    std::uint32_t next_column(std::uint32_t none) const { return m_next != m_end ? m_next->column : none; }
private:
    const Placed* m_next;
    const Placed* m_end;
    CellExcerpts& m_cell;
};

// Starts the loads of the excerpts a row will write: the JSON's rows, theme by theme, visit every unit, so their
// excerpts are scattered over the heap and each first read waits on memory (13% of chart → json at 100k). The
// chain excerpt -> selection -> GUID is followed one link per row: stage 0 two rows ahead, stage 1 one row ahead,
// stage 2 for the row itself, each finding in cache what the stage before brought.
void prefetch_run(std::pair<const Placed*, const Placed*> run, int stage) {
    for (const Placed* p = run.first; p != run.second; ++p) {
        const Excerpt& e = *p->excerpt;
        if (stage == 0) {
            __builtin_prefetch(&e);
        } else if (stage == 1) {
            __builtin_prefetch(e.text.data());
            if (e.selection) __builtin_prefetch(e.selection);
        } else if (e.selection) {
            __builtin_prefetch(e.selection->guid.data());
        }
    }
}

// The summary typed into unit x code's cell (a note with a GUID derived from both). A project with no note that
// could be a summary answers at once; otherwise the cell costs a hash and a lookup (SummaryLookup).
std::string summary_of(const ChartInput& in, const Unit& unit, const refi::Code& code) {
    if (in.summaries.empty()) return {};
    return summary_text(in.project, in.summaries.find(unit.guid, code.guid)).value_or("");
}

// The chart's JSON: {"unit", "units": [{"unit", "guid", "attributes"}], "themes": [{"code", "path", "guid",
// "columns": [...], "rows": [{"unit", "guid", "attributes", "cells": [{"column", "code_guid", "applies"?,
// "summary", "excerpts": [...]}]}]}]} (docs/chart.md). It is sparse, as the per-unit chart's "codes" are: a row
// lists only its cells that hold something (an excerpt, a summary, or "applies": false), each naming its column,
// and a theme lists only the rows that have such a cell, in the order of "units", which lists every unit. A wide
// codebook's chart of many units is mostly empty cells and empty rows, which so cost nothing here.
template <class W>
void write_matrix_json(W& w, const Plan& plan) {
    const ChartInput& in = *plan.in;
    const auto& themes = *plan.themes;
    // Every cell names its column: keys and the columns' names and GUIDs are encoded once, not once per cell.
    static const JsonString k_column("column"), k_code_guid("code_guid"), k_summary("summary"), k_excerpts("excerpts"),
        k_empty("");
    std::vector<JsonString> names, guids;
    CellExcerpts scratch;
    // Without --applies and summaries a cell holds something only if it has excerpts: a row visits those columns
    // alone, not every column of the theme.
    const bool every_column = in.applies || !in.summaries.empty();
    w.begin_object();
    w.key("unit").value(unit_kind_name(in.kind));
    w.key("units").begin_array();
    for (const Unit& unit : in.units) {
        w.begin_object();
        write_unit_keys(w, unit, in.show);
        w.end_object();
    }
    w.end_array();
    w.key("themes").begin_array();
    for (std::size_t ti = 0; ti < themes.size(); ++ti) {
        const Theme& theme = themes[ti];
        w.begin_object();
        w.key("code").value(theme.code ? theme.code->name : theme.name);
        w.key("path");
        if (theme.code) write_path(w, in.index, *theme.code);
        else w.begin_array().end_array();
        w.key("guid").value(theme.code ? std::string_view(theme.code->guid) : std::string_view());
        w.key("columns").begin_array();
        for (const auto& col : theme.columns) {
            w.begin_object();
            w.key("code").value(col.code->name);
            w.key("path");
            write_path(w, in.index, *col.code);
            w.key("guid").value(col.code->guid);
            w.key("self").value(col.self);
            w.end_object();
        }
        w.end_array();
        names.clear();
        guids.clear();
        for (const auto& col : theme.columns) {
            names.emplace_back(col.code->name);
            guids.emplace_back(col.code->guid);
        }
        w.key("rows").begin_array();
        // The runs of rows u, u + 1 and u + 2 (each found once), for prefetch_run.
        using Run = std::pair<const Placed*, const Placed*>;
        auto run_of = [&](std::size_t u) {
            return u < in.units.size() ? theme_run(plan, u, static_cast<std::uint32_t>(ti)) : Run{nullptr, nullptr};
        };
        Run runs[3] = {run_of(0), run_of(1), Run{nullptr, nullptr}};
        prefetch_run(runs[0], 0);
        prefetch_run(runs[1], 0);
        prefetch_run(runs[0], 1);
        for (std::size_t u = 0; u < in.units.size(); ++u) {
            const Unit& unit = in.units[u];
            runs[2] = run_of(u + 2);
            prefetch_run(runs[2], 0);
            prefetch_run(runs[1], 1);
            prefetch_run(runs[0], 2);
            auto [begin, end] = runs[0];
            runs[0] = runs[1];
            runs[1] = runs[2];
            // A unit with nothing in this theme has no row: nothing to look at without excerpts, summaries or
            // --applies, and otherwise the row is begun at its first cell.
            if (begin == end && !every_column) continue;
            RowCells cells(begin, end, scratch);
            bool row_open = false;
            const auto columns = static_cast<std::uint32_t>(theme.columns.size());
            for (std::uint32_t c = every_column ? 0 : cells.next_column(columns); c < columns;
                 c = every_column ? c + 1 : cells.next_column(columns)) {
                const refi::Code& code = *theme.columns[c].code;
                const CellExcerpts* cell = cells.at(c);
                const bool applies = !in.applies || in.applies(unit, code);
                const std::string summary = summary_of(in, unit, code);
                if (!cell && applies && summary.empty()) continue;  // nothing to show
                if (!row_open) {
                    w.begin_object();
                    write_unit_keys(w, unit, in.show);
                    w.key("cells").begin_array();
                    row_open = true;
                }
                w.begin_object();
                w.key(k_column).value(names[c]);
                w.key(k_code_guid).value(guids[c]);
                if (!applies) w.key("applies").value(false);
                w.key(k_summary);
                if (summary.empty()) w.value(k_empty);
                else w.value(summary);
                w.key(k_excerpts).begin_array();
                if (cell)
                    for (std::size_t i = 0; i < cell->excerpts.size(); ++i)
                        write_excerpt(w, *cell->excerpts[i], &cell->coders[i], &cell->merged[i]);
                w.end_array();
                w.end_object();
            }
            if (!row_open) continue;
            w.end_array();
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

// The long csv table's rows (theme, unit, shown values, code, excerpts, summary, theme_guid, unit_guid,
// code_guid), one per theme x unit x column, handed to `take` one at a time in one reused row: the table of a
// 10,000-unit chart of a wide codebook has three million rows, nine cells each.
void write_long_rows(const Plan& plan, const RowSink& take) {
    const ChartInput& in = *plan.in;
    const auto& themes = *plan.themes;
    const std::size_t shown = in.show.size();
    std::vector<Cell> row(8 + shown);
    CellExcerpts scratch;
    for (std::size_t ti = 0; ti < themes.size(); ++ti) {
        const Theme& theme = themes[ti];
        row[0].text = theme.code ? theme.code->name : theme.name;
        row[5 + shown].text = theme.code ? theme.code->guid : "";
        for (std::size_t u = 0; u < in.units.size(); ++u) {
            const Unit& unit = in.units[u];
            auto [begin, end] = theme_run(plan, u, static_cast<std::uint32_t>(ti));
            RowCells cells(begin, end, scratch);
            row[1].text = unit.name;
            for (std::size_t v = 0; v < shown; ++v) {
                auto it = unit.variables.find(in.show[v]);
                row[2 + v].text = it == unit.variables.end() ? "" : it->second;
            }
            row[6 + shown].text = unit.guid;
            for (std::size_t c = 0; c < theme.columns.size(); ++c) {
                const refi::Code& code = *theme.columns[c].code;
                row[2 + shown].text = code.name;
                set_cell_text(row[3 + shown].text, cells.at(static_cast<std::uint32_t>(c)));
                // Not applicable and nothing coded: "n/a", as in the document tables.
                if (in.applies && row[3 + shown].text.empty() && !in.applies(unit, code)) row[3 + shown].text = "n/a";
                row[4 + shown].text = summary_of(in, unit, code);
                row[7 + shown].text = code.guid;
                if (!take(row)) return;
            }
        }
    }
}

// Theme `ti`'s document table rows (after its held key row): a row per unit, its name, shown values, and per
// column the excerpts (wrapped) and the editable summary, then its hidden key. Handed to `take` one at a time in
// one reused row, whose cells keep their buffers from unit to unit.
void write_theme_rows(const Plan& plan, std::uint32_t ti, const RowSink& take) {
    const ChartInput& in = *plan.in;
    const Theme& theme = (*plan.themes)[ti];
    const std::size_t shown = in.show.size();
    std::vector<Cell> row(2 + shown + 2 * theme.columns.size());
    CellExcerpts scratch;
    row[0].bold = true;
    for (std::size_t c = 0; c < theme.columns.size(); ++c) {
        Cell& data = row[1 + shown + 2 * c];
        Cell& editable = row[2 + shown + 2 * c];
        data.wrap = true;
        editable.editable = true;
        editable.wrap = true;
    }
    for (std::size_t u = 0; u < in.units.size(); ++u) {
        const Unit& unit = in.units[u];
        auto [begin, end] = theme_run(plan, u, ti);
        RowCells cells(begin, end, scratch);
        row[0].text = unit.name;
        for (std::size_t i = 0; i < shown; ++i) {
            auto it = unit.variables.find(in.show[i]);
            if (it == unit.variables.end()) row[1 + i].text.clear();
            else row[1 + i].text = it->second;
        }
        for (std::size_t c = 0; c < theme.columns.size(); ++c) {
            const refi::Code& code = *theme.columns[c].code;
            std::string& text = row[1 + shown + 2 * c].text;
            set_cell_text(text, cells.at(static_cast<std::uint32_t>(c)));
            // Not applicable and nothing coded: say so, so it does not read as "not coded". Excerpts of a
            // unit the code does not apply to are still shown (nothing hidden).
            if (in.applies && text.empty() && !in.applies(unit, code)) text = "n/a";
            std::string& summary = row[2 + shown + 2 * c].text;
            if (in.summaries.empty()) summary.clear();
            else summary = summary_of(in, unit, code);
        }
        row.back().text = keys::unit;
        row.back().text += unit.guid;
        if (!take(row)) return;
    }
}

}  // namespace

Result build_matrix(std::shared_ptr<const ChartInput> input, std::shared_ptr<const std::vector<Theme>> chosen) {
    const ChartInput& in = *input;
    const std::vector<Theme>& themes = *chosen;
    Result result;
    result.title = "Framework chart";
    result.notes.push_back(fmt::format("{} {}{} in natural order; {} matri{}. Summary columns are editable: fill them "
                                       "and run `framer summaries` to store them in the project.",
                                       in.units.size(), unit_kind_name(in.kind), in.units.size() == 1 ? "" : "s", themes.size(),
                                       themes.size() == 1 ? "x" : "ces"));

    auto plan = std::make_shared<Plan>();
    plan->in = input;
    plan->themes = chosen;
    {
        const Targets targets = targets_of(themes);
        plan->placed.reserve(in.units.size());
        for (std::size_t u = 0; u < in.units.size(); ++u) plan->placed.push_back(place(targets, in.excerpts[u]));
    }
    // The JSON is written when the exporter asks for it, straight to the output: no tree of every excerpt.
    result.write_json = [plan](JsonWriter& w) { write_matrix_json(w, *plan); };
    if (in.want_json) {
        JsonTreeBuilder tree;
        write_matrix_json(tree, *plan);
        result.json = tree.take();
    }
    if (!in.want_tables && !in.want_long) return result;

    const std::string unit_label = in.kind == UnitKind::Case ? "Case" : "Source";
    for (std::size_t ti = 0; ti < themes.size() && in.want_tables; ++ti) {
        const Theme& theme = themes[ti];
        const std::string theme_name = theme.code ? theme.code->name : theme.name;
        const std::string theme_guid = theme.code ? theme.code->guid : "";

        Table table;
        table.name = theme_name;
        table.frozen_columns = 1 + static_cast<int>(in.show.size());
        std::vector<Cell> header{text_cell(unit_label, true)};
        std::vector<Cell> key_row{
            text_cell(std::string(keys::marker) + (theme.code ? " " + std::string(keys::theme) + theme_guid : ""))};
        table.column_widths.push_back(18);
        for (const auto& v : in.show) {
            header.push_back(text_cell(v, true));
            key_row.push_back(text_cell(keys::var + v));
            table.column_widths.push_back(14);
        }
        for (const auto& col : theme.columns) {
            std::string self = col.self ? std::string(" ") + keys::self : "";
            header.push_back(text_cell(data_header(col.code->name, col.self), true));
            header.push_back(text_cell(summary_header(col.code->name, col.self), true));
            key_row.push_back(text_cell(std::string(keys::data) + self + " " + keys::code + col.code->guid));
            key_row.push_back(text_cell(std::string(keys::summary) + self + " " + keys::code + col.code->guid));
            table.column_widths.push_back(60);
            table.column_widths.push_back(40);
        }
        header.push_back(text_cell(keys::key_header));
        key_row.push_back(text_cell(keys::sheet));  // filled by assign_sheet_keys
        table.column_widths.push_back(40);
        table.hidden_columns.push_back(static_cast<int>(header.size()) - 1);
        table.header.push_back(std::move(header));
        table.rows.push_back(std::move(key_row));
        table.hidden_rows.push_back(0);

        // The unit rows are streamed (write_theme_rows), one reused row at a time: held, a wide chart's cells
        // (two per unit x code) took more memory than the project itself.
        table.row_stream = [plan, ti](const RowSink& take) { write_theme_rows(*plan, static_cast<std::uint32_t>(ti), take); };
        result.tables.push_back(std::move(table));
    }
    if (in.want_long) {
        // Three million rows for 10,000 units x 317 codes.
        result.tables.push_back(long_csv_table(in.show, [plan](const RowSink& take) { write_long_rows(*plan, take); }));
    }
    assign_sheet_keys(result);
    return result;
}

}  // namespace framer::chart

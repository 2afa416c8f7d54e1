// The framework matrix: for each theme a table with a row per unit and, per subtheme, an excerpt column and an
// editable summary column; hidden key row/column carry GUIDs so an edited xlsx can be imported again.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "chart/builders.hpp"
#include "chart/layout.hpp"
#include "export_xlsx/export_xlsx.hpp"
#include "summaries/summary_notes.hpp"

namespace framer::chart {

const char* unit_kind_name(UnitKind kind) { return kind == UnitKind::Case ? "case" : "source"; }

Json excerpt_json(const Excerpt& e, const std::string* coder, const std::vector<const Excerpt*>* merged) {
    // Built as one Object (not key by key): the chart of a 100,000-coding project makes 100,000 of these.
    Json::Object o;
    o.reserve(8);
    o.emplace_back("text", std::string(e.text));
    o.emplace_back("source", e.source_name());
    o.emplace_back("start", e.start);
    o.emplace_back("end", e.end);
    // start and end of a PDF excerpt are its page as the project writes it (0-based); "page" is the one shown.
    if (std::string_view(e.kind) == "pdf") o.emplace_back("page", e.start + 1);
    o.emplace_back("coder", coder ? *coder : *e.coder);
    o.emplace_back("kind", e.kind);
    o.emplace_back("source_guid", e.source ? e.source->guid : std::string());
    o.emplace_back("selection_guid", e.selection ? e.selection->guid : std::string());
    if (merged && !merged->empty()) {
        Json guids = Json::array();
        for (const Excerpt* m : *merged) guids.push_back(m->selection->guid);
        o.emplace_back("merged_selection_guids", std::move(guids));
    }
    return Json(std::move(o));
}

Json attributes_json(const Unit& unit, const std::vector<std::string>& show) {
    Json j = Json::object();
    for (const auto& v : show) {
        auto it = unit.variables.find(v);
        j[v] = it == unit.variables.end() ? Json() : Json(it->second);
    }
    return j;
}

Json path_json(const refi::ProjectIndex& index, const refi::Code& code) {
    Json j = Json::array();
    for (const auto* c : index.path_of(code)) j.push_back(c->name);
    return j;
}

std::vector<Cell> csv_header(const std::vector<std::string>& show) {
    std::vector<Cell> h{text_cell(csv_theme), text_cell(csv_unit)};
    for (const auto& v : show) h.push_back(text_cell(v));
    for (const char* c : {csv_code, csv_excerpts, csv_summary, csv_theme_guid, csv_unit_guid, csv_code_guid})
        h.push_back(text_cell(c));
    return h;
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

using CellData = CellExcerpts;

// An excerpt with the matrix cell it goes to. Each unit's excerpts are sorted by theme once (stably, so source
// order is kept within a cell), so each theme reads only its own excerpts instead of every excerpt of the unit.
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
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.theme < b.theme; });
    return placed;
}

// One cell per column from one theme's placed excerpts [begin, end), in source order.
std::vector<CellData> fill_cells(std::size_t columns, const Placed* begin, const Placed* end) {
    std::vector<CellData> cells(columns);
    for (const Placed* p = begin; p != end; ++p) cells[p->column].add(*p->excerpt);
    return cells;
}

std::string cell_text(const CellData& cell) {
    std::string s;
    for (std::size_t i = 0; i < cell.excerpts.size(); ++i) {
        if (!s.empty()) s += "\n\n";
        s += format_excerpt(*cell.excerpts[i], &cell.coders[i]);
    }
    return s;
}

}  // namespace

Result build_matrix(const ChartInput& in, const std::vector<Theme>& themes) {
    Result result;
    result.title = "Framework chart";
    result.notes.push_back(fmt::format("{} {}{} in natural order; {} matri{}. Summary columns are editable: fill them "
                                       "and run `framer summaries` to store them in the project.",
                                       in.units.size(), unit_kind_name(in.kind), in.units.size() == 1 ? "" : "s", themes.size(),
                                       themes.size() == 1 ? "x" : "ces"));
    result.json = Json::object();
    result.json["unit"] = unit_kind_name(in.kind);
    Json themes_json = Json::array();

    Table long_table;
    long_table.name = "Chart (long)";
    long_table.csv = true;
    long_table.csv_only = true;
    long_table.header.push_back(csv_header(in.show));

    const std::string unit_label = in.kind == UnitKind::Case ? "Case" : "Source";
    const Targets targets = targets_of(themes);
    std::vector<std::vector<Placed>> placed;
    placed.reserve(in.units.size());
    for (std::size_t u = 0; u < in.units.size(); ++u) placed.push_back(place(targets, in.excerpts[u]));
    std::vector<std::size_t> cursor(in.units.size(), 0);  // themes are built in order: each unit's next excerpt
    // A summary is a note with a GUID derived from unit x code: a project without notes has none, and no cell
    // needs its GUID made and looked up.
    const bool any_notes = !in.project.notes.empty();
    for (std::size_t ti = 0; ti < themes.size(); ++ti) {
        const Theme& theme = themes[ti];
        const std::string theme_name = theme.code ? theme.code->name : theme.name;
        const std::string theme_guid = theme.code ? theme.code->guid : "";
        Json tj = Json::object();
        tj["code"] = theme_name;
        tj["path"] = theme.code ? path_json(in.index, *theme.code) : Json::array();
        tj["guid"] = theme_guid;
        Json columns = Json::array();
        for (const auto& col : theme.columns) {
            Json cj = Json::object();
            cj["code"] = col.code->name;
            cj["path"] = path_json(in.index, *col.code);
            cj["guid"] = col.code->guid;
            cj["self"] = col.self;
            columns.push_back(std::move(cj));
        }
        tj["columns"] = std::move(columns);

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

        Json rows = Json::array();
        for (std::size_t u = 0; u < in.units.size(); ++u) {
            const Unit& unit = in.units[u];
            const auto& mine = placed[u];
            std::size_t begin = cursor[u], end = begin;
            while (end < mine.size() && mine[end].theme == ti) ++end;
            cursor[u] = end;
            auto cells = fill_cells(theme.columns.size(), mine.data() + begin, mine.data() + end);
            Json rj = Json::object();
            Json cells_json = Json::array();
            if (in.want_json) {
                rj["unit"] = unit.name;
                rj["guid"] = unit.guid;
                rj["attributes"] = attributes_json(unit, in.show);
            }
            std::vector<Cell> row{text_cell(unit.name, true)};
            for (const auto& v : in.show) {
                auto it = unit.variables.find(v);
                row.push_back(text_cell(it == unit.variables.end() ? "" : it->second));
            }
            for (std::size_t c = 0; c < theme.columns.size(); ++c) {
                const refi::Code& code = *theme.columns[c].code;
                std::string summary;
                if (any_notes)
                    summary = summary_text(in.project, in.index.find_note(summary_note_guid(unit.guid, code.guid)))
                                  .value_or("");
                const bool applicable = !in.applies || in.applies(unit, code);
                if (in.want_json) {
                    Json cj = Json::object();
                    cj["column"] = code.name;
                    cj["code_guid"] = code.guid;
                    if (!applicable) cj["applies"] = false;
                    cj["summary"] = summary;
                    Json ex = Json::array();
                    for (std::size_t i = 0; i < cells[c].excerpts.size(); ++i) {
                        ex.push_back(excerpt_json(*cells[c].excerpts[i], &cells[c].coders[i], &cells[c].merged[i]));
                    }
                    cj["excerpts"] = std::move(ex);
                    cells_json.push_back(std::move(cj));
                }
                if (!in.want_tables && !in.want_long) continue;

                std::string text = cell_text(cells[c]);
                // Not applicable and nothing coded: say so, so it does not read as "not coded". Excerpts of a
                // unit the code does not apply to are still shown (nothing hidden).
                if (!applicable && text.empty()) text = "n/a";
                if (in.want_tables) {
                    Cell data = text_cell(in.want_long ? text : std::move(text));
                    data.wrap = true;
                    Cell editable = text_cell(summary);
                    editable.editable = true;
                    editable.wrap = true;
                    row.push_back(std::move(data));
                    row.push_back(std::move(editable));
                }
                if (!in.want_long) continue;

                std::vector<Cell> long_row{text_cell(theme_name), text_cell(unit.name)};
                for (std::size_t v = 0; v < in.show.size(); ++v) long_row.push_back(row[1 + v]);  // the shown values
                long_row.push_back(text_cell(code.name));
                long_row.push_back(text_cell(std::move(text)));
                long_row.push_back(text_cell(std::move(summary)));
                long_row.push_back(text_cell(theme_guid));
                long_row.push_back(text_cell(unit.guid));
                long_row.push_back(text_cell(code.guid));
                long_table.rows.push_back(std::move(long_row));
            }
            if (in.want_tables) {
                row.push_back(text_cell(keys::unit + unit.guid));
                table.rows.push_back(std::move(row));
            }
            if (in.want_json) {
                rj["cells"] = std::move(cells_json);
                rows.push_back(std::move(rj));
            }
        }
        if (in.want_json) {
            tj["rows"] = std::move(rows);
            themes_json.push_back(std::move(tj));
        }
        if (in.want_tables) result.tables.push_back(std::move(table));
    }
    if (in.want_json) result.json["themes"] = std::move(themes_json);
    if (in.want_long) result.tables.push_back(std::move(long_table));
    assign_sheet_keys(result);
    return result;
}

}  // namespace framer::chart

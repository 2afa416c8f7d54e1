// The per-unit (per-transcript) thematic chart: for each unit, its codes in codebook order with their excerpts.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "chart/builders.hpp"
#include "chart/layout.hpp"
#include "refi/guid.hpp"
#include "summaries/summary_notes.hpp"

namespace framer::chart {

namespace {

// Normalised code GUID -> the code's position in the codebook.
using Ranks = std::unordered_map<std::string, std::size_t>;

// Calls f(code index, cell, summary) for each code of unit u that has excerpts (cell non-null) or a summary, in
// codebook order. The unit's excerpts are sorted by code once (stably: source order within a code), so a unit
// costs its excerpts, not the size of the codebook (unless the project has notes, whose summaries are looked up
// per code).
template <class F>
void for_each_code(const ChartInput& in, const Ranks& rank, std::size_t u, F&& f) {
    const auto& codes = in.index.codes_in_order();
    std::vector<std::pair<std::size_t, const Excerpt*>> ranked;
    ranked.reserve(in.excerpts[u].size());
    for (const auto& e : in.excerpts[u]) {
        auto it = rank.find(*e.code_key);
        if (it != rank.end()) ranked.emplace_back(it->second, &e);  // else a coding of a missing code: validate reports it
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const bool any_notes = !in.summaries.empty();  // no note could be a summary: nothing to look up per unit x code
    const Unit& unit = in.units[u];
    std::size_t next = 0;
    CellExcerpts cell;
    auto visit = [&](std::size_t c) {
        const bool coded = next < ranked.size() && ranked[next].first == c;
        if (coded) {
            cell.clear();
            while (next < ranked.size() && ranked[next].first == c) cell.add(*ranked[next++].second);
        }
        std::optional<std::string> summary;
        if (any_notes) summary = summary_text(in.project, in.summaries.find(unit.guid, codes[c]->guid));
        if (coded || summary) f(c, coded ? &cell : nullptr, summary);
    };
    if (any_notes)
        for (std::size_t c = 0; c < codes.size(); ++c) visit(c);
    else
        while (next < ranked.size()) visit(ranked[next].first);
}

// {"unit", "units": [{"unit", "guid", "attributes", "codes": [{"code", "path", "guid", "summary", "excerpts"}]}]}
template <class W>
void write_per_unit_json(W& w, const ChartInput& in, const Ranks& rank) {
    const auto& codes = in.index.codes_in_order();
    w.begin_object();
    w.key("unit").value(unit_kind_name(in.kind));
    w.key("units").begin_array();
    for (std::size_t u = 0; u < in.units.size(); ++u) {
        const Unit& unit = in.units[u];
        w.begin_object();
        write_unit_keys(w, unit, in.show);
        w.key("codes").begin_array();
        for_each_code(in, rank, u, [&](std::size_t c, const CellExcerpts* cell, const std::optional<std::string>& summary) {
            const refi::Code& code = *codes[c];
            w.begin_object();
            w.key("code").value(code.name);
            w.key("path");
            write_path(w, in.index, code);
            w.key("guid").value(code.guid);
            w.key("summary").value(summary ? std::string_view(*summary) : std::string_view());
            w.key("excerpts").begin_array();
            if (cell)
                for (std::size_t i = 0; i < cell->excerpts.size(); ++i)
                    write_excerpt(w, *cell->excerpts[i], &cell->coders[i], &cell->merged[i]);
            w.end_array();
            w.end_object();
        });
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

// Unit u's document table rows (after its held key row), one at a time in reused rows: grouped as the codebook
// is, a code's domain and theme head the rows below them (bold, without key, so `framer summaries` passes them
// by), and each row shows the code's own name, indented by depth.
void write_unit_rows(const ChartInput& in, const Ranks& rank, std::size_t u, const RowSink& take) {
    const auto& codes = in.index.codes_in_order();
    std::unordered_map<const refi::Code*, bool> headed;
    std::vector<Cell> head_row(4), row(4);
    head_row[0].bold = true;
    row[1].wrap = true;
    row[2].editable = true;
    row[2].wrap = true;
    bool more = true;
    for_each_code(in, rank, u, [&](std::size_t c, const CellExcerpts* cell, const std::optional<std::string>& summary) {
        if (!more) return;
        const refi::Code& code = *codes[c];
        const auto path = in.index.path_of(code);
        for (std::size_t d = 0; d + 1 < path.size() && more; ++d) {
            if (headed[path[d]]) continue;
            headed[path[d]] = true;
            head_row[0].text = path[d]->name;
            head_row[0].indent = static_cast<int>(d);
            more = take(head_row);
        }
        if (!more) return;
        headed[&code] = true;
        row[0].text = code.name;
        row[0].bold = !code.children.empty();
        row[0].indent = static_cast<int>(path.size()) - 1;
        set_cell_text(row[1].text, cell);
        row[2].text = summary.value_or("");
        row[3].text = keys::code;
        row[3].text += code.guid;
        more = take(row);
    });
}

// The long csv's rows: per unit, a row per code it has (theme left empty: the per-unit chart has none).
void write_per_unit_long_rows(const ChartInput& in, const Ranks& rank, const RowSink& take) {
    const auto& codes = in.index.codes_in_order();
    const std::size_t shown = in.show.size();
    std::vector<Cell> row(8 + shown);
    bool more = true;
    for (std::size_t u = 0; u < in.units.size() && more; ++u) {
        const Unit& unit = in.units[u];
        row[1].text = unit.name;
        for (std::size_t v = 0; v < shown; ++v) {
            auto it = unit.variables.find(in.show[v]);
            if (it == unit.variables.end()) row[2 + v].text.clear();
            else row[2 + v].text = it->second;
        }
        row[6 + shown].text = unit.guid;
        for_each_code(in, rank, u, [&](std::size_t c, const CellExcerpts* cell, const std::optional<std::string>& summary) {
            if (!more) return;
            const refi::Code& code = *codes[c];
            row[2 + shown].text = code.name;
            set_cell_text(row[3 + shown].text, cell);
            row[4 + shown].text = summary.value_or("");
            row[7 + shown].text = code.guid;
            more = take(row);
        });
    }
}

}  // namespace

Result build_per_unit(std::shared_ptr<const ChartInput> input) {
    const ChartInput& in = *input;
    Result result;
    result.title = "Thematic chart per " + std::string(unit_kind_name(in.kind));
    result.notes.push_back(fmt::format("{} {}{} in natural order, each with its codes in codebook order. Summary "
                                       "columns are editable: fill them and run `framer summaries`.",
                                       in.units.size(), unit_kind_name(in.kind), in.units.size() == 1 ? "" : "s"));

    const auto& codes = in.index.codes_in_order();
    auto rank = std::make_shared<Ranks>();
    for (std::size_t i = 0; i < codes.size(); ++i) (*rank)[refi::normalize_guid(codes[i]->guid)] = i;

    // Written when the exporter asks for it, straight to the output (no tree of every excerpt).
    result.write_json = [input, rank](JsonWriter& w) { write_per_unit_json(w, *input, *rank); };
    if (in.want_json) {
        JsonTreeBuilder tree;
        write_per_unit_json(tree, in, *rank);
        result.json = tree.take();
    }
    if (!in.want_tables && !in.want_long) return result;

    for (std::size_t u = 0; u < in.units.size() && in.want_tables; ++u) {
        const Unit& unit = in.units[u];
        Table table;
        // --show: the unit's values in the table's name, so every format shows them (not only csv and json).
        table.name = unit.name;
        std::string shown;
        for (const auto& v : in.show) {
            auto it = unit.variables.find(v);
            shown += (shown.empty() ? "" : "; ") + v + ": " + (it == unit.variables.end() ? "(no value)" : it->second);
        }
        if (!shown.empty()) table.name += " (" + shown + ")";
        table.frozen_columns = 1;
        table.column_widths = {30, 70, 40, 40};
        table.header.push_back({text_cell(per_unit_code_header, true), text_cell(per_unit_data_header, true),
                                text_cell(per_unit_summary_header, true), text_cell(keys::key_header)});
        table.rows.push_back({text_cell(std::string(keys::marker) + " " + keys::unit + unit.guid), text_cell(keys::data),
                              text_cell(std::string(keys::summary) + " " + keys::unit + unit.guid),
                              text_cell(keys::sheet)});
        table.hidden_rows.push_back(0);
        table.hidden_columns.push_back(3);
        // The code rows are streamed (write_unit_rows), not held: a unit's cells hold all its excerpts' text.
        table.row_stream = [input, rank, u](const RowSink& take) { write_unit_rows(*input, *rank, u, take); };
        result.tables.push_back(std::move(table));
    }
    if (in.want_long) {
        // A row per unit x code it has, each with that cell's excerpts.
        result.tables.push_back(long_csv_table(
            in.show, [input, rank](const RowSink& take) { write_per_unit_long_rows(*input, *rank, take); }));
    }
    assign_sheet_keys(result);
    return result;
}

}  // namespace framer::chart

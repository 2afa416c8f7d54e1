// The per-unit (per-transcript) thematic chart: for each unit, its codes in codebook order with their excerpts.
#include <fmt/format.h>

#include <unordered_map>

#include "chart/builders.hpp"
#include "chart/layout.hpp"
#include "refi/guid.hpp"
#include "summaries/summary_notes.hpp"

namespace framer::chart {

Result build_per_unit(const ChartInput& in) {
    Result result;
    result.title = "Thematic chart per " + std::string(unit_kind_name(in.kind));
    result.notes.push_back(fmt::format("{} {}{} in natural order, each with its codes in codebook order. Summary "
                                       "columns are editable: fill them and run `framer summaries`.",
                                       in.units.size(), unit_kind_name(in.kind), in.units.size() == 1 ? "" : "s"));
    result.json = Json::object();
    result.json["unit"] = unit_kind_name(in.kind);
    Json units_json = Json::array();

    Table long_table;
    long_table.name = "Chart (long)";
    long_table.csv = true;
    long_table.csv_only = true;
    long_table.header.push_back(csv_header(in.show));

    const auto& codes = in.index.codes_in_order();
    std::unordered_map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < codes.size(); ++i) rank[refi::normalize_guid(codes[i]->guid)] = i;

    const bool any_notes = !in.project.notes.empty();  // no notes: no summaries, no GUID to make per unit x code
    for (std::size_t u = 0; u < in.units.size(); ++u) {
        const Unit& unit = in.units[u];
        // Excerpts per code (codebook position), source order kept; a range coded by two coders once, with both.
        std::vector<CellExcerpts> by_code(codes.size());
        for (const auto& e : in.excerpts[u]) {
            auto it = rank.find(*e.code_key);
            if (it == rank.end()) continue;  // a coding of a missing code: validate reports it
            by_code[it->second].add(e);
        }

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

        Json uj = Json::object();
        uj["unit"] = unit.name;
        uj["guid"] = unit.guid;
        uj["attributes"] = attributes_json(unit, in.show);
        Json codes_json = Json::array();
        // Rows grouped as the codebook is: a code's domain and theme head the rows below them (bold, without
        // key, so `framer summaries` passes them by), and each row shows the code's own name, indented by depth.
        std::unordered_map<const refi::Code*, bool> headed;
        for (std::size_t c = 0; c < codes.size(); ++c) {
            const refi::Code& code = *codes[c];
            std::optional<std::string> summary;
            if (any_notes) summary = summary_text(in.project, in.index.find_note(summary_note_guid(unit.guid, code.guid)));
            if (by_code[c].excerpts.empty() && !summary) continue;
            Json cj = Json::object();
            cj["code"] = code.name;
            cj["path"] = path_json(in.index, code);
            cj["guid"] = code.guid;
            cj["summary"] = summary.value_or("");
            Json ex = Json::array();
            std::string text;
            for (std::size_t i = 0; i < by_code[c].excerpts.size(); ++i) {
                const Excerpt& e = *by_code[c].excerpts[i];
                ex.push_back(excerpt_json(e, &by_code[c].coders[i], &by_code[c].merged[i]));
                text += (text.empty() ? "" : "\n\n") + format_excerpt(e, &by_code[c].coders[i]);
            }
            cj["excerpts"] = std::move(ex);
            codes_json.push_back(std::move(cj));

            const auto path = in.index.path_of(code);
            for (std::size_t d = 0; d + 1 < path.size(); ++d) {
                if (headed[path[d]]) continue;
                headed[path[d]] = true;
                Cell head = text_cell(path[d]->name, true);
                head.indent = static_cast<int>(d);
                table.rows.push_back({head, text_cell(""), text_cell(""), text_cell("")});
            }
            headed[&code] = true;
            Cell name = text_cell(code.name, !code.children.empty());
            name.indent = static_cast<int>(path.size()) - 1;
            Cell data = text_cell(text);
            data.wrap = true;
            Cell editable = text_cell(summary.value_or(""));
            editable.editable = true;
            editable.wrap = true;
            table.rows.push_back({name, data, editable, text_cell(keys::code + code.guid)});

            std::vector<Cell> long_row{text_cell(""), text_cell(unit.name)};
            for (const auto& v : in.show) {
                auto it = unit.variables.find(v);
                long_row.push_back(text_cell(it == unit.variables.end() ? "" : it->second));
            }
            for (auto s : {code.name, text, summary.value_or(""), std::string(), unit.guid, code.guid})
                long_row.push_back(text_cell(s));
            long_table.rows.push_back(std::move(long_row));
        }
        uj["codes"] = std::move(codes_json);
        units_json.push_back(std::move(uj));
        result.tables.push_back(std::move(table));
    }
    result.json["units"] = std::move(units_json);
    result.tables.push_back(std::move(long_table));
    assign_sheet_keys(result);
    return result;
}

}  // namespace framer::chart

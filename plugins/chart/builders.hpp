#pragma once
/// Private to the chart plugin: turning units, excerpts and themes into the Result (json + tables).

#include <functional>
#include <string>
#include <vector>

#include "chart/excerpts.hpp"
#include "chart/themes.hpp"
#include "core/result.hpp"
#include "core/units.hpp"

namespace framer::chart {

struct ChartInput {
    const refi::Project& project;
    const refi::ProjectIndex& index;
    UnitKind kind;
    std::vector<Unit> units;                      ///< natural order
    std::vector<std::vector<Excerpt>> excerpts;   ///< per unit, source order
    std::vector<std::string> show;                ///< --show variables (validated)
    /// Which parts of the Result the chosen exporter reads (Options "parts": "json", "csv" (the long table),
    /// "documents" (the tables of md, html, latex, xlsx), "tables" (both kinds); all when absent). A chart of
    /// 100,000 excerpts holds every text several times over, so the unused parts are skipped.
    bool want_json = true;
    bool want_tables = true;  ///< the document tables
    bool want_long = true;    ///< the long csv table
    /// --applies: false when the column's code (or a code above it) applies only to units with a value this
    /// unit lacks; its empty cell then reads "n/a" (not applicable), not "" (nothing coded). Empty: always true.
    std::function<bool(const Unit&, const refi::Code&)> applies;
};

/// One matrix per theme: json {"unit", "themes": [...]}, one document table per theme, one long csv table.
Result build_matrix(const ChartInput& input, const std::vector<Theme>& themes);
/// For each unit its codes with their excerpts: json {"unit", "units": [...]}, a table per unit, the long csv.
Result build_per_unit(const ChartInput& input);

// Shared by both builders.
/// A plain (or bold) text cell; constructing Cells by aggregate would need every field spelled out.
inline Cell text_cell(std::string text, bool bold = false) {
    Cell c;
    c.text = std::move(text);
    c.bold = bold;
    return c;
}
/// `coder` overrides e.coder (the merged coders of one range coded twice in a cell); `merged` (other coders'
/// selections of the same range) adds "merged_selection_guids".
Json excerpt_json(const Excerpt& e, const std::string* coder = nullptr,
                  const std::vector<const Excerpt*>* merged = nullptr);
Json attributes_json(const Unit& unit, const std::vector<std::string>& show);
Json path_json(const refi::ProjectIndex& index, const refi::Code& code);
const char* unit_kind_name(UnitKind kind);
/// The long csv's header (theme, unit, shown variables, code, excerpts, summary, theme_guid, unit_guid, code_guid).
std::vector<Cell> csv_header(const std::vector<std::string>& show);
/// Writes into each document table's hidden key row the sheet name the xlsx exporter will give it, so that
/// `framer summaries` can tell a renamed sheet. Call once all tables are in the result.
void assign_sheet_keys(Result& result);

}  // namespace framer::chart

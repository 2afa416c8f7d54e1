#pragma once
/// Private to the chart plugin: turning units, excerpts and themes into the Result (json + tables).

#include <algorithm>
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "chart/excerpts.hpp"
#include "chart/themes.hpp"
#include "core/json_writer.hpp"
#include "core/result.hpp"
#include "core/units.hpp"
#include "summaries/summary_notes.hpp"

namespace framer::chart {

struct ChartInput {
    ChartInput(const refi::Project& p, UnitKind k) : project(p), index(p), kind(k), texts(p), summaries(p) {}
    ChartInput(const ChartInput&) = delete;
    ChartInput& operator=(const ChartInput&) = delete;

    const refi::Project& project;                 ///< outlives the Result (the CLI keeps it until exit)
    refi::ProjectIndex index;
    UnitKind kind;
    TextCache texts;                              ///< owns the texts the excerpts point into
    SummaryLookup summaries;                      ///< the cells' summary notes (one thread at a time)
    std::vector<Unit> units;                      ///< natural order
    std::vector<std::vector<Excerpt>> excerpts;   ///< per unit, source order
    std::vector<std::string> show;                ///< --show variables (validated)
    /// Which parts of the Result the chosen exporter reads (Options "parts": "json", "csv" (the long table),
    /// "documents" (the tables of md, html, latex, xlsx), "tables" (both kinds); all when absent). A chart of
    /// 100,000 excerpts holds every text several times over, so the unused parts are skipped.
    bool want_json = true;    ///< Result::json, the tree (tests; all parts)
    bool want_tables = true;  ///< the document tables
    bool want_long = true;    ///< the long csv table
    /// --applies: false when the column's code (or a code above it) applies only to units with a value this
    /// unit lacks; its empty cell then reads "n/a" (not applicable), not "" (nothing coded). Empty: always true.
    std::function<bool(const Unit&, const refi::Code&)> applies;
};

/// One matrix per theme: json {"unit", "themes": [...]}, one document table per theme, one long csv table.
/// The JSON is always given as Result::write_json (written straight to the output, no tree: it holds `input`
/// and `themes`), and also as the tree Result::json when input.want_json.
Result build_matrix(std::shared_ptr<const ChartInput> input, std::shared_ptr<const std::vector<Theme>> themes);
/// For each unit its codes with their excerpts: json {"unit", "units": [...]}, a table per unit, the long csv.
Result build_per_unit(std::shared_ptr<const ChartInput> input);

// Shared by both builders.
/// A plain (or bold) text cell; constructing Cells by aggregate would need every field spelled out.
inline Cell text_cell(std::string text, bool bold = false) {
    Cell c;
    c.text = std::move(text);
    c.bold = bold;
    return c;
}
/// An excerpt's JSON object, written to a JsonWriter or a JsonTreeBuilder. `coder` overrides e.coder (the merged
/// coders of one range coded twice in a cell); `merged` (other coders' selections of the same range) adds
/// "merged_selection_guids".
template <class W>
void write_excerpt(W& w, const Excerpt& e, const std::string* coder = nullptr,
                   const std::vector<const Excerpt*>* merged = nullptr) {
    // The keys encoded once: a chart writes them for each of its (hundreds of thousands of) excerpts.
    static const JsonString k_text("text"), k_source("source"), k_start("start"), k_end("end"), k_page("page"),
        k_coder("coder"), k_kind("kind"), k_source_guid("source_guid"), k_selection_guid("selection_guid");
    w.begin_object();
    w.key(k_text).value(e.text);
    w.key(k_source);
    // The label made once per source when the excerpt has it: not a string made per excerpt.
    if (e.source_label) w.value(std::string_view(*e.source_label));
    else if (e.source) w.value(source_display_name(*e.source));
    else w.value(std::string_view());
    w.key(k_start).value(e.start);
    w.key(k_end).value(e.end);
    // start and end of a PDF excerpt are its page as the project writes it (0-based); "page" is the one shown.
    if (std::string_view(e.kind) == "pdf") w.key(k_page).value(e.start + 1);
    w.key(k_coder).value(coder ? *coder : *e.coder);
    w.key(k_kind).value(e.kind);
    w.key(k_source_guid).value(e.source ? std::string_view(e.source->guid) : std::string_view());
    w.key(k_selection_guid).value(e.selection ? std::string_view(e.selection->guid) : std::string_view());
    if (merged && !merged->empty()) {
        w.key("merged_selection_guids").begin_array();
        for (const Excerpt* m : *merged) w.value(m->selection->guid);
        w.end_array();
    }
    w.end_object();
}
/// {variable: value or null} for the --show variables.
template <class W>
void write_attributes(W& w, const Unit& unit, const std::vector<std::string>& show) {
    w.begin_object();
    for (std::size_t i = 0; i < show.size(); ++i) {
        const std::string& v = show[i];
        if (std::find(show.begin(), show.begin() + static_cast<std::ptrdiff_t>(i), v) != show.begin() + static_cast<std::ptrdiff_t>(i))
            continue;  // --show X twice: one key
        w.key(v);
        auto it = unit.variables.find(v);
        if (it == unit.variables.end()) w.null();
        else w.value(it->second);
    }
    w.end_object();
}
/// A unit's "unit", "guid" and "attributes" keys, the start of every unit object in a chart's JSON.
template <class W>
void write_unit_keys(W& w, const Unit& unit, const std::vector<std::string>& show) {
    w.key("unit").value(unit.name);
    w.key("guid").value(unit.guid);
    w.key("attributes");
    write_attributes(w, unit, show);
}
/// The names from the top-level code down to `code`.
template <class W>
void write_path(W& w, const refi::ProjectIndex& index, const refi::Code& code) {
    w.begin_array();
    for (const auto* c : index.path_of(code)) w.value(c->name);
    w.end_array();
}
const char* unit_kind_name(UnitKind kind);
/// The long csv's header (theme, unit, shown variables, code, excerpts, summary, theme_guid, unit_guid, code_guid).
std::vector<Cell> csv_header(const std::vector<std::string>& show);
/// The long csv table ("Chart (long)", csv only) under that header, its rows made by `stream` as csv writes them,
/// never held (a row per theme x unit x code: millions for a wide codebook).
Table long_csv_table(const std::vector<std::string>& show, std::function<void(const RowSink&)> stream);
/// Writes into each document table's hidden key row the sheet name the xlsx exporter will give it, so that
/// `framer summaries` can tell a renamed sheet. Call once all tables are in the result.
void assign_sheet_keys(Result& result);

}  // namespace framer::chart

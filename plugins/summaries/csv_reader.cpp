// Reading the long csv of an edited chart. Spreadsheets re-save csv in their own way (semicolons in European
// locales, CRLF, a BOM, quotes only where needed), so the reader accepts all of RFC 4180 and those variants.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "chart/layout.hpp"
#include "refi/text.hpp"
#include "summaries/summaries.hpp"

namespace framer {

namespace {

char detect_delimiter(std::string_view text) {
    std::size_t counts[3] = {0, 0, 0};
    const char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == '\n' || c == '\r')) break;
        for (int i = 0; i < 3; ++i)
            if (!quoted && c == candidates[i]) ++counts[i];
    }
    int best = 0;
    for (int i = 1; i < 3; ++i)
        if (counts[i] > counts[best]) best = i;
    return candidates[best];
}

std::vector<std::vector<std::string>> parse_records(std::string_view text, char delim) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
                else quoted = false;
            } else {
                field += c;  // newlines inside quotes are part of the summary, kept exactly
            }
            continue;
        }
        if (c == '"') { quoted = true; any = true; }
        else if (c == delim) { record.push_back(std::move(field)); field.clear(); any = true; }
        else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            any = false;
        } else { field += c; any = true; }
    }
    if (any || !field.empty() || !record.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

bool blank(const std::vector<std::string>& r) {
    return std::all_of(r.begin(), r.end(), [](const std::string& f) { return f.empty(); });
}

}  // namespace

std::vector<ChartCell> parse_chart_csv(std::string_view text, const refi::Project& project,
                                       std::vector<std::string>& problems) {
    text = refi::strip_bom(text);
    auto records = parse_records(text, detect_delimiter(text));
    std::vector<ChartCell> cells;
    if (records.empty() || blank(records.front())) {
        problems.push_back("the file is empty: expected the long csv written by `framer chart`");
        return cells;
    }
    const auto& header = records.front();
    std::map<std::string, std::size_t> column;
    const char* required[] = {chart::csv_theme, chart::csv_unit, chart::csv_code, chart::csv_excerpts,
                              chart::csv_summary, chart::csv_theme_guid, chart::csv_unit_guid, chart::csv_code_guid};
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& h = header[i];
        bool known = std::any_of(std::begin(required), std::end(required), [&](const char* r) { return h == r; }) ||
                     std::any_of(project.variables.begin(), project.variables.end(),
                                 [&](const refi::Variable& v) { return v.name == h; });
        if (!known) problems.push_back(fmt::format("header, column {}: unknown column '{}' (changed header?)", i + 1, h));
        else if (!column.emplace(h, i).second) problems.push_back(fmt::format("header: column '{}' appears twice", h));
    }
    bool complete = true;
    for (const char* r : required)
        if (!column.count(r)) {
            problems.push_back(fmt::format("header: column '{}' is missing (changed header?)", r));
            complete = false;
        }
    if (!complete) return cells;

    auto get = [&](const std::vector<std::string>& r, const char* name) -> std::string {
        std::size_t i = column.at(name);
        return i < r.size() ? r[i] : std::string();
    };
    for (std::size_t n = 1; n < records.size(); ++n) {
        const auto& r = records[n];
        if (blank(r)) continue;
        ChartCell cell;
        cell.where = fmt::format("row {}", n + 1);  // the spreadsheet's row number (header is row 1)
        cell.unit_guid = get(r, chart::csv_unit_guid);
        cell.code_guid = get(r, chart::csv_code_guid);
        cell.theme_guid = get(r, chart::csv_theme_guid);
        cell.unit_name = get(r, chart::csv_unit);
        cell.code_name = get(r, chart::csv_code);
        cell.theme_name = get(r, chart::csv_theme);
        cell.summary = get(r, chart::csv_summary);
        cells.push_back(std::move(cell));
    }
    return cells;
}

}  // namespace framer

// Checking an edited chart against the project before anything is written: every problem is collected so the
// researcher can fix the sheet in one pass.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "core/units.hpp"
#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/text.hpp"
#include "summaries/summaries.hpp"

namespace framer {

namespace {

bool is_under(const refi::ProjectIndex& index, const refi::Code& code, const refi::Code& theme) {
    for (const auto* c : index.path_of(code))
        if (refi::same_guid(c->guid, theme.guid)) return true;
    return false;
}

std::string lower_extension(const std::filesystem::path& p) {
    std::string e = p.extension().string();
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

}  // namespace

std::vector<SummaryEntry> check_chart_cells(const std::vector<ChartCell>& cells, const refi::Project& project,
                                            std::vector<std::string>& problems) {
    refi::ProjectIndex index(project);
    std::unordered_map<std::string, std::string> unit_names;  // normalised GUID -> unit name as chart shows it
    for (auto kind : {UnitKind::Source, UnitKind::Case})
        for (const auto& u : build_units(project, index, kind)) unit_names[refi::normalize_guid(u.guid)] = u.name;

    std::vector<SummaryEntry> entries;
    std::map<std::string, std::size_t> seen;  // unit|code -> entry
    std::map<std::string, std::string> seen_where;
    for (const auto& cell : cells) {
        const bool filled = !cell.summary.empty();
        std::vector<std::string> mine;
        auto unit_it = unit_names.find(refi::normalize_guid(cell.unit_guid));
        const refi::Code* code = cell.code_guid.empty() ? nullptr : index.find_code(cell.code_guid);
        const refi::Code* theme = cell.theme_guid.empty() ? nullptr : index.find_code(cell.theme_guid);
        if (cell.unit_guid.empty()) mine.push_back("no unit GUID");
        else if (unit_it == unit_names.end())
            mine.push_back(fmt::format("unknown unit GUID {}{}", cell.unit_guid,
                                       cell.unit_name ? " ('" + *cell.unit_name + "')" : ""));
        else if (cell.unit_name && *cell.unit_name != unit_it->second)
            mine.push_back(fmt::format("unit '{}' does not match its GUID {} (the project calls it '{}')",
                                       *cell.unit_name, cell.unit_guid, unit_it->second));
        if (cell.code_guid.empty()) mine.push_back("no code GUID");
        else if (!code)
            mine.push_back(fmt::format("unknown code GUID {}{}", cell.code_guid,
                                       cell.code_name ? " ('" + *cell.code_name + "')" : ""));
        else if (cell.code_name && *cell.code_name != code->name)
            mine.push_back(fmt::format("code '{}' does not match its GUID {} (the project calls it '{}')",
                                       *cell.code_name, cell.code_guid, code->name));
        if (!cell.theme_guid.empty()) {
            if (!theme)
                mine.push_back(fmt::format("unknown theme GUID {}{}", cell.theme_guid,
                                           cell.theme_name ? " ('" + *cell.theme_name + "')" : ""));
            else if (cell.theme_name && *cell.theme_name != theme->name)
                mine.push_back(fmt::format("theme '{}' does not match its GUID {} (the project calls it '{}')",
                                           *cell.theme_name, cell.theme_guid, theme->name));
            else if (code && !is_under(index, *code, *theme))
                mine.push_back(fmt::format("code '{}' is not under theme '{}'", code->name, theme->name));
        }
        if (!mine.empty()) {
            // An empty cell that cannot be matched changes nothing; only filled cells must match.
            if (filled)
                for (const auto& m : mine) problems.push_back(cell.where + ": " + m);
            continue;
        }
        std::string key = refi::normalize_guid(cell.unit_guid) + "|" + refi::normalize_guid(cell.code_guid);
        auto [it, fresh] = seen.emplace(key, entries.size());
        if (fresh) {
            entries.push_back({cell.where, unit_it->first, code->guid, cell.summary});
            seen_where[key] = cell.where;
            continue;
        }
        SummaryEntry& prior = entries[it->second];
        if (!filled) continue;
        if (prior.summary.empty()) prior = {cell.where, unit_it->first, code->guid, cell.summary};
        else if (prior.summary != cell.summary)
            problems.push_back(fmt::format("{}: a different summary for {} × {} is already at {}", cell.where,
                                           unit_it->second, code->name, seen_where[key]));
    }
    // Keep the unit GUID as the project spells it (links point at it).
    for (auto& e : entries) {
        if (const auto* c = index.find_case(e.unit_guid)) e.unit_guid = c->guid;
        else if (const auto* s = index.find_source(e.unit_guid)) e.unit_guid = s->guid;
    }
    return entries;
}

std::vector<SummaryEntry> read_edited_chart(const std::filesystem::path& path, const refi::Project& project) {
    std::vector<std::string> problems;
    std::vector<ChartCell> cells;
    const std::string ext = lower_extension(path);
    if (ext == ".csv" || ext == ".tsv" || ext == ".txt") {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw refi::Error(path.string(), {}, "cannot open the edited chart");
        std::ostringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        if (!refi::is_valid_utf8(refi::strip_bom(text)))
            throw refi::Error(path.string(), {}, "the edited chart is not UTF-8 text (save it as \"CSV UTF-8\")");
        cells = parse_chart_csv(text, project, problems);
    } else if (ext == ".xlsx") {
        cells = read_chart_xlsx(path, project, problems);
    } else {
        throw refi::Error(path.string(), {}, "an edited chart must be .csv or .xlsx (as written by framer chart)");
    }
    auto entries = check_chart_cells(cells, project, problems);
    if (!problems.empty()) {
        std::string message = fmt::format("the edited chart does not match the project ({} problem{}); nothing was "
                                          "written:",
                                          problems.size(), problems.size() == 1 ? "" : "s");
        for (const auto& p : problems) message += "\n  " + p;
        throw refi::Error(path.string(), {}, message);
    }
    return entries;
}

}  // namespace framer

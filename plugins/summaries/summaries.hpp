#pragma once
/// Write-back of chart summaries: read an edited chart (the long csv or the xlsx `framer chart` wrote), check
/// every filled cell against the project, and store the summaries as REFI-QDA notes (one per unit × code).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "refi/model.hpp"

namespace framer {

/// One cell of an edited chart: which unit × code it belongs to and what the researcher typed.
struct SummaryEntry {
    std::string where;       ///< "row 12" (csv) or "sheet 'Coping', row 5" (xlsx), for messages
    refi::Guid unit_guid;
    refi::Guid code_guid;
    std::string summary;     ///< exactly as read; empty = cleared (the note is removed)
};

/// A cell as read from the file, before it is checked against the project.
struct ChartCell {
    std::string where;
    std::string unit_guid, code_guid, theme_guid;  ///< as written in the chart ("" when the chart has none)
    std::optional<std::string> unit_name, code_name, theme_name;  ///< names written beside them, to cross-check
    std::string summary;
};

/// Parses the long csv (comma, semicolon or tab separated; RFC 4180 quoting; UTF-8 with or without BOM).
/// Header problems (missing or unknown columns) are appended to `problems`, cells to the result.
std::vector<ChartCell> parse_chart_csv(std::string_view text, const refi::Project& project,
                                       std::vector<std::string>& problems);

/// Reads the chart sheets of an xlsx (found by their hidden key row; mapped through workbook.xml). Renamed sheets
/// and changed headers go to `problems`. Throws refi::Error when the file is not a readable xlsx.
std::vector<ChartCell> read_chart_xlsx(const std::filesystem::path& path, const refi::Project& project,
                                       std::vector<std::string>& problems);

/// Reads an edited chart (.csv or .xlsx by extension) and checks it: unknown unit, code or GUID, names that no
/// longer match, conflicting duplicates. Collects every problem, then throws refi::Error (file, message listing
/// each row and reason). Returns one entry per unit × code (filled or cleared).
std::vector<SummaryEntry> read_edited_chart(const std::filesystem::path& path, const refi::Project& project);

/// Checks parsed cells against the project (the part of read_edited_chart after parsing); appends problems.
std::vector<SummaryEntry> check_chart_cells(const std::vector<ChartCell>& cells, const refi::Project& project,
                                            std::vector<std::string>& problems);

struct SummaryOptions {
    std::string author = "Framer";       ///< the User (by name) who creates/modifies the notes; added if absent
    std::optional<std::string> now;      ///< creation/modified time (xsd:dateTime); default: the current UTC time
};

struct SummaryStats {
    int added = 0, updated = 0, unchanged = 0, removed = 0;
};

/// Applies checked entries to the project: a filled cell adds or updates its note "Summary: <unit> × <code>"
/// (PlainTextContent, author, dates, a NoteRef on the code, Links note→unit and note→code); a cleared cell
/// removes the note with every reference to it. Nothing else changes. Entries must come from check_chart_cells.
SummaryStats apply_summaries(refi::Project& project, const std::vector<SummaryEntry>& entries,
                             const SummaryOptions& options = {});

/// The current UTC time as "YYYY-MM-DDThh:mm:ssZ".
std::string utc_now();

}  // namespace framer

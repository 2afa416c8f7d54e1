#pragma once
/// The layout of chart tables that `framer summaries` reads back: header texts, sheet names and the tokens of
/// the hidden key row and key column (docs/chart.md, "How an edited chart is matched to the project").

#include <string>

namespace framer::chart {

namespace keys {
inline constexpr const char* marker = "#framer-chart";  ///< first cell of the hidden key row
inline constexpr const char* sheet = "sheet:";          ///< key column of the key row: "sheet:<sheet name>"
inline constexpr const char* unit = "unit:";            ///< "unit:<GUID>"
inline constexpr const char* code = "code:";            ///< "code:<GUID>"
inline constexpr const char* theme = "theme:";          ///< "theme:<GUID>" (in the marker cell)
inline constexpr const char* var = "var:";              ///< a shown variable's column: "var:<name>"
inline constexpr const char* data = "data";             ///< an excerpt column
inline constexpr const char* summary = "summary";       ///< an editable summary column
inline constexpr const char* self = "self";             ///< a theme's own codings (not its subthemes')
inline constexpr const char* key_header = "key";        ///< header of the hidden key column
}  // namespace keys

/// Header of an excerpt column: the code's name ("<name> (coded directly)" for a theme's own codings).
std::string data_header(const std::string& code_name, bool self);
/// Header of the editable summary column beside it: "<data header>: summary".
std::string summary_header(const std::string& code_name, bool self);
/// Header of the per-unit chart's columns.
inline constexpr const char* per_unit_code_header = "Code";
inline constexpr const char* per_unit_data_header = "Excerpts";
inline constexpr const char* per_unit_summary_header = "Summary";

/// The columns of the long csv, in order (shown variables go after "unit").
inline constexpr const char* csv_theme = "theme";
inline constexpr const char* csv_unit = "unit";
inline constexpr const char* csv_code = "code";
inline constexpr const char* csv_excerpts = "excerpts";
inline constexpr const char* csv_summary = "summary";
inline constexpr const char* csv_theme_guid = "theme_guid";
inline constexpr const char* csv_unit_guid = "unit_guid";
inline constexpr const char* csv_code_guid = "code_guid";

}  // namespace framer::chart

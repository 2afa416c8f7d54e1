// The one list of built-in plugins (alphabetical). Adding a plugin = one folder + one line here.
#include "core/registry.hpp"

#include "agreement/agreement.hpp"
#include "characteristics/characteristics.hpp"
#include "chart/chart.hpp"
#include "export_csv/export_csv.hpp"
#include "export_docx/export_docx.hpp"
#include "export_html/export_html.hpp"
#include "export_json/export_json.hpp"
#include "export_latex/export_latex.hpp"
#include "export_markdown/export_markdown.hpp"
#include "export_svg/export_svg.hpp"
#include "export_txt/export_txt.hpp"
#include "export_xlsx/export_xlsx.hpp"
#include "quotes/quotes.hpp"
#include "saturation/saturation.hpp"
#include "theme_table/theme_table.hpp"

namespace framer {

void register_builtin_plugins(Registry& registry) {
    // Analyses
    registry.add(make_agreement_analysis());
    registry.add(make_characteristics_analysis());
    registry.add(make_chart_analysis());
    registry.add(make_quotes_analysis());
    registry.add(make_saturation_analysis());
    registry.add(make_theme_table_analysis());
    // Exporters
    registry.add(make_csv_exporter());
    registry.add(make_docx_exporter());
    registry.add(make_html_exporter());
    registry.add(make_json_exporter());
    registry.add(make_latex_exporter());
    registry.add(make_markdown_exporter());
    registry.add(make_svg_exporter());
    registry.add(make_txt_exporter());
    registry.add(make_xlsx_exporter());
}

}  // namespace framer

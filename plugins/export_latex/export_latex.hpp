#pragma once
/// LaTeX exporter ("latex"): booktabs tables to paste into a paper.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// The latex exporter: a fragment (no preamble; needs \usepackage{booktabs}) with one table environment per
/// document table: caption, \toprule/\midrule/\bottomrule, indentation by \hspace, bold by \textbf, footnote
/// markers as superscript letters with the notes under the tabular. LaTeX specials are escaped.
std::unique_ptr<Exporter> make_latex_exporter();

}  // namespace framer

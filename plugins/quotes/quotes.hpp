#pragma once
/// The "quotes" analysis: exemplar quotations per code (the paper's Box 1), each an exact coded excerpt from a
/// different unit, labelled by a template, chosen by a stated deterministic rule. Options: per-code, label,
/// min-words, max-words, code (repeatable), coder, spread, exclude-unit (repeatable), unit. See docs/quotes.md.

#include <memory>

#include "core/plugin.hpp"

namespace framer {

/// A new quotes analysis (registered as "quotes").
std::unique_ptr<Analysis> make_quotes_analysis();

}  // namespace framer

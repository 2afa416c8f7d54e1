// The table of dialect profiles, and detection of a project's dialect from Project/@origin.
#include <array>

#include "refi/dialect.hpp"
#include "refi/text.hpp"

namespace refi {

namespace {

constexpr std::array k_all{Dialect::Standard, Dialect::Atlasti, Dialect::Maxqda,  Dialect::Nvivo,
                           Dialect::QualCoder, Dialect::Quirkos, Dialect::Taguette, Dialect::Framer};

}  // namespace

const DialectProfile& dialect_profile(Dialect d) {
    switch (d) {
        case Dialect::Standard: return dialects::standard;
        case Dialect::Atlasti: return dialects::atlasti;
        case Dialect::Maxqda: return dialects::maxqda;
        case Dialect::Nvivo: return dialects::nvivo;
        case Dialect::QualCoder: return dialects::qualcoder;
        case Dialect::Quirkos: return dialects::quirkos;
        case Dialect::Taguette: return dialects::taguette;
        case Dialect::Framer: return dialects::framer;
    }
    return dialects::standard;
}

std::span<const Dialect> all_dialects() { return k_all; }

std::string dialect_names() {
    std::string names;
    for (auto d : k_all) names += (names.empty() ? "" : ", ") + std::string(to_string(d));
    return names;
}

PositionCounting position_counting(Dialect d) { return dialect_profile(d).counting; }

Dialect detect_dialect(const std::optional<std::string>& origin) {
    if (!origin) return Dialect::Standard;
    std::string o = ascii_lower(*origin);
    auto has = [&](const char* s) { return o.find(s) != std::string::npos; };
    // The tools first: an origin Framer wrote for a target ("NVivo (converted by Framer)") names the tool.
    if (has("atlas")) return Dialect::Atlasti;
    if (has("nvivo")) return Dialect::Nvivo;
    if (has("maxqda")) return Dialect::Maxqda;
    if (has("qualcoder")) return Dialect::QualCoder;
    if (has("quirkos")) return Dialect::Quirkos;
    if (has("taguette")) return Dialect::Taguette;
    if (has("refi-qda standard")) return Dialect::Standard;
    if (has("framer")) return Dialect::Framer;
    return Dialect::Standard;
}

}  // namespace refi

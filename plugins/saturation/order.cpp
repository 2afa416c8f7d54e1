// Interview order. Dates are compared as their ISO 8601 text (xsd:date and xsd:dateTime sort as text when written
// the same way, which REFI-QDA requires); numbers as numbers. Within a tie and among units without a value the
// natural name order decides (SU2 before SU10), and the output says so: a saturation point depends on the order.
#include "saturation/order.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <map>
#include <optional>

#include "core/lookup.hpp"
#include "core/plugin.hpp"

namespace framer::saturation {
namespace {

bool looks_like_date(const std::string& s) {
    // YYYY-MM-DD at the start (a dateTime continues with T...).
    if (s.size() < 10) return false;
    for (std::size_t i = 0; i < 10; ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

std::optional<double> as_number(const std::string& s) {
    double value = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return value;
}

/// The earliest creationDateTime of a unit's sources, or "".
std::string earliest_source_date(const Unit& unit) {
    std::string best;
    for (const refi::Source* s : unit.sources)
        if (s->authorship.creation_date_time && looks_like_date(*s->authorship.creation_date_time))
            if (best.empty() || *s->authorship.creation_date_time < best) best = *s->authorship.creation_date_time;
    return best;
}

}  // namespace

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

namespace {
std::string list_names(const std::vector<std::string>& names) { return join(names, ", "); }
}  // namespace

Ordering order_units(const refi::Project& project, const std::vector<Unit>& units,
                     const std::vector<std::size_t>& subset, const std::string& spec) {
    Ordering o;
    const refi::Variable* variable = nullptr;
    if (spec == "name") {
        o.kind = Ordering::Kind::Name;
    } else if (spec == "source-date") {
        o.kind = Ordering::Kind::SourceDate;
    } else if (!spec.empty()) {
        try {
            variable = &resolve_variable(project, spec);
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("--order: {}; --order takes a Date, DateTime or Integer variable, "
                                         "name or source-date", e.what()));
        }
        const auto type = variable->type;
        if (type != refi::VariableType::Date && type != refi::VariableType::DateTime &&
            type != refi::VariableType::Integer && type != refi::VariableType::Float)
            throw UsageError(fmt::format("--order: variable '{}' is {}, which has no order; give a Date, DateTime "
                                         "or Integer variable, name or source-date", variable->name,
                                         refi::to_string(type)));
        o.kind = Ordering::Kind::Variable;
    } else {
        // Default: the interview date if the project has one (the first Date/DateTime variable with a value).
        for (const auto& v : project.variables) {
            if (v.type != refi::VariableType::Date && v.type != refi::VariableType::DateTime) continue;
            for (std::size_t u : subset)
                if (units[u].variables.count(v.name)) { variable = &v; break; }
            if (variable) break;
        }
        o.kind = variable ? Ordering::Kind::Variable : Ordering::Kind::Name;
    }

    const bool numeric = variable && (variable->type == refi::VariableType::Integer ||
                                      variable->type == refi::VariableType::Float);
    switch (o.kind) {
        case Ordering::Kind::Name:
            o.spec = "name";
            o.description = "by unit name (natural order: SU2 before SU10)";
            break;
        case Ordering::Kind::SourceDate:
            o.spec = "source-date";
            o.description = "by the earliest creationDateTime of each unit's sources, earliest first";
            break;
        case Ordering::Kind::Variable:
            o.spec = o.variable = variable->name;
            o.description = fmt::format("by {} ({}), {} first{}", variable->name, refi::to_string(variable->type),
                                        numeric ? "lowest" : "earliest",
                                        spec.empty() ? " (the project's first date variable; --order to choose)" : "");
            break;
    }

    // Each unit's key; those without a readable one go last, in name order (the units come in natural order).
    struct Keyed { std::size_t unit; std::string text; std::optional<double> number; };
    std::vector<Keyed> keyed, missing;
    std::vector<std::string> missing_names, unreadable_names;
    for (std::size_t u : subset) {
        std::string text;
        if (o.kind == Ordering::Kind::Name) text = units[u].name;
        else if (o.kind == Ordering::Kind::SourceDate) text = earliest_source_date(units[u]);
        else if (auto it = units[u].variables.find(variable->name); it != units[u].variables.end()) text = it->second;
        Keyed k{u, text, std::nullopt};
        if (o.kind == Ordering::Kind::Name) { keyed.push_back(k); continue; }
        if (text.empty()) {
            missing.push_back(k);
            missing_names.push_back(units[u].name);
            continue;
        }
        if (numeric) k.number = as_number(text);
        if (numeric ? !k.number : !looks_like_date(text)) {
            unreadable_names.push_back(fmt::format("{} ('{}')", units[u].name, text));
            k.text.clear();
            missing.push_back(k);
            continue;
        }
        keyed.push_back(k);
    }
    if (o.kind != Ordering::Kind::Name) {
        auto less = [&](const Keyed& a, const Keyed& b) {
            return numeric ? *a.number < *b.number : a.text < b.text;
        };
        std::stable_sort(keyed.begin(), keyed.end(), less);  // stable: natural name order within a tie
        // Ties, named with their value.
        std::vector<std::string> ties;
        for (std::size_t i = 0; i < keyed.size();) {
            std::size_t j = i + 1;
            while (j < keyed.size() && !less(keyed[i], keyed[j])) ++j;
            if (j - i > 1) {
                std::vector<std::string> names;
                for (std::size_t t = i; t < j; ++t) names.push_back(units[keyed[t].unit].name);
                ties.push_back(fmt::format("{}: {}", keyed[i].text, list_names(names)));
            }
            i = j;
        }
        const std::string what = o.kind == Ordering::Kind::SourceDate ? "source creationDateTime" : o.variable;
        if (!ties.empty())
            o.warnings.push_back(fmt::format("{} group(s) of units share a {} ({}); within a tie they are taken in "
                                             "natural name order", ties.size(), what, join(ties, "; ")));
        if (!missing_names.empty())
            o.warnings.push_back(fmt::format("{} unit(s) have no {} and come last, in natural name order: {}",
                                             missing_names.size(), what, list_names(missing_names)));
        if (!unreadable_names.empty())
            o.warnings.push_back(fmt::format("{} unit(s) have a {} that is not a {} and come last, in natural name "
                                             "order: {}", unreadable_names.size(), what,
                                             numeric ? "number" : "date (YYYY-MM-DD...)", list_names(unreadable_names)));
    }
    for (const auto& k : keyed) {
        o.order.push_back(k.unit);
        o.keys.push_back(o.kind == Ordering::Kind::Name ? std::string() : k.text);
    }
    // Missing and unreadable ones last, in natural name order (the order of `subset`, in which they were met).
    for (const auto& k : missing) {
        o.order.push_back(k.unit);
        o.keys.push_back("");
    }
    return o;
}

}  // namespace framer::saturation

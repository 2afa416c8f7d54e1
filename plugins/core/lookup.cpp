// Option lookups shared by the analyses: a typo in a code or variable must stop the run with a helpful
// message (exit 2), never produce a table of zeros.
#include "core/lookup.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

#include "core/plugin.hpp"
#include "core/units.hpp"
#include "refi/guid.hpp"
#include "refi/text.hpp"

namespace framer {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + ("'" + i + "'");
    return out;
}

}  // namespace

namespace {

struct CodePath {
    const refi::Code* code;
    std::vector<std::string> names;  ///< from the top down to the code
    std::string text;                ///< "A/B/C", for messages
};

/// Every code with its path, in codebook order.
void collect_paths(const std::vector<refi::Code>& codes, const std::vector<std::string>& prefix,
                   std::vector<CodePath>& out) {
    for (const auto& c : codes) {
        std::vector<std::string> names = prefix;
        names.push_back(c.name);
        std::string text;
        for (const auto& n : names) text += (text.empty() ? "" : "/") + n;
        out.push_back({&c, names, text});
        collect_paths(c.children, names, out);
    }
}

/// A path as typed: "A/B", "A > B" or "A::B" (ATLAS.ti's flattened names); a leading separator anchors it at the
/// top level ("/Other"). Parts are trimmed of spaces.
std::vector<std::string> split_path(const std::string& spec, bool& anchored) {
    std::vector<std::string> parts;
    std::string cur;
    auto flush = [&] {
        auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
        parts.push_back(b == std::string::npos ? "" : cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] == '/' || spec[i] == '>') { flush(); continue; }
        if (spec[i] == ':' && i + 1 < spec.size() && spec[i + 1] == ':') { flush(); ++i; continue; }
        cur += spec[i];
    }
    flush();
    anchored = parts.size() > 1 && parts.front().empty();
    if (anchored) parts.erase(parts.begin());
    return parts;
}

}  // namespace

const refi::Code& resolve_code(const refi::Project& project, const std::string& wanted) {
    std::vector<CodePath> codes;
    collect_paths(project.codes, {}, codes);
    if (refi::is_valid_guid(wanted))
        for (const auto& c : codes)
            if (refi::same_guid(c.code->guid, wanted)) return *c.code;
    // Tried in turn, the first that matches anything decides: the exact name (so a name holding '/' works), the
    // full path, then both ignoring case. A name shared by several codes is ambiguous, never a guess.
    bool anchored = false;
    const auto parts = split_path(wanted, anchored);
    const bool is_path = parts.size() > 1 || anchored;
    // As text too: a name holding '/' ("Regular/ intensive therapy") splits into two parts.
    const std::string as_text = !wanted.empty() && wanted.front() == '/' ? wanted.substr(1) : wanted;
    auto same_path = [&](const CodePath& c, bool fold) {
        if (!is_path) return false;
        if (fold ? refi::ascii_lower(c.text) == refi::ascii_lower(as_text) : c.text == as_text) return true;
        if (c.names.size() != parts.size()) return false;
        for (std::size_t i = 0; i < parts.size(); ++i)
            if (fold ? refi::ascii_lower(c.names[i]) != refi::ascii_lower(parts[i]) : c.names[i] != parts[i]) return false;
        return true;
    };
    const std::string folded = refi::ascii_lower(wanted);
    const std::function<bool(const CodePath&)> rules[] = {
        [&](const CodePath& c) { return c.code->name == wanted; },
        [&](const CodePath& c) { return same_path(c, false); },
        [&](const CodePath& c) { return refi::ascii_lower(c.code->name) == folded; },
        [&](const CodePath& c) { return same_path(c, true); },
    };
    for (const auto& rule : rules) {
        std::vector<const CodePath*> hits;
        for (const auto& c : codes)
            if (rule(c)) hits.push_back(&c);
        if (hits.size() == 1) return *hits.front()->code;
        if (hits.size() > 1) {
            std::vector<std::string> paths;
            for (const auto* h : hits) paths.push_back(h->text);
            throw UsageError("code '" + wanted + "' is ambiguous: " + join(paths) +
                             "; give the full path ('/NAME' for a top-level code) or the GUID");
        }
    }
    std::vector<std::string> names;
    for (const auto& c : codes) {
        names.push_back(c.code->name);
        names.push_back(c.text);
    }
    throw UsageError("unknown code '" + wanted + "'" + did_you_mean(wanted, names));
}

const refi::Variable& resolve_variable(const refi::Project& project, const std::string& wanted) {
    std::vector<const refi::Variable*> folded;
    std::vector<std::string> names;
    for (const auto& v : project.variables) {
        if (v.name == wanted) return v;
        if (refi::ascii_lower(v.name) == refi::ascii_lower(wanted)) folded.push_back(&v);
        names.push_back(v.name);
    }
    if (folded.size() == 1) return *folded.front();
    if (refi::is_valid_guid(wanted))
        for (const auto& v : project.variables)
            if (refi::same_guid(v.guid, wanted)) return v;
    if (folded.size() > 1) {
        std::vector<std::string> candidates;
        for (const auto* v : folded) candidates.push_back(v->name);
        throw UsageError("variable '" + wanted + "' is ambiguous: " + join(candidates));
    }
    std::string known = names.empty() ? " (the project has no variables)" : did_you_mean(wanted, names);
    if (known.empty()) known = " (variables: " + join(names) + ")";
    throw UsageError("unknown variable '" + wanted + "'" + known);
}

std::vector<const refi::User*> resolve_users(const refi::Project& project, const std::string& wanted) {
    std::vector<const refi::User*> out;
    std::vector<std::string> names;
    for (const auto& u : project.users) {
        bool match = (u.name && *u.name == wanted) || (u.id && *u.id == wanted) || refi::same_guid(u.guid, wanted);
        if (match) out.push_back(&u);
        if (u.name) names.push_back(*u.name);
        if (u.id) names.push_back(*u.id);
    }
    if (out.empty()) {
        for (const auto& u : project.users)
            if ((u.name && refi::ascii_lower(*u.name) == refi::ascii_lower(wanted)) || (u.id && refi::ascii_lower(*u.id) == refi::ascii_lower(wanted))) out.push_back(&u);
    }
    if (out.empty()) {
        std::string hint = names.empty() ? " (the project has no users)" : did_you_mean(wanted, names);
        if (hint.empty()) hint = " (users: " + join(names) + ")";
        throw UsageError("unknown coder '" + wanted + "'" + hint);
    }
    return out;
}

}  // namespace framer

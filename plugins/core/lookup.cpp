// Option lookups shared by the analyses: a typo in a code or variable must stop the run with a helpful
// message (exit 2), never produce a table of zeros.
#include "core/lookup.hpp"

#include <algorithm>
#include <cctype>

#include "core/plugin.hpp"
#include "core/units.hpp"
#include "refi/guid.hpp"

namespace framer {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + ("'" + i + "'");
    return out;
}

std::string did_you_mean(const std::string& wanted, const std::vector<std::string>& candidates) {
    auto near = near_matches(wanted, candidates);
    return near.empty() ? std::string() : " (did you mean " + join(near) + "?)";
}

}  // namespace

std::string code_path_text(const refi::ProjectIndex& index, const refi::Code& code) {
    std::string out;
    for (const refi::Code* c : index.path_of(code)) out += (out.empty() ? "" : "/") + c->name;
    return out;
}

namespace {

/// Every code with its "A/B/C" path, in codebook order.
void collect_paths(const std::vector<refi::Code>& codes, const std::string& prefix,
                   std::vector<std::pair<const refi::Code*, std::string>>& out) {
    for (const auto& c : codes) {
        std::string path = prefix.empty() ? c.name : prefix + "/" + c.name;
        out.emplace_back(&c, path);
        collect_paths(c.children, path, out);  // not out.back(): pushing reallocates it
    }
}

const refi::Code& resolve_in(const std::vector<std::pair<const refi::Code*, std::string>>& codes,
                             const std::string& wanted) {
    if (refi::is_valid_guid(wanted))
        for (const auto& [c, path] : codes)
            if (refi::same_guid(c->guid, wanted)) return *c;
    // A name without '/' is matched against names (so a top-level "Other" and a nested "Other" are ambiguous);
    // with '/' against full paths; a leading '/' makes a top-level code's path explicit ("/Other").
    const bool is_path = wanted.find('/') != std::string::npos;
    const std::string target = !wanted.empty() && wanted.front() == '/' ? wanted.substr(1) : wanted;
    const std::string folded = lower(target);
    std::vector<std::size_t> exact, ignoring_case;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const std::string& key = is_path ? codes[i].second : codes[i].first->name;
        if (key == target) exact.push_back(i);
        if (lower(key) == folded) ignoring_case.push_back(i);
        names.push_back(codes[i].first->name);
        names.push_back(codes[i].second);
    }
    for (const auto* list : {&exact, &ignoring_case}) {
        if (list->size() == 1) return *codes[list->front()].first;
        if (list->size() > 1) {
            std::vector<std::string> paths;
            for (std::size_t i : *list) paths.push_back(codes[i].second);
            throw UsageError("code '" + wanted + "' is ambiguous: " + join(paths) +
                             "; give the full path ('/NAME' for a top-level code) or the GUID");
        }
    }
    throw UsageError("unknown code '" + wanted + "'" + did_you_mean(wanted, names));
}

}  // namespace

const refi::Code& resolve_code(const refi::Project& project, const std::string& wanted) {
    std::vector<std::pair<const refi::Code*, std::string>> codes;
    collect_paths(project.codes, "", codes);
    return resolve_in(codes, wanted);
}

const refi::Code& resolve_code(const refi::ProjectIndex& index, const std::string& wanted) {
    std::vector<std::pair<const refi::Code*, std::string>> codes;
    for (const refi::Code* c : index.codes_in_order()) codes.emplace_back(c, code_path_text(index, *c));
    return resolve_in(codes, wanted);
}

const refi::Variable& resolve_variable(const refi::Project& project, const std::string& wanted) {
    std::vector<const refi::Variable*> folded;
    std::vector<std::string> names;
    for (const auto& v : project.variables) {
        if (v.name == wanted) return v;
        if (lower(v.name) == lower(wanted)) folded.push_back(&v);
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
            if ((u.name && lower(*u.name) == lower(wanted)) || (u.id && lower(*u.id) == lower(wanted))) out.push_back(&u);
    }
    if (out.empty()) {
        std::string hint = names.empty() ? " (the project has no users)" : did_you_mean(wanted, names);
        if (hint.empty()) hint = " (users: " + join(names) + ")";
        throw UsageError("unknown coder '" + wanted + "'" + hint);
    }
    return out;
}

}  // namespace framer

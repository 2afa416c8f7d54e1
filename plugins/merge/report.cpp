// The merge report: JSON for --report (every element's provenance, every conflict with both sides) and the short
// stderr summary.
#include <fmt/format.h>

#include "merge/merge.hpp"

namespace framer {

Json MergeReport::to_json() const {
    Json j = Json::object();
    Json ins = Json::array();
    for (const auto& in : inputs) {
        Json i = Json::object();
        i["file"] = in.label;
        i["dialect"] = in.dialect;
        Json counts = Json::object();
        for (const auto& c : in.counts) {
            Json n = Json::object();
            n["matched"] = c.matched;
            n["added"] = c.added;
            counts[c.kind] = n;
        }
        i["counts"] = counts;
        ins.push_back(i);
    }
    j["inputs"] = ins;
    Json cs = Json::array();
    for (const auto& c : conflicts) {
        Json o = Json::object();
        o["kind"] = c.kind;
        o["message"] = c.message;
        o["first"] = c.first;
        o["other"] = c.other;
        o["resolution"] = c.resolution;
        cs.push_back(o);
    }
    j["conflicts"] = cs;
    Json ws = Json::array();
    for (const auto& w : warnings) ws.push_back(w);
    j["warnings"] = ws;
    Json es = Json::array();
    for (const auto& e : elements) {
        Json o = Json::object();
        o["kind"] = e.kind;
        o["guid"] = e.guid;
        if (!e.name.empty()) o["name"] = e.name;
        Json from = Json::array();
        for (const auto& f : e.origins) {
            Json x = Json::object();
            x["input"] = inputs[f.input].label;
            x["guid"] = f.guid;
            x["matched_by"] = f.matched_by.empty() ? Json(nullptr) : Json(f.matched_by);
            from.push_back(x);
        }
        o["from"] = from;
        es.push_back(o);
    }
    j["elements"] = es;
    return j;
}

std::string MergeReport::summary() const {
    std::string out;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const auto& in = inputs[i];
        std::string counts;
        for (const auto& c : in.counts) {
            if (c.matched == 0 && c.added == 0) continue;
            if (!counts.empty()) counts += ", ";
            counts += i == 0 ? fmt::format("{} {}", c.added, c.kind)
                             : fmt::format("{} {}: {} matched, {} added", c.matched + c.added, c.kind, c.matched,
                                           c.added);
        }
        out += fmt::format("  {} ({}{}): {}\n", in.label, in.dialect, i == 0 ? ", the base" : "",
                           counts.empty() ? "empty" : counts);
    }
    out += fmt::format("  {} conflict(s), {} warning(s)\n", conflicts.size(), warnings.size());
    for (const auto& c : conflicts) out += fmt::format("  conflict[{}]: {} -> {}\n", c.kind, c.message, c.resolution);
    for (const auto& w : warnings) out += fmt::format("  warning: {}\n", w);
    return out;
}

}  // namespace framer

#pragma once
// Shared by the chart and summaries tests: reading samples, running the chart, independent UTF-8 slicing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/registry.hpp"
#include "refi/guid.hpp"
#include "refi/io.hpp"

namespace framer::test {

inline std::string sample_path(const std::string& name) { return std::string(FRAMER_SOURCE_DIR) + "/samples/" + name; }

inline refi::Project read_sample(const std::string& name) {
    refi::Diagnostics d;
    return refi::read_project(sample_path(name), d);
}

inline Result run_chart(const refi::Project& project, const Options& options = {}) {
    const Analysis* chart = builtin_registry().analysis("chart");
    REQUIRE(chart);
    return chart->run(project, options);
}

/// Code points [start, end) of UTF-8 text, decoded here by hand (not with refi::substr_code_points), so the test
/// checks the program against an independent computation.
inline std::string slice_code_points(const std::string& text, long long start, long long end) {
    std::vector<std::size_t> offsets;  // byte offset of each code point
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
    offsets.push_back(text.size());
    auto at = [&](long long cp) {
        if (cp < 0) cp = 0;
        if (cp >= static_cast<long long>(offsets.size())) cp = static_cast<long long>(offsets.size()) - 1;
        return offsets[static_cast<std::size_t>(cp)];
    };
    if (end <= start) return {};
    return text.substr(at(start), at(end) - at(start));
}

/// The row of unit `unit` in a chart JSON theme, as the JSON lists only rows that hold something: the theme's row
/// of that name, or an empty row (no cells) where it lists none.
inline const Json& row_in(const Json& theme, const std::string& unit) {
    static const Json empty = Json::parse(R"({"cells": []})");
    for (const auto& row : theme.at("rows").as_array())
        if (row.at("unit").as_string() == unit) return row;
    return empty;
}

/// The cell of a chart JSON row in the theme's column `column`, as the JSON lists only cells that hold
/// something: found by its code_guid, or an empty cell (no summary, no excerpts) where the row lists none.
inline const Json& cell_in(const Json& theme, const Json& row, std::size_t column) {
    static const Json empty = Json::parse(R"({"summary": "", "excerpts": []})");
    const std::string& guid = theme.at("columns").as_array().at(column).at("guid").as_string();
    const Json* found = nullptr;
    for (const auto& cell : row.at("cells").as_array())
        if (cell.at("code_guid").as_string() == guid) {
            REQUIRE_FALSE(found);  // a column's cell is listed once
            found = &cell;
        }
    return found ? *found : empty;
}

inline std::string g(const std::string& name) { return refi::make_guid_from("chart-test", name); }

inline refi::Selection selection(const std::string& name, std::int64_t start, std::int64_t end,
                          std::vector<std::pair<std::string, std::string>> codings) {
    refi::Selection s;
    s.guid = g("sel:" + name);
    s.start = start;
    s.end = end;
    for (auto& [code, user] : codings) {
        refi::Coding c;
        c.guid = g("coding:" + name + code + user);
        c.code.target = g("code:" + code);
        c.creating_user = g("user:" + user);
        s.codings.push_back(c);
    }
    return s;
}

inline refi::Code code(const std::string& name, std::vector<refi::Code> children = {}) {
    refi::Code c;
    c.guid = g("code:" + name);
    c.name = name;
    c.children = std::move(children);
    return c;
}

// Four participants P1, P2, P10, P3 (natural order P1, P2, P3, P10); P1's text has CRLF, é and an emoji inside
// coded ranges; P3 has nothing coded. Codebook: Domain > Theme > {S1 > {S1x}, S2}, Other > {O1, O2}.
inline const std::string p1_text = "Intro line\r\nCaf\xC3\xA9 talk \xF0\x9F\x98\x80 and more\r\nEnd of P1 <&> \"q\"";

inline refi::Project make_chart_project() {
    refi::Project p;
    p.name = "chart test";
    for (auto u : {"Ana", "Ben"}) {
        refi::User user;
        user.guid = g(std::string("user:") + u);
        user.name = u;
        p.users.push_back(user);
    }
    p.codes.push_back(code("Domain", {code("Theme", {code("S1", {code("S1x")}), code("S2")})}));
    p.codes.front().is_codable = "false";
    p.codes.push_back(code("Other", {code("O1"), code("O2")}));
    refi::Variable role;
    role.guid = g("var:Role");
    role.name = "Role";
    p.variables.push_back(role);
    for (auto name : {"P10", "P2", "P1", "P3"}) {
        refi::Source s;
        s.guid = g(std::string("src:") + name);
        s.name = name;
        s.plain_text_content = std::string(name) == "P1" ? p1_text : "Text of " + std::string(name) + " is short.";
        p.sources.push_back(s);
        refi::Case c;
        c.guid = g(std::string("case:") + name);
        c.name = name;
        c.source_refs.push_back({s.guid, {}, {}});
        refi::VariableValue v;
        v.variable.target = role.guid;
        v.kind = refi::VariableType::Text;
        v.value = std::string(name) == "P10" ? "Therapist" : "Service user";
        c.variable_values.push_back(v);
        p.cases.push_back(c);
    }
    // P1: "line\r\nCafé talk 😀" spans CRLF, é and the emoji: code points 6..23 (the emoji is code point 22).
    p.sources[2].selections.push_back(selection("p1-late", 25, 40, {{"S2", "Ana"}}));
    p.sources[2].selections.push_back(selection("p1-early", 6, 23, {{"S1x", "Ana"}, {"O1", "Ben"}}));
    p.sources[0].selections.push_back(selection("p10-a", 0, 4, {{"S1", "Ben"}, {"Theme", "Ben"}}));
    p.sources[1].selections.push_back(selection("p2-a", 8, 10, {{"O2", "Ana"}}));
    return p;
}

}  // namespace framer::test

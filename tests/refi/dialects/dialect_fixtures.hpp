#pragma once
// Test helper: per dialect a .qdpx written the way that tool writes (origin, position counting over text with
// emoji and CRLF, BOM, sources folder, GUID case).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "refi/refi.hpp"
#include "refi/text.hpp"
#include "support/files.hpp"
#include "support/sample_project.hpp"
#include "support/zip_builder.hpp"

namespace framer::test {

using namespace refi;

// Emoji (two UTF-16 units), a CRLF before each later word and a non-ASCII letter: the three countings differ.
inline const std::string k_text = "Intro \xF0\x9F\x98\x80 tea\r\nSecond \xE2\x9C\xA8 caf\xC3\xA9 line\r\nThird \xF0\x9F\x8C\xB1 end";
inline const std::vector<std::string> k_words{"tea", "caf\xC3\xA9", "Third", "end"};

/// The origin each tool writes (DIALECTS.md §1); none for the standard.
inline std::optional<std::string> tool_origin(Dialect d) {
    switch (d) {
        case Dialect::Nvivo: return "NVivo 12";
        case Dialect::Atlasti: return "ATLAS.ti 9";
        case Dialect::Maxqda: return "MAXQDA 2022";
        case Dialect::QualCoder: return "QualCoder 3.5";
        case Dialect::Quirkos: return "Quirkos 2.5";
        case Dialect::Taguette: return "Taguette 1.4";
        case Dialect::Framer: return "Framer";
        case Dialect::Standard: return std::nullopt;
    }
    return std::nullopt;
}

/// The fixture's text with the line breaks `d` writes: CRLF for NVivo for Windows and ATLAS.ti (its txt stores
/// CRLF, QualCoder's refi.py:1531-1536), LF for the others (DIALECTS.md §1).
inline std::string fixture_text(Dialect d) {
    if (d == Dialect::Nvivo || d == Dialect::Atlasti) return k_text;
    std::string lf;
    for (char c : k_text)
        if (c != '\r') lf += c;
    return lf;
}

/// A .qdpx written the way `d` writes: its origin, its position counting over its text and line breaks, its text
/// file (BOM for QualCoder's and NVivo for Windows' exports; Sources/ and lower-case GUIDs for NVivo), and for
/// MAXQDA and Quirkos the document variable "Role" = "peer" where each keeps it.
inline std::filesystem::path write_fixture(const TempDir& dir, Dialect d) {
    Project p;
    p.name = std::string("fixture ") + to_string(d);
    p.origin = tool_origin(d);
    p.dialect = d;  // the numbers below are already in d's counting; the writer keeps them (it has no text)
    bool lower = d == Dialect::Nvivo || d == Dialect::QualCoder;
    auto guid = [&](int n) { return lower ? ascii_lower(test_guid(n)) : test_guid(n); };
    Code code;
    code.guid = guid(1);
    code.name = "word";
    p.codes.push_back(code);
    Source s;
    s.guid = guid(2);
    s.name = "interview";
    s.plain_text_path = "internal://" + s.guid + ".txt";
    const std::string text = fixture_text(d);
    OffsetMap map(text, position_counting(d));
    int n = 10;
    for (const auto& w : k_words) {
        std::size_t byte = text.find(w);
        std::int64_t start = count_code_points(std::string_view(text).substr(0, byte));
        Selection sel;
        sel.guid = guid(n++);
        sel.start = map.from_code_points(start);
        sel.end = map.from_code_points(start + static_cast<std::int64_t>(count_code_points(w)));
        Coding c;
        c.guid = guid(n++);
        c.code.target = code.guid;
        sel.codings.push_back(c);
        s.selections.push_back(sel);
    }
    // Where each tool keeps a document's variables (DIALECTS.md §1): MAXQDA inside the Source, Quirkos on a
    // nameless Case with one SourceRef (QualCoder refi.py:509-525, #465).
    if (d == Dialect::Maxqda || d == Dialect::Quirkos) {
        Variable v;
        v.guid = guid(40);
        v.name = "Role";
        p.variables.push_back(v);
        VariableValue value;
        value.variable.target = v.guid;
        value.kind = VariableType::Text;
        value.value = "peer";
        if (d == Dialect::Maxqda) {
            s.variable_values.push_back(value);
        } else {
            Case c;  // no name
            c.guid = guid(41);
            c.variable_values.push_back(value);
            c.source_refs.push_back({s.guid, {}, {}});
            p.cases.push_back(c);
        }
    }
    p.sources.push_back(s);
    Diagnostics ignored;
    std::string qde = project_to_xml(p, ignored);
    bool bom = d == Dialect::Nvivo || d == Dialect::QualCoder;
    std::string folder = d == Dialect::Nvivo ? "Sources/" : "sources/";
    auto path = dir / ("fixture-" + std::string(to_string(d)) + ".qdpx");
    framer::test::write_zip(path, {{"project.qde", qde},
                                   {folder + s.guid + ".txt", (bom ? "\xEF\xBB\xBF" : "") + text}});
    return path;
}

}  // namespace framer::test

namespace framer::test {

/// The "Role" value of the fixture's document, wherever the project keeps it (the source or a case referring to
/// it), or nullopt.
inline std::optional<std::string> role_of(const refi::Project& p) {
    for (const auto& s : p.sources)
        for (const auto& v : s.variable_values) return v.value;
    for (const auto& c : p.cases)
        for (const auto& v : c.variable_values)
            if (!c.source_refs.empty() && refi::same_guid(c.source_refs[0].target, p.sources.at(0).guid)) return v.value;
    return std::nullopt;
}

}  // namespace framer::test

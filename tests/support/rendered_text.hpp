#pragma once
// Test helper for the checks in the real programs (Chromium, LibreOffice): whether a program is installed,
// what a reader must find in a printed document, and text compared the way a PDF's text can be.

#include <cctype>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/table_util.hpp"

namespace framer::test {

/// True when `program` is on the PATH.
inline bool have_program(const char* program) {
    return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

/// Text without whitespace and hyphens: a PDF breaks a label wherever its cell wraps, and pdftotext joins a
/// word broken after a hyphen ("self-" + "acceptance") without it.
inline std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '-') out += c;
    return out;
}

/// The first `count` whitespace-separated words of `text`.
inline std::string first_words(const std::string& text, std::size_t count) {
    std::istringstream in(text);
    std::string word, out;
    for (std::size_t n = 0; n < count && in >> word; ++n) out += (out.empty() ? "" : " ") + word;
    return out;
}

/// The body rows of a table, streamed ones included, copied (a stream's row is valid only during its call).
inline std::vector<std::vector<Cell>> body_rows(const Table& table) {
    std::vector<std::vector<Cell>> out;
    for_each_row(table, [&](const std::vector<Cell>& row) { out.push_back(row); });
    return out;
}

/// What a reader must find in the printed document: each table's name and the first visible cell of each
/// visible row (the code, characteristic or case it is about).
inline std::vector<std::string> row_labels(const std::vector<const Table*>& tables) {
    std::vector<std::string> out;
    for (const Table* t : tables) {
        if (!t->name.empty()) out.push_back(t->name);
        auto columns = visible_columns(*t);
        if (columns.empty()) continue;
        for_each_visible_row(*t, [&](std::size_t, const std::vector<Cell>& row) {
            const std::string& label = cell_at(row, columns.front()).text;
            if (!label.empty()) out.push_back(label);
        });
    }
    return out;
}

/// The start of every excerpt in the tables' long-text cells (a chart cell holds one paragraph per excerpt,
/// "[SU4 129–200, coder] text"): its first `words` words, which must survive printing.
inline std::vector<std::string> excerpt_starts(const std::vector<const Table*>& tables, std::size_t words) {
    std::vector<std::string> out;
    for (const Table* t : tables) {
        auto columns = visible_columns(*t);
        for_each_visible_row(*t, [&](std::size_t, const std::vector<Cell>& row) {
            for (std::size_t c : columns) {
                const Cell& cell = cell_at(row, c);
                if (!cell.wrap) continue;
                std::size_t from = 0;
                while (from < cell.text.size()) {
                    std::size_t end = cell.text.find("\n\n", from);
                    if (end == std::string::npos) end = cell.text.size();
                    std::string start = first_words(cell.text.substr(from, end - from), words);
                    if (!start.empty()) out.push_back(start);
                    from = end + 2;
                }
            }
        });
    }
    return out;
}

}  // namespace framer::test

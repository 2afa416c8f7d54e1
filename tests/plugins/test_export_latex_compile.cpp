// The latex exporter in the real program: each fragment (Table 2 and Table 1 of the seed paper, its chart of 63
// participants, quotations, agreement, and the recovery study's chart with an emoji put into its excerpts) is wrapped in a
// minimal A4 article and compiled with pdflatex. It must compile, no line may be overfull and no float too
// large, and pdftotext (in content order, cell by cell) must find every table name, every row label and the first words of every excerpt.
// Skipped with a message when pdflatex, pdftotext or a package the fragment needs is absent.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/table_util.hpp"
#include "export_latex/latex_text.hpp"
#include "refi/text.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using framer::Options;
using framer::Result;

namespace {

bool have(const std::string& program) { return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0; }

/// The first of the TeX files the test document needs that kpsewhich cannot find, or "".
std::string missing_tex_file() {
    for (const char* file : {"booktabs.sty", "longtable.sty", "array.sty", "pdflscape.sty", "t1enc.def", "lmodern.sty"})
        if (std::system((std::string("kpsewhich ") + file + " >/dev/null 2>&1").c_str()) != 0) return file;
    return {};
}

/// Letters and digits only: a PDF breaks words at line ends (with a hyphen) and typesets quotes, dashes and
/// apostrophes as it likes; what a reader must find is the words.
std::string skeleton(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) {
        bool ascii = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool letter = c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7;
        if (!ascii && !letter) continue;
        if (c < 0x80) out += static_cast<char>(c);
        else if (c < 0x800) out += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
        else out += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
    }
    return out;
}
std::string skeleton(const std::string& utf8) { return skeleton(framer::latex::shown(utf8)); }

/// Without white space: where a cell's lines break depends on its width.
std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

/// The first `n` words of `line`.
std::string first_words(const std::string& line, int n) {
    std::istringstream in(line);
    std::string word, out;
    for (int k = 0; k < n && in >> word; ++k) out += (k ? " " : "") + word;
    return out;
}

/// What a reader must find in the PDF: each table's name, the first visible cell of each visible row, and the
/// first words of each line of every long-text cell (a chart's excerpts, a quotation).
std::vector<std::string> wanted(const Result& result) {
    std::vector<std::string> out;
    for (const framer::Table* t : framer::document_tables(result)) {
        if (!t->name.empty()) out.push_back(t->name);
        auto columns = framer::visible_columns(*t);
        if (columns.empty()) continue;
        framer::for_each_visible_row(*t, [&](std::size_t, const std::vector<framer::Cell>& row) {  // streamed rows too
            if (!framer::cell_at(row, columns.front()).text.empty()) out.push_back(framer::cell_at(row, columns.front()).text);
            for (std::size_t c : columns) {
                const framer::Cell& cell = framer::cell_at(row, c);
                if (!cell.wrap) continue;
                std::istringstream lines(cell.text);
                std::string line;
                while (std::getline(lines, line))
                    if (!first_words(line, 6).empty()) out.push_back(first_words(line, 6));
            }
        });
    }
    return out;
}

struct Case {
    std::string name, sample, analysis;
    Options options;
};

/// Compiles `fragment` as dir/NAME.tex inside a minimal article; returns the log, the PDF's text in `text`.
std::string compile(const fs::path& dir, const std::string& name, const std::string& fragment, bool& ok, std::string& text) {
    framer::test::write_file(dir / (name + ".tex"), fragment);
    framer::test::write_file(dir / ("doc-" + name + ".tex"),
                             "\\documentclass[a4paper]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
                             "\\usepackage{booktabs,array,longtable,pdflscape}\n\\begin{document}\n\\input{" + name +
                                 ".tex}\n\\end{document}\n");
    std::string command = "cd \"" + dir.string() + "\" && pdflatex -interaction=nonstopmode -halt-on-error doc-" + name +
                          ".tex > /dev/null 2>&1 && pdftotext -raw -enc UTF-8 doc-" + name + ".pdf doc-" + name + ".txt";
    ok = std::system(command.c_str()) == 0;
    text = framer::test::read_file(dir / ("doc-" + name + ".txt"));
    return framer::test::read_file(dir / ("doc-" + name + ".log"));
}

}  // namespace

TEST_CASE("Every latex fragment compiles with pdflatex, fits the page and shows every row and excerpt", "[exporters][latex][tex]") {
    if (!have("pdflatex") || !have("pdftotext") || !have("kpsewhich")) {
        WARN("pdflatex, kpsewhich or pdftotext not installed; the latex compile check is skipped");
        return;
    }
    if (std::string file = missing_tex_file(); !file.empty()) {
        WARN(file << " not found by kpsewhich; the latex compile check is skipped (scripts/install-deps.sh installs it)");
        return;
    }
    Options table2, table1, chart, quotes, agreement, emoji;
    table2.set("by", "Role");
    table2.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    table2.add("applies", "Practicing relating to others in group=Group therapy:Yes");
    table1.set("by", "Role");
    chart.add("show", "Role");
    quotes.set("label", "{unit}, {Role}");
    quotes.set("per-code", "2");
    agreement.set("coders", "Marta Núñez,Daniel Okoro");
    emoji.add("show", "Role");
    std::vector<Case> cases = {{"table2", "seed-table2.qdpx", "tabulate", table2},
                               {"table1", "seed-table2.qdpx", "describe", table1},
                               {"chart", "seed-table2.qdpx", "chart", chart},
                               {"quotes", "seed-table2.qdpx", "quotes", quotes},
                               {"agreement", "recovery-study.qdpx", "agreement", agreement},
                               {"emoji-chart", "recovery-study.qdpx", "chart", emoji}};
    const fs::path dir = fs::temp_directory_path() / ("framer-latex-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto& registry = framer::builtin_registry();
    std::size_t compiled = 0;
    for (const auto& c : cases) {
        if (!fs::exists(framer::test::sample_path(c.sample))) continue;
        INFO(c.name);
        refi::Project project = framer::test::read_sample(c.sample);
        if (c.name == "emoji-chart")
            // An emoji in the coded excerpts (one code point for one, so the codings' positions stay right).
            for (auto& source : project.sources)
                if (auto text = refi::load_plain_text(project, source)) {
                    for (std::size_t at; (at = text->find("hope")) != std::string::npos;) text->replace(at, 4, "h\U0001F600pe");
                    source.plain_text_content = *text;  // the content wins over the archive's file
                }
        Result result = registry.analysis(c.analysis)->run(project, c.options);
        std::ostringstream fragment;
        registry.exporter("latex")->write(result, fragment);
        bool ok = false;
        std::string text;
        std::string log = compile(dir, c.name, fragment.str(), ok, text);
        INFO("log: " << (dir / ("doc-" + c.name + ".log")).string());
        REQUIRE(ok);
        CHECK(log.find("Overfull \\hbox") == std::string::npos);
        CHECK(log.find("Float too large") == std::string::npos);
        const std::string pdf = skeleton(text);
        auto labels = wanted(result);
        CHECK(labels.size() > 10);
        for (const auto& label : labels) {
            INFO(label);
            CHECK(pdf.find(skeleton(label)) != std::string::npos);
        }
        if (c.name == "emoji-chart") {
            // The emoji cannot be typeset: a placeholder stands in its place and the notes count it.
            CHECK(text.find("[U+1F") != std::string::npos);
            CHECK(fragment.str().find("that pdflatex cannot typeset") != std::string::npos);
        }
        ++compiled;
    }
    CHECK(compiled == cases.size());
    fs::remove_all(dir);
}

TEST_CASE("Every character the latex exporter passes through, and every LaTeX special, compiles and shows", "[exporters][latex][tex]") {
    if (!have("pdflatex") || !have("pdftotext") || !have("kpsewhich") || !missing_tex_file().empty()) {
        WARN("pdflatex, pdftotext or a TeX package not installed; skipped");
        return;
    }
    // One cell per block of passed-through code points, one of specials and ligature traps, one that starts with
    // [ after the row end, one with characters pdflatex cannot typeset.
    const std::u32string all = framer::latex::passed_through();
    Result result;
    result.title = "Characters";
    framer::Table table;
    table.name = "Characters";
    auto cell = [](const std::string& text) {
        framer::Cell c;
        c.text = text;
        return c;
    };
    table.header = {{cell("Case"), cell("Text")}};
    auto add = [&](const std::string& label, const std::string& text) {
        framer::Cell a = cell(label), b = cell(text);
        b.wrap = true;
        table.rows.push_back({a, b});
    };
    for (std::size_t k = 0; k < all.size(); k += 40) {
        std::string utf8;
        for (std::size_t j = k; j < std::min(all.size(), k + 40); ++j) {
            char32_t c = all[j];
            if (c < 0x800) utf8 += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
            else utf8 += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
            utf8 += ' ';
        }
        add("block" + std::to_string(k / 40), utf8);
    }
    add("specials", "a # b $ c % d & e ~ f _ g ^ h \\ i { j } k < l > m | n ` o -- p --- q '' r ,, s \"t\"");
    add("bracket", "[SU4 1–2] starts with a bracket");
    add("star", "* starts with a star");
    add("greek", "Cohen's κ and Krippendorff's α ≤ 1");
    add("accent", "e\u0301 composed");
    add("unsafe", "an emoji 😀, CJK 漢字 and a snowman ☃ stay visible");
    result.tables.push_back(table);
    std::ostringstream fragment;
    framer::builtin_registry().exporter("latex")->write(result, fragment);
    CHECK(fragment.str().find("4 characters that pdflatex cannot typeset are shown as [U+XXXX] (U+2603, U+5B57, U+6F22, U+1F600)") !=
          std::string::npos);
    const fs::path dir = fs::temp_directory_path() / ("framer-latex-chars-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    bool ok = false;
    std::string text;
    std::string log = compile(dir, "chars", fragment.str(), ok, text);
    INFO(fragment.str());
    REQUIRE(ok);
    CHECK(log.find("Overfull \\hbox") == std::string::npos);
    const std::string pdf = skeleton(text);
    for (const auto& row : table.rows) {
        // Compiled is the check for these: pdftotext decomposes some letters, and composes accents.
        if (row[0].text.rfind("block", 0) == 0 || row[0].text == "accent") continue;
        INFO(row[1].text);
        CHECK(pdf.find(skeleton(row[1].text)) != std::string::npos);
    }
    for (const char* shown : {"# b $ c % d & e ~ f _ g ^ h \\ i { j } k < l > m | n ` o -- p --- q", "[SU4 1–2] starts",
                              "* starts with", "[U+1F600]", "[U+6F22][U+5B57]", "[U+2603]", "κ", "é composed"}) {
        INFO(shown);
        CHECK(squeeze(text).find(squeeze(shown)) != std::string::npos);
    }
    fs::remove_all(dir);
}

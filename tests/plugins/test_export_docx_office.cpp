// The docx exporter in the real program: LibreOffice Writer opens every docx (Table 1, Table 2 of the seed
// paper, charts) and prints it to PDF; pdftotext must find every table name and row label in it. Skipped with
// a message when soffice or pdftotext is absent.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chart_test_support.hpp"
#include "core/table_util.hpp"
#include "support/files.hpp"
#include "support/rendered_text.hpp"

namespace fs = std::filesystem;
using framer::Options;
using framer::Result;

namespace {

/// What a reader must find in the printed document: each table's name and each visible row's label.
std::vector<std::string> labels(const Result& result) {
    return framer::test::row_labels(framer::document_tables(result));
}

struct Case {
    std::string name, sample, analysis;
    Options options;
};

}  // namespace

TEST_CASE("LibreOffice opens every docx and prints every row label", "[exporters][docx][office]") {
    if (!framer::test::have_program("soffice") || !framer::test::have_program("pdftotext")) {
        WARN("soffice or pdftotext not installed; the docx check in LibreOffice is skipped");
        return;
    }
    Options table2, table1, chart, per_unit, seed;
    table2.set("by", "Role");
    table2.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:true");
    table1.set("by", "Role");
    chart.add("show", "Role");
    per_unit.set("per-unit", "1");
    seed.set("by", "Role");
    seed.add("applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes");
    seed.add("applies", "Practicing relating to others in group=Group therapy:Yes");
    std::vector<Case> cases = {{"table2", "recovery-study.qdpx", "tabulate", table2},
                               {"table1", "recovery-study.qdpx", "describe", table1},
                               {"chart", "recovery-study.qdpx", "chart", chart},
                               {"per-unit", "recovery-study.qdpx", "chart", per_unit},
                               {"seed-table2", "seed-table2.qdpx", "tabulate", seed}};
    const fs::path dir = fs::temp_directory_path() / ("framer-docx-office-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto& registry = framer::builtin_registry();
    std::vector<std::pair<std::string, std::vector<std::string>>> expected;
    std::string inputs;
    for (const auto& c : cases) {
        if (!fs::exists(framer::test::sample_path(c.sample))) continue;
        // The project outlives the result: a chart streams its rows from it when they are written.
        const auto project = framer::test::read_sample(c.sample);
        Result result = registry.analysis(c.analysis)->run(project, c.options);
        std::ofstream out(dir / (c.name + ".docx"), std::ios::binary);
        registry.exporter("docx")->write(result, out);
        out.close();
        expected.emplace_back(c.name, labels(result));
        inputs += " \"" + (dir / (c.name + ".docx")).string() + "\"";
    }
    REQUIRE(!expected.empty());
    // A private profile: a user's running LibreOffice (or another test) would otherwise take the conversion.
    std::string command = "cd \"" + dir.string() + "\" && soffice -env:UserInstallation=file://" +
                          (dir / "profile").string() + " --headless --convert-to pdf --outdir \"" + dir.string() +
                          "\"" + inputs + " > soffice.log 2>&1";
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    for (const auto& [name, wanted] : expected) {
        INFO(name);
        fs::path pdf = dir / (name + ".pdf");
        REQUIRE(fs::exists(pdf));
        REQUIRE(std::system(("pdftotext \"" + pdf.string() + "\" \"" + (dir / (name + ".txt")).string() + "\"").c_str()) == 0);
        std::string text = framer::test::squeeze(framer::test::read_file(dir / (name + ".txt")));
        REQUIRE(wanted.size() > 5);
        for (const auto& label : wanted) {
            INFO(label);
            CHECK(text.find(framer::test::squeeze(label)) != std::string::npos);
        }
    }
    fs::remove_all(dir);
}

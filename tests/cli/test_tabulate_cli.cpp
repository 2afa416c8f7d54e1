// framer tabulate / describe on the samples: the seed's Table 2 rebuilt exactly, golden files for every format,
// usage errors.
#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include <unistd.h>

#include "cli.hpp"
#include "core/json.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

namespace {

using Run = framer::test::CliRun;
Run framer_cli(std::vector<std::string> args) { return framer::test::run_framer(std::move(args)); }

fs::path sample(const std::string& name) { return fs::path(FRAMER_SOURCE_DIR) / "samples" / name; }

/// RFC 4180 records (quoted fields with commas, doubled quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') { quoted = true; any = true; }
        else if (c == ',') { rows.back().push_back(field); field.clear(); any = true; }
        else if (c == '\r') {}
        else if (c == '\n') { rows.back().push_back(field); field.clear(); rows.emplace_back(); any = false; }
        else { field += c; any = true; }
    }
    if (any || !field.empty()) rows.back().push_back(field);
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

/// Compares with tests/golden/tabulate/NAME, or rewrites it under FRAMER_UPDATE_GOLDEN=1.
void check_golden(const std::string& name, const std::string& actual) {
    fs::path golden = fs::path(FRAMER_SOURCE_DIR) / "tests/golden/tabulate" / name;
    if (std::getenv("FRAMER_UPDATE_GOLDEN")) {
        framer::test::write_file(golden, actual);
        WARN("rewrote " << golden.string());
        return;
    }
    REQUIRE(fs::exists(golden));
    CHECK(framer::test::read_file(golden) == actual);
}

/// The parts of a zip (xlsx, docx) whose names start with one of `prefixes`, as indented XML.
std::string zip_xml_text(const std::string& bytes, const std::vector<std::string>& prefixes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
    REQUIRE(za);
    std::map<std::string, std::string> parts;
    for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
        std::string name = st.name;
        if (std::none_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return name.rfind(p, 0) == 0; }))
            continue;
        zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        std::string content(st.size, '\0');
        zip_fread(f, content.data(), st.size);
        zip_fclose(f);
        pugi::xml_document doc;
        REQUIRE(doc.load_string(content.c_str()));  // well-formed XML
        std::ostringstream pretty;
        doc.save(pretty, "  ");
        parts[name] = pretty.str();
    }
    zip_close(za);
    std::string out;
    for (const auto& [name, xml] : parts) out += "==> " + name + "\n" + xml;
    return out;
}

std::string zip_xml_text(const std::string& bytes, const std::string& prefix) {
    return zip_xml_text(bytes, std::vector<std::string>{prefix});
}

/// The parts of an xlsx a reader sees, as text: each sheet's XML and the shared strings (the zip's dates and
/// docProps are volatile and left out).
std::string xlsx_text(const std::string& bytes) {
    return zip_xml_text(bytes, {"xl/worksheets/", "xl/sharedStrings.xml", "xl/workbook.xml"});
}

const std::vector<std::string> group_therapy_applies = {
    "--applies", "Feeling overwhelmed and exposed in group=Group therapy:Yes",
    "--applies", "Practicing relating to others in group=Group therapy:Yes"};

}  // namespace

TEST_CASE("framer tabulate rebuilds the seed paper's Table 2 exactly", "[tabulate][cli][seed]") {
    if (!fs::exists(sample("seed-table2.qdpx")) || !fs::exists(sample("seed-table2.expected.csv"))) {
        WARN("samples/seed-table2.* not present; skipped");
        return;
    }
    std::vector<std::string> args{"tabulate", sample("seed-table2.qdpx").string(), "--by", "Role", "--format", "json"};
    args.insert(args.end(), group_therapy_applies.begin(), group_therapy_applies.end());
    Run run = framer_cli(args);
    REQUIRE(run.code == 0);
    framer::Json json = framer::Json::parse(run.out);
    CHECK(json.at("unit").as_string() == "case");
    REQUIRE(json.at("groups").size() == 2);
    CHECK(json.at("groups").as_array()[0].as_string() == "Service user");
    CHECK(json.at("groups").as_array()[1].as_string() == "Therapist");
    std::map<std::string, const framer::Json*> by_path;
    for (const auto& row : json.at("rows").as_array()) {
        std::string path;
        for (const auto& p : row.at("path").as_array()) path += (path.empty() ? "" : " > ") + p.as_string();
        by_path[path] = &row;
    }
    // The expected counts were transcribed from the paper by hand (samples/README.md).
    auto expected = parse_csv(framer::test::read_file(sample("seed-table2.expected.csv")));
    REQUIRE(expected.size() > 30);
    REQUIRE(expected[0] == std::vector<std::string>{"path", "total_n", "service_users_n", "therapists_n", "base",
                                                     "service_users_base", "therapists_base"});
    for (std::size_t i = 1; i < expected.size(); ++i) {
        const auto& e = expected[i];
        INFO(e[0]);
        REQUIRE(by_path.count(e[0]));
        const framer::Json& row = *by_path[e[0]];
        CHECK(row.at("total").at("n").as_int() == std::stoll(e[1]));
        CHECK(row.at("groups").at("Service user").at("n").as_int() == std::stoll(e[2]));
        CHECK(row.at("groups").at("Therapist").at("n").as_int() == std::stoll(e[3]));
        CHECK(row.at("total").at("base").as_int() == std::stoll(e[4]));
        CHECK(row.at("groups").at("Service user").at("base").as_int() == std::stoll(e[5]));
        CHECK(row.at("groups").at("Therapist").at("base").as_int() == std::stoll(e[6]));
    }
    // The paper's slip: 6 of 15 is 40%, not 38%; and the group-therapy footnote's 42 = 34 + 8.
    const auto& fear = *by_path["Domain 1: Processes of recovery > Process 3: Moving from distrust and defensiveness "
                                "to opening up to others > Fear of being open and exposing oneself"];
    CHECK(fear.at("groups").at("Therapist").at("percent").as_int() == 40);
    Run md = framer_cli({"tabulate", sample("seed-table2.qdpx").string(), "--by", "Role", group_therapy_applies[0],
                         group_therapy_applies[1], group_therapy_applies[2], group_therapy_applies[3]});
    REQUIRE(md.code == 0);
    CHECK(md.out.find("[^a]: Applicable to 42 participants (34 + 8) with Group therapy: Yes") != std::string::npos);
    CHECK(md.out.find("[^b]") == std::string::npos);  // one shared footnote
    CHECK(md.out.find("| 26 (62) | 21 (62) | 5 (63) |") != std::string::npos);
}

TEST_CASE("framer tabulate output matches the golden files in every format", "[tabulate][cli][golden]") {
    const fs::path project = sample("recovery-study.qdpx");
    if (!fs::exists(project)) {
        WARN("samples/recovery-study.qdpx not present; skipped");
        return;
    }
    const std::vector<std::string> base{"tabulate", project.string(), "--by", "Role", "--applies",
                                        "Feeling overwhelmed and exposed in group=Group therapy:true"};
    ::setenv("COLUMNS", "80", 1);  // the txt exporter's width; goldens are at the default 80
    for (const char* format : {"md", "txt", "csv", "json", "html", "latex"}) {
        INFO(format);
        auto args = base;
        args.insert(args.end(), {"--format", format});
        Run run = framer_cli(args);
        REQUIRE(run.code == 0);
        check_golden(std::string("recovery-study.") + format, run.out);
    }
    fs::path dir = fs::temp_directory_path() / ("framer-tabulate-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto args = base;
    args.insert(args.end(), {"-o", (dir / "table.xlsx").string()});
    Run run = framer_cli(args);
    REQUIRE(run.code == 0);
    check_golden("recovery-study.xlsx.txt", xlsx_text(framer::test::read_file(dir / "table.xlsx")));
    args = base;
    args.insert(args.end(), {"-o", (dir / "table.docx").string()});
    run = framer_cli(args);
    REQUIRE(run.code == 0);
    check_golden("recovery-study.docx.txt", zip_xml_text(framer::test::read_file(dir / "table.docx"), "word/document.xml"));
    fs::remove_all(dir);
    // The same study exported by MAXQDA (variables on sources, no cases) gives the same counts.
    Run standard = framer_cli({"tabulate", project.string(), "--by", "Role", "--format", "csv"});
    Run maxqda = framer_cli({"tabulate", sample("recovery-study-maxqda.qdpx").string(), "--by", "Role", "--format", "csv"});
    REQUIRE(standard.code == 0);
    REQUIRE(maxqda.code == 0);
    auto strip_guid = [](const std::string& csv) {
        std::string out;
        for (auto& row : parse_csv(csv)) {
            row.pop_back();
            for (const auto& f : row) out += f + "|";
            out += "\n";
        }
        return out;
    };
    CHECK(strip_guid(standard.out) == strip_guid(maxqda.out));
}

TEST_CASE("framer describe output matches the golden files", "[tabulate][cli][golden]") {
    const fs::path project = sample("recovery-study.qdpx");
    if (!fs::exists(project)) {
        WARN("samples/recovery-study.qdpx not present; skipped");
        return;
    }
    ::setenv("COLUMNS", "80", 1);
    for (const char* format : {"md", "txt", "json", "csv", "latex"}) {
        INFO(format);
        Run run = framer_cli({"describe", project.string(), "--by", "Role", "--format", format});
        REQUIRE(run.code == 0);
        check_golden(std::string("recovery-study-describe.") + format, run.out);
    }
}

TEST_CASE("framer tabulate and describe lay the seed paper's tables out as the paper does", "[tabulate][cli][golden][seed]") {
    const fs::path project = sample("seed-table2.qdpx");
    if (!fs::exists(project)) {
        WARN("samples/seed-table2.qdpx not present; skipped");
        return;
    }
    // Table 1: no Total column, "Service users", the paper's value order, the Stage of treatment footnote.
    Run table1 = framer_cli({"describe", project.string(), "--by", "Role", "--no-total", "--title",
                             "Table 1. Socio-demographic and clinical characteristics of participants", "--label",
                             "Service user=Service users", "--label", "Therapist=Therapists", "--values",
                             "Ethnicity=White,Black,Asian", "--values", "Employment=Unemployed,Voluntary work,Employed",
                             "--values", "Treatment=DBT,MBT,Other psychological therapy,Generic services",
                             "--format", "md"});
    REQUIRE(table1.code == 0);
    CHECK(table1.out.find("| Characteristic | Service users (N=48) N (%) | Therapists (N=15) N (%) |") != std::string::npos);
    CHECK(table1.out.find("White | 33 (69) | 12 (80) |") < table1.out.find("Black | 5 (10) | 1 (7) |"));
    CHECK(table1.out.find("Black | 5 (10) | 1 (7) |") < table1.out.find("Asian | 10 (21) | 2 (13) |"));
    CHECK(table1.out.find("Stage of treatment: only the participants with a value are counted (Service users 37 of 48).") !=
          std::string::npos);
    check_golden("seed-table1-paper.md", table1.out);
    // Table 2: domain rows without counts, the paper's labels.
    std::vector<std::string> args{"tabulate", project.string(), "--by", "Role", "--blank-domains", "--title",
                                  "Table 2. Domains, themes and subthemes", "--label", "Service user=Service users",
                                  "--label", "Therapist=Therapists", "--format", "md"};
    args.insert(args.end(), group_therapy_applies.begin(), group_therapy_applies.end());
    Run table2 = framer_cli(args);
    REQUIRE(table2.code == 0);
    CHECK(table2.out.find("| **Domain 1: Processes of recovery** |  |  |  |") != std::string::npos);
    check_golden("seed-table2-paper.md", table2.out);
}

TEST_CASE("framer tabulate exits 2 naming an unknown variable or code", "[tabulate][cli]") {
    const fs::path project = sample("recovery-study.qdpx");
    if (!fs::exists(project)) {
        WARN("samples/recovery-study.qdpx not present; skipped");
        return;
    }
    Run by = framer_cli({"tabulate", project.string(), "--by", "Rol"});
    CHECK(by.code == 2);
    CHECK(by.err.find("unknown variable 'Rol'") != std::string::npos);
    CHECK(by.err.find("'Role'") != std::string::npos);
    Run code = framer_cli({"tabulate", project.string(), "--applies", "Supportive therapst=Role:Therapist"});
    CHECK(code.code == 2);
    CHECK(code.err.find("'Supportive therapist'") != std::string::npos);
    Run format = framer_cli({"tabulate", project.string(), "--format", "doc"});
    CHECK(format.code == 2);
    CHECK(format.err.find("unknown format 'doc'") != std::string::npos);
    for (const char* binary_format : {"xlsx", "docx"}) {
        Run binary = framer_cli({"tabulate", project.string(), "--format", binary_format});
        CHECK(binary.code == 2);
        CHECK(binary.err.find("is binary; give -o FILE") != std::string::npos);
    }
    Run describe = framer_cli({"describe", project.string(), "--vars", "Age,Gendr"});
    CHECK(describe.code == 2);
    CHECK(describe.err.find("'Gender'") != std::string::npos);
    Run missing = framer_cli({"tabulate", "/nonexistent/project.qdpx"});
    CHECK(missing.code == 1);
}

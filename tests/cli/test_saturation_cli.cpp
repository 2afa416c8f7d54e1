// `framer saturation` on the command line: formats, warnings on stderr, exit codes and messages.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/json.hpp"
#include "refi/guid.hpp"
#include "refi/refi.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using framer::test::run_framer;

namespace {
const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";
const std::string seed = std::string(FRAMER_SOURCE_DIR) + "/samples/seed-table2.qdpx";

struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("framer-saturation-cli-" + refi::make_guid());
    Scratch() { fs::create_directories(dir); }
    ~Scratch() { fs::remove_all(dir); }
};
}  // namespace

TEST_CASE("framer saturation says which order it used and gives both rules' verdicts", "[cli][saturation]") {
    auto md = run_framer({"saturation", sample});
    REQUIRE(md.code == 0);
    CHECK(md.out.find("# Saturation\n") == 0);
    CHECK(md.out.find("12 cases with codings in interview order: by Interview date (Date), earliest first") !=
          std::string::npos);
    CHECK(md.out.find("Guest et al. 2020 (base 4, run 2, \u22645%): saturated at 9+2: saturated after 9 cases") !=
          std::string::npos);
    CHECK(md.out.find("The last 5 cases introduced nothing new: no; T12 (case 12) added 1 new code(s)") !=
          std::string::npos);
    auto name = run_framer({"saturation", sample, "--order", "name", "--window", "1"});
    REQUIRE(name.code == 0);
    CHECK(name.out.find("by unit name (natural order: SU2 before SU10)") != std::string::npos);
}

TEST_CASE("framer saturation writes json in the documented shape and csv with a header", "[cli][saturation]") {
    auto json = run_framer({"saturation", sample, "--format", "json", "--base", "3", "--run", "3", "--threshold", "0"});
    REQUIRE(json.code == 0);
    auto j = framer::Json::parse(json.out);
    for (const char* key : {"order", "units", "window", "saturated", "guest"}) CHECK(j.contains(key));
    const auto& unit = j.at("units").as_array().front();
    for (const char* key : {"unit", "new_codes", "codes", "cumulative"}) CHECK(unit.contains(key));
    const auto& guest = j.at("guest");
    CHECK(guest.at("base").as_int() == 3);
    CHECK(guest.at("run").as_int() == 3);
    CHECK(guest.at("threshold").as_double() == 0.0);
    for (const char* key : {"base_codes", "runs", "saturated_after", "notation"}) CHECK(guest.contains(key));
    CHECK(guest.at("runs").as_array().front().at("units").size() == 3);

    Scratch s;
    auto csv = run_framer({"saturation", sample, "--by", "Role", "-o", (s.dir / "sat.csv").string()});
    REQUIRE(csv.code == 0);
    const std::string text = framer::test::read_file(s.dir / "sat.csv");
    CHECK(text.rfind("group,position,unit,order_value,new_codes,cumulative,codes,guest\r\n", 0) == 0);
    CHECK(text.find("\r\nTherapist,1,T1,2013-06-04,") != std::string::npos);
    for (const char* ext : {".xlsx", ".html", ".tex", ".txt", ".docx"}) {
        INFO(ext);
        auto r = run_framer({"saturation", sample, "-o", (s.dir / (std::string("sat") + ext)).string()});
        CHECK(r.code == 0);
        CHECK(fs::file_size(s.dir / (std::string("sat") + ext)) > 100);
    }
}

TEST_CASE("framer saturation warns on stderr about ties and missing values in the order", "[cli][saturation]") {
    auto r = run_framer({"saturation", seed, "--order", "source-date"});
    REQUIRE(r.code == 0);
    CHECK(r.err.find("framer saturation: warning: ") != std::string::npos);
    CHECK(r.err.find("share a source creationDateTime (2013-01-10T10:00:00Z: ") != std::string::npos);
    CHECK(r.err.find("within a tie they are taken in natural name order") != std::string::npos);
}

TEST_CASE("framer saturation with fewer units than base + run says so and exits 0", "[cli][saturation]") {
    auto r = run_framer({"saturation", sample, "--base", "20"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("not assessed: 12 cases, fewer than base + run = 22") != std::string::npos);
}

TEST_CASE("framer saturation exits 2 with near matches for unknown variables, coders and levels", "[cli][saturation][errors]") {
    auto order = run_framer({"saturation", sample, "--order", "Interview dat"});
    CHECK(order.code == 2);
    CHECK(order.err.find("did you mean 'Interview date'") != std::string::npos);
    auto text = run_framer({"saturation", sample, "--order", "Role"});
    CHECK(text.code == 2);
    CHECK(text.err.find("variable 'Role' is Text") != std::string::npos);
    auto by = run_framer({"saturation", sample, "--by", "Rol"});
    CHECK(by.code == 2);
    CHECK(by.err.find("did you mean 'Role'") != std::string::npos);
    auto coder = run_framer({"saturation", sample, "--coder", "Marta Nunez"});
    CHECK(coder.code == 2);
    CHECK(coder.err.find("unknown coder") != std::string::npos);
    auto level = run_framer({"saturation", sample, "--level", "them"});
    CHECK(level.code == 2);
    CHECK(level.err.find("did you mean 'theme'") != std::string::npos);
    auto threshold = run_framer({"saturation", sample, "--threshold", "5"});
    CHECK(threshold.code == 2);
    auto option = run_framer({"saturation", sample, "--treshold", "5%"});
    CHECK(option.code == 2);
}

TEST_CASE("framer saturation on a project without codings exits 1 with a clear message", "[cli][saturation][errors]") {
    refi::Diagnostics d;
    refi::Project project = refi::read_project(sample, d);
    for (auto& source : project.sources) {
        source.selections.clear();
        source.codings.clear();
    }
    for (auto& c : project.cases) c.code_refs.clear();
    Scratch s;
    refi::write_project(project, s.dir / "uncoded.qdpx", d);
    auto r = run_framer({"saturation", (s.dir / "uncoded.qdpx").string()});
    CHECK(r.code == 1);
    CHECK(r.err.find("the project has no codings of its cases: nothing to assess saturation on") != std::string::npos);
    CHECK(r.out.empty());
}

TEST_CASE("framer saturation --help names every option with a placeholder and an example", "[cli][saturation]") {
    auto r = run_framer({"saturation", "--help"});
    REQUIRE(r.code == 0);
    for (const char* part : {"--order VAR", "--base N", "--run N", "--threshold P", "--window N", "--level LEVEL",
                             "--by VAR", "--coder USER", "Example:\n  framer saturation samples/"})
        CHECK(r.out.find(part) != std::string::npos);
}

TEST_CASE("framer saturation draws the curve as svg: a command without a figure refuses svg with exit 2", "[cli][saturation][svg]") {
    Scratch s;
    auto svg = run_framer({"saturation", sample, "--by", "Role", "-o", (s.dir / "curve.svg").string()});
    REQUIRE(svg.code == 0);
    const std::string text = framer::test::read_file(s.dir / "curve.svg");
    CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    auto html = run_framer({"saturation", sample, "-o", (s.dir / "curve.html").string()});
    REQUIRE(html.code == 0);
    CHECK(framer::test::read_file(s.dir / "curve.html").find("<figure>\n<svg xmlns=") != std::string::npos);

    auto tabulate = run_framer({"tabulate", sample, "--by", "Role", "-o", (s.dir / "table.svg").string()});
    CHECK(tabulate.code == 2);
    CHECK(tabulate.err.find("svg needs a figure: saturation draws one, tabulate does not") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "table.svg"));
    auto agreement = run_framer({"agreement", sample, "--coders", "Marta Núñez,Daniel Okoro", "--format", "svg"});
    CHECK(agreement.code == 2);
    CHECK(agreement.err.find("svg needs a figure: saturation draws one") != std::string::npos);
    CHECK(agreement.out.empty());
}

// `framer quotes` on the command line: formats, exit codes and messages.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/json.hpp"
#include "refi/guid.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using framer::test::run_framer;

namespace {
const std::string sample = std::string(FRAMER_SOURCE_DIR) + "/samples/recovery-study.qdpx";
const std::string seed = std::string(FRAMER_SOURCE_DIR) + "/samples/seed-table2.qdpx";
}  // namespace

TEST_CASE("framer quotes prints the Box 1 markdown and writes every format", "[cli][quotes]") {
    auto md = run_framer({"quotes", seed, "--label", "{unit}, {Treatment}"});
    REQUIRE(md.code == 0);
    CHECK(md.out.find("# Exemplar quotations") == 0);
    CHECK(md.out.find("#### Giving up, feeling held up by the past and scared of change\n\n\u201C") != std::string::npos);

    auto json = run_framer({"quotes", sample, "--format", "json", "--code", "Taking responsibility", "--per-code", "2"});
    REQUIRE(json.code == 0);
    auto j = framer::Json::parse(json.out);
    REQUIRE(j.at("codes").size() == 1);
    CHECK(j.at("codes").as_array()[0].at("quotes").size() == 2);

    fs::path dir = fs::temp_directory_path() / ("framer-quotes-cli-" + refi::make_guid());
    fs::create_directories(dir);
    for (const char* ext : {".xlsx", ".csv", ".html", ".tex"}) {
        INFO(ext);
        auto r = run_framer({"quotes", sample, "-o", (dir / (std::string("q") + ext)).string()});
        CHECK(r.code == 0);
        CHECK(fs::file_size(dir / (std::string("q") + ext)) > 100);
    }
    CHECK(framer::test::read_file(dir / "q.csv").rfind("code,path,code_guid,rank,text,label,unit,", 0) == 0);
    fs::remove_all(dir);
}

TEST_CASE("framer quotes exits 2 with near matches for unknown variables, codes, coders and units", "[cli][quotes][errors]") {
    auto var = run_framer({"quotes", sample, "--label", "{unit}, {Treatmen}"});
    CHECK(var.code == 2);
    CHECK(var.err.find("unknown variable 'Treatmen' (did you mean 'Treatment'?)") != std::string::npos);
    auto code = run_framer({"quotes", sample, "--code", "Taking responsibilty"});
    CHECK(code.code == 2);
    CHECK(code.err.find("did you mean 'Taking responsibility'") != std::string::npos);
    auto coder = run_framer({"quotes", sample, "--coder", "Marta Nunez"});
    CHECK(coder.code == 2);
    CHECK(coder.err.find("unknown coder") != std::string::npos);
    auto unit = run_framer({"quotes", sample, "--exclude-unit", "SU5"});
    CHECK(unit.code == 2);
    CHECK(unit.err.find("unknown unit 'SU5'") != std::string::npos);
    auto count = run_framer({"quotes", sample, "--per-code", "-1"});
    CHECK(count.code == 2);
}

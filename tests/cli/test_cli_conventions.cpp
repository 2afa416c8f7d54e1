// CLI conventions every command shares: near matches for misspelt commands and options, `framer help CMD`,
// --version everywhere, placeholders named after what they take, an example per command, the man page and
// bash completion kept in step with the command table, and a missing output folder named as such.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "cli.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using framer::test::run_framer;

namespace {
const fs::path k_source_dir = FRAMER_SOURCE_DIR;
std::string sample(const char* name) { return (k_source_dir / "samples" / name).string(); }
}  // namespace

TEST_CASE("A misspelt command is answered with the nearest command", "[cli][conventions]") {
    auto r = run_framer({"chrat", "x.qdpx"});
    CHECK(r.code == framer::cli::usage);
    CHECK(r.err.find("unknown command 'chrat'") != std::string::npos);
    CHECK(r.err.find("did you mean chart?") != std::string::npos);
    auto none = run_framer({"zzzzzzzz"});
    CHECK(none.code == framer::cli::usage);
    CHECK(none.err.find("did you mean") == std::string::npos);
}

TEST_CASE("A misspelt option is answered with the nearest option of that command", "[cli][conventions]") {
    auto r = run_framer({"tabulate", sample("recovery-study.qdpx"), "--by", "Role", "--formt", "md"});
    CHECK(r.code == framer::cli::usage);
    CHECK(r.err.find("unknown option '--formt'") != std::string::npos);
    CHECK(r.err.find("did you mean --format?") != std::string::npos);
    CHECK(r.out.empty());
}

TEST_CASE("framer help CMD prints the same help as framer CMD --help", "[cli][conventions]") {
    for (const auto& command : framer::cli::commands()) {
        INFO(command.name);
        auto via_help = run_framer({"help", command.name});
        auto via_flag = run_framer({command.name, "--help"});
        CHECK(via_help.code == framer::cli::ok);
        CHECK(via_help.out == via_flag.out);
        CHECK(via_help.out.rfind(std::string("usage: framer ") + command.name, 0) == 0);
    }
}

TEST_CASE("Every command answers --version", "[cli][conventions]") {
    CHECK(run_framer({"--version"}).out == "framer 0.1.0\n");
    for (const auto& command : framer::cli::commands()) {
        INFO(command.name);
        auto r = run_framer({command.name, "--version"});
        CHECK(r.code == framer::cli::ok);
        CHECK(r.out == "framer 0.1.0\n");
    }
}

TEST_CASE("Every command's help names its placeholders and gives an example", "[cli][conventions]") {
    const std::regex generic_arg(R"(--[a-z-]+ arg\b)");
    for (const auto& command : framer::cli::commands()) {
        INFO(command.name);
        auto r = run_framer({command.name, "--help"});
        CHECK_FALSE(std::regex_search(r.out, generic_arg));
        auto example = r.out.find("Example:\n  framer " + std::string(command.name));
        CHECK(example != std::string::npos);
    }
    auto tabulate = run_framer({"tabulate", "--help"}).out;
    CHECK(tabulate.find("--by VAR") != std::string::npos);
    CHECK(tabulate.find("-o, --output FILE") != std::string::npos);
}

TEST_CASE("The man page and the bash completion cover every command", "[cli][conventions]") {
    const std::string man = framer::test::read_file(k_source_dir / "docs/man/framer.1");
    for (const auto& command : framer::cli::commands()) {
        INFO(command.name);
        CHECK(man.find(std::string(".B ") + command.name + " ") != std::string::npos);
    }
    auto listed = run_framer({"--list-commands"});
    CHECK(listed.code == framer::cli::ok);
    std::string expected;
    for (const auto& command : framer::cli::commands()) expected += std::string(command.name) + "\n";
    CHECK(listed.out == expected);
    const std::string completion = framer::test::read_file(k_source_dir / "scripts/completion/framer.bash");
    CHECK(completion.find("--list-commands") != std::string::npos);
    CHECK(completion.find("complete -o filenames -F _framer framer") != std::string::npos);
}

TEST_CASE("An output in a folder that does not exist is refused naming the folder", "[cli][conventions]") {
    const fs::path missing = fs::temp_directory_path() / "framer-no-such-folder-7f3a" / "table.md";
    fs::remove_all(missing.parent_path());
    auto r = run_framer({"tabulate", sample("recovery-study.qdpx"), "--by", "Role", "-o", missing.string()});
    CHECK(r.code == framer::cli::invalid);
    CHECK(r.err.find("the output folder '" + missing.parent_path().string() + "' does not exist") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(missing.parent_path()));
}

TEST_CASE("An output of \"-\" (-o -) writes the chosen format to standard output", "[cli][conventions]") {
    auto r = run_framer({"tabulate", sample("recovery-study.qdpx"), "--by", "Role", "--format", "csv", "-o", "-"});
    CHECK(r.code == framer::cli::ok);
    CHECK(r.out.find(',') != std::string::npos);
    CHECK(r.out.find('|') == std::string::npos);
}

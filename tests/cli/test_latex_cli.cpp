// framer ... --format latex on the command line: characters pdflatex cannot typeset are reported on stderr
// (the fragment's notes say it too), the output is still written and the exit code stays 0.
#include <catch2/catch.hpp>

#include <filesystem>

#include "refi/guid.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "support/cli_run.hpp"

namespace fs = std::filesystem;

TEST_CASE("framer chart --format latex warns on stderr about characters shown as placeholders", "[latex][cli]") {
    const fs::path sample = fs::path(FRAMER_SOURCE_DIR) / "samples" / "recovery-study.qdpx";
    if (!fs::exists(sample)) {
        WARN("samples/recovery-study.qdpx not present; skipped");
        return;
    }
    // The sample with an emoji in its coded excerpts: "hope" becomes "h😀pe" (one code point for one, so the
    // codings' positions stay right).
    refi::Diagnostics diagnostics;
    refi::Project project = refi::read_project(sample, diagnostics);
    for (auto& source : project.sources)
        if (auto text = refi::load_plain_text(project, source)) {
            for (std::size_t at; (at = text->find("hope")) != std::string::npos;) text->replace(at, 4, "h\U0001F600pe");
            source.plain_text_content = *text;
            source.plain_text_path.reset();
        }
    const fs::path dir = fs::temp_directory_path() / ("framer-latex-cli-" + refi::make_guid());
    fs::create_directories(dir);
    refi::write_project(project, dir / "emoji.qdpx", diagnostics);

    auto run = framer::test::run_framer({"chart", (dir / "emoji.qdpx").string(), "--format", "latex"});
    CHECK(run.code == 0);
    CHECK(run.out.find("h[U+1F600]pe") != std::string::npos);
    CHECK(run.err.find("framer: warning: latex: ") != std::string::npos);
    CHECK(run.err.find("that pdflatex cannot typeset are shown as [U+XXXX] (U+1F600 x") != std::string::npos);
    // Other formats keep the character and warn about nothing of the kind.
    auto md = framer::test::run_framer({"chart", (dir / "emoji.qdpx").string(), "--format", "md"});
    CHECK(md.out.find("h\U0001F600pe") != std::string::npos);
    CHECK(md.err.find("pdflatex") == std::string::npos);
    fs::remove_all(dir);
}

// Memory bounded by the data (issue 11, docs/safety.md): hostile shapes are refused before they cost memory, and
// a large text shared by many sources is held once. Each command runs as a fresh framer process that reports its
// own peak (VmHWM, FRAMER_REPORT_PEAK_MEMORY=1); the figure checked is that peak above `framer --version`'s.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli_run.hpp"
#include "support/zip_builder.hpp"

namespace {

constexpr long long MiB = 1024 * 1024;

struct Measured {
    int code = -1;
    long long added_bytes = -1;  ///< peak resident memory above that of `framer --version`
    std::string err;
};

/// Runs the framer binary (a fresh process: nothing of the test process' heap is counted) with
/// FRAMER_REPORT_PEAK_MEMORY=1 and reads its peak from its stderr.
Measured run_process(const std::vector<std::string>& args, const std::filesystem::path& err_file) {
    pid_t pid = ::fork();
    if (pid == 0) {
        int fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 2);
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::setenv("FRAMER_REPORT_PEAK_MEMORY", "1", 1);
        ::setenv("FRAMER_NO_HUGEPAGES", "1", 1);  // 2 MiB pages would round every figure up
        std::vector<char*> argv;
        std::string binary = FRAMER_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    Measured m;
    m.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(err_file);
    std::stringstream ss;
    ss << in.rdbuf();
    m.err = ss.str();
    auto at = m.err.find("framer: peak memory:");
    if (at != std::string::npos) m.added_bytes = std::stoll(m.err.substr(at + 20)) * 1024;
    return m;
}

Measured run_measured(const std::vector<std::string>& args) {
    static framer::test::TempDir dir("memory-err");
    static long long baseline = run_process({"--version"}, dir / "baseline.txt").added_bytes;
    REQUIRE(baseline > 0);
    Measured m = run_process(args, dir / "err.txt");
    REQUIRE(m.added_bytes > 0);
    m.added_bytes -= baseline;
    return m;
}

// AddressSanitizer's shadow memory and redzones multiply every allocation: peaks measured under it say nothing
// about Framer's own memory (scripts/sanitize.sh runs this suite so).
#if defined(__SANITIZE_ADDRESS__)
#define FRAMER_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FRAMER_UNDER_ASAN 1
#endif
#endif

bool peaks_meaningful() {
#ifdef FRAMER_UNDER_ASAN
    WARN("built with AddressSanitizer: peak memory is not Framer's own; the memory bounds are not checked");
    return false;
#else
    return true;
#endif
}

const std::string k_head =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\" origin=\"x\">";

}  // namespace

TEST_CASE("XML that would take many times its size to hold is refused while it is read", "[cli][memory]") {
    if (!peaks_meaningful()) return;
    framer::test::TempDir dir("memory");
    std::string empties = k_head;
    for (int i = 0; i < 4'000'000; ++i) empties += "<a/>";  // 16 MB, each <a/> kept verbatim: about 170 MB to hold
    empties += "</Project>";
    framer::test::write_zip(dir / "empties.qdpx", {{"project.qde", empties}});
    auto m = run_measured({"info", (dir / "empties.qdpx").string()});
    CHECK(m.code == 1);
    CHECK(m.err.find("more than 2.5 times its") != std::string::npos);
    CHECK(m.err.find("refusing the file") != std::string::npos);
    // The file, and what reading may hold (2.5 times it plus 16 MiB) with room for the last vector's growth.
    const auto size = static_cast<long long>(empties.size());
    CHECK(m.added_bytes <= size + 2 * (size * 5 / 2 + 16 * MiB));

    std::string nested = k_head;
    for (int i = 0; i < 200'000; ++i) nested += "<a>";
    for (int i = 0; i < 200'000; ++i) nested += "</a>";
    nested += "</Project>";
    framer::test::write_zip(dir / "nested.qdpx", {{"project.qde", nested}});
    m = run_measured({"info", (dir / "nested.qdpx").string()});
    CHECK(m.code == 1);
    CHECK(m.err.find("nested more than 1000 levels") != std::string::npos);
    CHECK(m.err.find("project.qde:2:") != std::string::npos);  // line and column of the element too deep
    CHECK(m.added_bytes <= 4 * static_cast<long long>(nested.size()) + 8 * MiB);
}

TEST_CASE("eight sources over one large NVivo text hold it once", "[cli][memory]") {
    if (!peaks_meaningful()) return;
    framer::test::TempDir dir("memory");
    // 24 MB of text with an emoji and a CRLF on every line: every counting differs, so the reader converts the
    // positions and the evidence check weighs all three countings.
    std::string text;
    for (int i = 0; i < 1'000'000; ++i) text += "Hello w\xC3\xB6rld \xF0\x9F\x98\x80 line\r\n";
    std::string sources;
    for (int i = 0; i < 8; ++i) {
        char guid[3][40];
        for (int k = 0; k < 3; ++k) std::snprintf(guid[k], sizeof guid[k], "%08d-0000-0000-000%d-000000000000", i, k);
        sources += std::string("<TextSource guid=\"") + guid[0] + "\" name=\"S" + std::to_string(i) +
                   "\" plainTextPath=\"internal://big.txt\"><PlainTextSelection guid=\"" + guid[1] +
                   "\" startPosition=\"0\" endPosition=\"5\"><Coding guid=\"" + guid[2] +
                   "\"><CodeRef targetGUID=\"c0000000-0000-0000-0000-000000000001\"/></Coding></PlainTextSelection>"
                   "</TextSource>";
    }
    std::string qde = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" "
                      "name=\"p\" origin=\"NVivo 14\"><CodeBook><Codes><Code guid=\"c0000000-0000-0000-0000-"
                      "000000000001\" name=\"c\" isCodable=\"true\"/></Codes></CodeBook><Sources>" + sources +
                      "</Sources></Project>";
    framer::test::write_zip(dir / "big.qdpx", {{"project.qde", qde}, {"sources/big.txt", text}});
    for (std::vector<std::string> args :
         {std::vector<std::string>{"info", (dir / "big.qdpx").string()},
          std::vector<std::string>{"chart", (dir / "big.qdpx").string(), "-o", (dir / "chart.json").string()},
          std::vector<std::string>{"validate", (dir / "big.qdpx").string()}}) {
        INFO(args[0]);
        auto m = run_measured(args);
        CHECK(m.code == 0);
        // One copy of the text (24 MB) and its position maps, not one per source and counting (8 x 4 x 8 bytes
        // per character was 6 GB here): at most 2 times the text, plus the small project.
        CHECK(m.added_bytes <= 2 * static_cast<long long>(text.size()) + 16 * MiB);
    }
}

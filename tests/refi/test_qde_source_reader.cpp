// <Sources> read on two cores (qde_source_reader.cpp, ReadOptions::threads) gives what one thread gives: the same
// model, the same locations, the same diagnostics in the same order, and the same first error, on the samples,
// every dialect's fixture, the corrupt inputs and generated projects with warnings and errors where the two
// threads meet.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "dialects/dialect_fixtures.hpp"
#include "refi/refi.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/zip_builder.hpp"

namespace fs = std::filesystem;
using namespace refi;
using framer::test::TempDir;

namespace {

/// Everything a read gives that a person or a later step sees: the model (operator== leaves locations out, so
/// they are listed), each diagnostic as printed, and the error thrown, if any.
struct Outcome {
    std::optional<Project> project;
    std::string locations;
    std::vector<std::string> diagnostics;
    std::string error;
};

void list_locations(const Source& s, std::ostringstream& out) {
    auto at = [&](const Location& l) { out << l.line << ':' << l.column << ' '; };
    at(s.loc);
    for (const auto& sel : s.selections) {
        at(sel.loc);
        for (const auto& c : sel.codings) at(c.loc), at(c.code.loc);
        if (sel.representation) list_locations(*sel.representation, out);
    }
    for (const auto& c : s.codings) at(c.loc);
    for (const auto& v : s.variable_values) at(v.loc);
    if (s.representation) list_locations(*s.representation, out);
    if (s.text_description) list_locations(*s.text_description, out);
    for (const auto& t : s.transcripts) {
        at(t.loc);
        for (const auto& sel : t.selections) at(sel.loc);
    }
    out << '\n';
}

template <class Read>
Outcome outcome(unsigned threads, Read&& read) {
    Outcome o;
    Diagnostics d;
    ReadOptions options;
    options.threads = threads;
    try {
        o.project = read(d, options);
        std::ostringstream out;
        for (const auto& s : o.project->sources) list_locations(s, out);
        for (const auto& s : o.project->notes) list_locations(s, out);
        o.locations = out.str();
    } catch (const Error& e) {
        o.error = e.what();
    }
    for (const auto& item : d.items()) o.diagnostics.push_back(item.format());
    return o;
}

void check_same(const Outcome& one, const Outcome& two) {
    CHECK(one.error == two.error);
    CHECK(one.diagnostics == two.diagnostics);
    REQUIRE(one.project.has_value() == two.project.has_value());
    if (!one.project) return;
    CHECK(*one.project == *two.project);
    CHECK(one.project->sources.size() == two.project->sources.size());
    CHECK(one.project->containers == two.project->containers);
    CHECK(one.locations == two.locations);
}

void check_file(const fs::path& path) {
    INFO(path.string());
    auto read = [&](Diagnostics& d, const ReadOptions& o) { return read_project(path, d, o); };
    check_same(outcome(1, read), outcome(2, read));
}

void check_xml(const std::string& xml) {
    auto read = [&](Diagnostics& d, const ReadOptions& o) { return parse_project_xml(xml, "p.qde", d, o); };
    check_same(outcome(1, read), outcome(2, read));
}

/// `n` text sources in NVivo's dialect, each with two coded selections; `warn` sources name a text that is not
/// there (a position-not-converted warning each), `bad` sources have a position that is not an integer (an
/// error), and an unknown element sits between sources 2 and 3.
std::string generated(std::size_t n, const std::set<std::size_t>& warn, const std::set<std::size_t>& bad) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"g\" "
         "origin=\"NVivo 14\">\n<CodeBook><Codes><Code guid=\"C0DE0000-0000-0000-0000-000000000001\" name=\"c\" "
         "isCodable=\"true\"/></Codes></CodeBook>\n<Sources>\n";
    auto guid = [](std::size_t i, int kind) { return fmt::format("{:08X}-0000-0000-0000-{:012X}", kind, i); };
    for (std::size_t i = 0; i < n; ++i) {
        if (i == 3) x << "  <vendor:Extra xmlns:vendor=\"urn:v\" n=\"1\"><vendor:Inner/></vendor:Extra>\n";
        x << "  <TextSource guid=\"" << guid(i, 1) << "\" name=\"S" << i << "\"";
        if (warn.count(i)) x << " plainTextPath=\"internal://absent-" << i << ".txt\">\n";
        else x << ">\n    <PlainTextContent>Hi \xF0\x9F\x98\x80 there, source " << i << "\r\nline two</PlainTextContent>\n";
        for (int k = 0; k < 2; ++k) {
            x << "    <PlainTextSelection guid=\"" << guid(i * 2 + k, 2) << "\" startPosition=\""
              << (bad.count(i) && k == 1 ? std::string("x") : std::to_string(6 + k)) << "\" endPosition=\"" << 11 + k
              << "\">\n      <Coding guid=\"" << guid(i * 2 + k, 3)
              << "\"><CodeRef targetGUID=\"C0DE0000-0000-0000-0000-000000000001\"/></Coding>\n"
                 "    </PlainTextSelection>\n";
        }
        x << "  </TextSource>\n";
    }
    x << "</Sources>\n</Project>\n";
    return x.str();
}

}  // namespace

TEST_CASE("Sources read on two threads give the same project and diagnostics as on one: the samples",
          "[reader][threads]") {
    for (const auto& entry : fs::directory_iterator(fs::path(FRAMER_SOURCE_DIR) / "samples"))
        if (entry.path().extension() == ".qdpx") check_file(entry.path());
}

TEST_CASE("Sources read on two threads give the same project and diagnostics as on one: every dialect",
          "[reader][threads]") {
    TempDir dir("threads-dialects");
    for (auto d : {Dialect::Standard, Dialect::Nvivo, Dialect::Atlasti, Dialect::Maxqda, Dialect::QualCoder,
                   Dialect::Quirkos, Dialect::Taguette, Dialect::Framer})
        check_file(framer::test::write_fixture(dir, d));
}

TEST_CASE("Sources read on two threads give the same outcome as on one: the corrupt inputs", "[reader][threads]") {
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(FRAMER_SOURCE_DIR) / "tests" / "corrupt")) {
        const auto ext = entry.path().extension();
        if (ext != ".qde" && ext != ".qdpx") continue;
        if (entry.path().filename().string().rfind("bomb-", 0) == 0) continue;  // refused before any source is read
        check_file(entry.path());
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("Warnings from both threads come in document order and the first error is the one thrown",
          "[reader][threads]") {
    // With two threads forced, rounds are four sources: the first two read here, the next two by the second
    // thread. Warnings and errors are placed in both halves and at the seams.
    check_xml(generated(13, {}, {}));
    check_xml(generated(13, {0, 1, 2, 3, 5, 6, 7, 12}, {}));
    check_xml(generated(13, {1, 2, 4, 5, 7}, {6}));      // error in the second thread's half, warnings before and after
    check_xml(generated(13, {1, 2, 5, 6, 7}, {4, 6}));   // errors in both halves of a round: this thread's is first
    check_xml(generated(13, {2, 3, 6}, {7, 10}));        // errors in two rounds
    check_xml(generated(13, {}, {12}));                  // in the last source
    check_xml(generated(1, {0}, {}));                    // one source: nothing to share
    Diagnostics d;
    ReadOptions two;
    two.threads = 2;
    CHECK_THROWS_WITH(parse_project_xml(generated(13, {}, {6, 9}), "p.qde", d, two),
                      Catch::Contains("p.qde:") && Catch::Contains("startPosition=\"x\""));
    // The thrown error is source 6's, not source 9's: its line is the earlier one.
    Diagnostics d1;
    ReadOptions one;
    one.threads = 1;
    std::string serial_error, parallel_error;
    try { parse_project_xml(generated(13, {}, {6}), "p.qde", d1, one); } catch (const Error& e) { serial_error = e.what(); }
    try { parse_project_xml(generated(13, {}, {6, 9}), "p.qde", d, two); } catch (const Error& e) { parallel_error = e.what(); }
    CHECK(!serial_error.empty());
    CHECK(serial_error == parallel_error);
}

TEST_CASE("A project of several MB read on two threads in rounds by bytes reads as on one thread", "[reader][threads]") {
    // Over 6 MB of <Sources>: rounds of about 2 MiB split by bytes, with warnings spread through it.
    std::set<std::size_t> warn;
    for (std::size_t i = 0; i < 12000; i += 997) warn.insert(i);
    const std::string xml = generated(12000, warn, {});
    REQUIRE(xml.size() > (6u << 20));
    auto read = [&](Diagnostics& d, const ReadOptions& o) { return parse_project_xml(xml, "p.qde", d, o); };
    Outcome two = outcome(2, read), one = outcome(1, read);
    check_same(one, two);
    CHECK(two.diagnostics.size() == warn.size());
    CHECK(ReadOptions{}.threads == 1);  // one thread unless asked (see ReadOptions::threads)
}

TEST_CASE("FRAMER_READ_THREADS=2 gives the commands' same output and warnings", "[reader][threads][cli]") {
    const std::string sample = (fs::path(FRAMER_SOURCE_DIR) / "samples" / "recovery-study-nvivo.qdpx").string();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"info", sample}, {"tabulate", sample, "--format", "csv"}, {"describe", sample}}) {
        ::unsetenv("FRAMER_READ_THREADS");
        const auto one = framer::test::run_framer(args);
        ::setenv("FRAMER_READ_THREADS", "2", 1);
        const auto two = framer::test::run_framer(args);
        ::unsetenv("FRAMER_READ_THREADS");
        INFO(args[0]);
        CHECK(one.code == 0);
        CHECK(one.code == two.code);
        CHECK(one.out == two.out);
        CHECK(one.err == two.err);
    }
}

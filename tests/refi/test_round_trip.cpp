#include <catch2/catch.hpp>

#include <zip.h>

#include <algorithm>
#include <map>
#include <regex>

#include "qdpx_archive.hpp"
#include "refi/dialect.hpp"
#include "refi/refi.hpp"
#include "refi/text.hpp"
#include "support/files.hpp"
#include "support/xml_compare.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

using namespace refi;
using framer::test::read_file;
using framer::test::TempDir;

namespace {

std::vector<std::filesystem::path> sample_projects() {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(FRAMER_SOURCE_DIR) / "samples", ec))
        if (e.path().extension() == ".qdpx") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// Every entry other than the .qde: its name with the sources folder lower-cased, and its raw stored form.
std::map<std::string, std::string> raw_files(const std::filesystem::path& qdpx) {
    detail::QdpxArchive a(qdpx);
    std::map<std::string, std::string> out;
    for (const auto& name : a.entries()) {
        zip_int64_t i = a.index_of(name);
        zip_stat_t st;
        REQUIRE(zip_stat_index(a.handle(), static_cast<zip_uint64_t>(i), 0, &st) == 0);
        std::string raw(st.comp_size, '\0');
        if (st.comp_size > 0) {
            zip_file_t* f = zip_fopen_index(a.handle(), static_cast<zip_uint64_t>(i), ZIP_FL_COMPRESSED);
            REQUIRE(f);
            REQUIRE(zip_fread(f, raw.data(), st.comp_size) == static_cast<zip_int64_t>(st.comp_size));
            zip_fclose(f);
        }
        std::string key = name.size() >= 8 && (name.rfind("Sources/", 0) == 0 || name.rfind("SOURCES/", 0) == 0)
                              ? "sources/" + name.substr(8)
                              : name;
        out[key] = std::to_string(st.comp_method) + ":" + std::to_string(st.crc) + ":" + raw;
    }
    return out;
}

std::string qde_text(const std::filesystem::path& qdpx) {
    detail::QdpxArchive a(qdpx);
    return a.read(a.qde_entry(), 1 << 30);
}

void check_xsd(const std::filesystem::path& qde) {
    if (auto skip = framer::test::xsd_skip_reason()) {
        WARN(*skip);
        return;
    }
    auto r = framer::test::validate_project_xsd(qde);
    INFO(qde.filename().string() << ": " << r.output);
    CHECK(r.valid);
}

}  // namespace

TEST_CASE("Round trip of the ATLAS.ti standard project is lossless and byte-stable", "[round-trip][writer]") {
    auto input = std::filesystem::path(FRAMER_SHARED_DIR) / "corpus" / "refi-standard-project.atlasti.qde";
    if (!std::filesystem::exists(input)) {
        WARN("skipped: " << input.string() << " is absent");
        return;
    }
    TempDir dir("round-trip-atlasti");
    Diagnostics d;
    Project p = read_project(input, d);
    write_project(p, dir / "once.qde", d);
    // The same elements, attributes (GUID spelling included) and text as the vendor's file.
    CHECK_FALSE(framer::test::xml_difference(read_file(input), read_file(dir / "once.qde")));

    Diagnostics d2;
    Project again = read_project(dir / "once.qde", d2);
    CHECK(again == p);
    CHECK(again.dialect == Dialect::Atlasti);
    write_project(again, dir / "twice.qde", d2);
    CHECK(read_file(dir / "once.qde") == read_file(dir / "twice.qde"));

    write_project(p, dir / "once.qdpx", d);
    CHECK(qde_text(dir / "once.qdpx") == read_file(dir / "once.qde"));
    check_xsd(dir / "once.qde");
}

TEST_CASE("Round trip of every sample keeps the model, the XML and every file's bytes", "[round-trip][writer]") {
    auto samples = sample_projects();
    if (samples.empty()) WARN("no samples/*.qdpx yet");
    for (const auto& sample : samples) {
        INFO(sample.filename().string());
        TempDir dir("round-trip-sample");
        Diagnostics d;
        Project p = read_project(sample, d);
        write_project(p, dir / "once.qdpx", d);

        CHECK_FALSE(framer::test::xml_difference(qde_text(sample), qde_text(dir / "once.qdpx")));
        CHECK(raw_files(sample) == raw_files(dir / "once.qdpx"));

        Diagnostics d2;
        Project again = read_project(dir / "once.qdpx", d2);
        CHECK(again == p);
        write_project(again, dir / "twice.qdpx", d2);
        CHECK(read_file(dir / "once.qdpx") == read_file(dir / "twice.qdpx"));

        framer::test::write_file(dir / "once.qde", qde_text(dir / "once.qdpx"));
        check_xsd(dir / "once.qde");
    }
}

namespace {

/// The text every PlainTextSelection of the project's text sources covers, in order.
std::vector<std::string> covered_texts(const Project& p) {
    std::vector<std::string> out;
    for (const auto& s : p.sources) {
        if (s.kind != SourceKind::Text) continue;
        auto text = load_plain_text(p, s);
        if (!text) continue;
        for (const auto& sel : s.selections) out.emplace_back(substr_code_points(*text, sel.start, sel.end));
    }
    return out;
}

/// A project's XML without GUID case, text file names and the numbers of text positions.
std::string comparable(const std::string& xml) {
    static const std::regex guid("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    static const std::regex numbers("(startPosition|endPosition|plainTextPath|richTextPath)=\"[^\"]*\"");
    std::string s = std::regex_replace(xml, numbers, "$1=\"-\"");
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), guid); it != std::sregex_iterator(); ++it) {
        out += s.substr(last, static_cast<std::size_t>(it->position()) - last);
        out += normalize_guid(it->str());
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    return out + s.substr(last);
}

}  // namespace

TEST_CASE("Round trip to another dialect and back keeps every excerpt, and a project as its tool writes it exactly",
          "[round-trip][writer][positions]") {
    auto samples = sample_projects();
    for (const auto& sample : samples) {
        INFO(sample.filename().string());
        TempDir dir("round-trip-dialect");
        Diagnostics d;
        Project p = read_project(sample, d);
        Dialect other = p.dialect == Dialect::Nvivo ? Dialect::Atlasti : Dialect::Nvivo;
        write_project(p, dir / "other.qdpx", d, {other});
        Diagnostics d2;
        // No --from: the output's origin names the dialect its positions are written in.
        Project converted = read_project(dir / "other.qdpx", d2);
        CHECK(converted.dialect == other);
        // The text may have other line breaks now; every selection still covers the same characters.
        CHECK(covered_texts(converted) == covered_texts(p));
        write_project(converted, dir / "back.qdpx", d2, {p.dialect});
        Diagnostics d3;
        Project back = read_project(dir / "back.qdpx", d3);
        CHECK(back.dialect == p.dialect);
        CHECK(covered_texts(back) == covered_texts(p));
        // Everything as it was but the origin, which now names the dialect Framer wrote ("NVivo (converted by
        // Framer)": the attribute cannot hold both, and the schema allows no other attribute on <Project>), and
        // what the layout of the other tool legitimately changed: GUID case, file names, and the offsets of a
        // text whose line breaks are not the ones its tool writes (the samples mix in one Windows CRLF file).
        back.origin = p.origin;
        CHECK_FALSE(framer::test::xml_difference(comparable(qde_text(sample)), comparable(project_to_xml(back, d3))));
    }
}

TEST_CASE("xml_difference ignores indentation and attribute order but notices every real change",
          "[round-trip][helpers]") {
    using framer::test::xml_difference;
    std::string a = "<P xmlns=\"u\" a=\"1\" b=\"2\"><C g=\"x\"><D> t\n</D></C><E/></P>";
    CHECK_FALSE(xml_difference(a, "<?xml version=\"1.0\"?>\n<P b=\"2\" a=\"1\" xmlns=\"u\">\n  <C g=\"x\">\n"
                                  "    <D> t\n</D>\n  </C>\n  <E/>\n</P>"));
    CHECK(xml_difference(a, "<P xmlns=\"u\" a=\"1\" b=\"3\"><C g=\"x\"><D> t\n</D></C><E/></P>"));  // value
    CHECK(xml_difference(a, "<P a=\"1\" b=\"2\"><C g=\"x\"><D> t\n</D></C><E/></P>"));               // xmlns lost
    CHECK(xml_difference(a, "<P xmlns=\"u\" a=\"1\" b=\"2\"><E/><C g=\"x\"><D> t\n</D></C></P>"));   // order
    CHECK(xml_difference(a, "<P xmlns=\"u\" a=\"1\" b=\"2\"><C g=\"x\"><D>t\n</D></C><E/></P>"));    // text
    CHECK(xml_difference(a, "<P xmlns=\"u\" a=\"1\" b=\"2\"><C g=\"X\"><D> t\n</D></C><E/></P>"));   // GUID case
    CHECK(xml_difference(a, "<P xmlns=\"u\" a=\"1\" b=\"2\"><C g=\"x\"><D> t\n</D></C></P>"));       // element lost
    CHECK(xml_difference(a, "<P xmlns=\"u\" a=\"1\" b=\"2\"><C g=\"x\"><D> t\n</D></C><E/><F/></P>"));  // added
    CHECK(xml_difference(a, "<P><broken></P>"));
}

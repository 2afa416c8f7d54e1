#include <catch2/catch.hpp>

#include <libdeflate.h>
#include <zip.h>

#include <map>
#include <memory>

#include "qdpx_archive.hpp"
#include "refi/refi.hpp"
#include "support/files.hpp"
#include "support/sample_project.hpp"
#include "support/xml_compare.hpp"
#include "support/xsd.hpp"
#include "support/zip_builder.hpp"

using namespace refi;
using framer::test::read_file;
using framer::test::TempDir;
using framer::test::test_guid;

namespace {

/// What a zip entry is, as stored: name, method, sizes, CRC and the raw (still compressed) bytes.
struct RawEntry {
    zip_uint16_t method = 0;
    zip_uint64_t comp_size = 0, size = 0;
    zip_uint32_t crc = 0;
    std::string raw;
    bool operator==(const RawEntry&) const = default;
};

std::map<std::string, RawEntry> raw_entries(const std::filesystem::path& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    REQUIRE(z);
    std::map<std::string, RawEntry> out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        REQUIRE(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0);
        RawEntry e{st.comp_method, st.comp_size, st.size, st.crc, {}};
        if (st.comp_size > 0) {
            zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), ZIP_FL_COMPRESSED);
            REQUIRE(f);
            e.raw.resize(st.comp_size);
            REQUIRE(zip_fread(f, e.raw.data(), st.comp_size) == static_cast<zip_int64_t>(st.comp_size));
            zip_fclose(f);
        }
        out[st.name] = e;
    }
    zip_discard(z);
    return out;
}

std::string entry_text(const std::filesystem::path& path, const std::string& name) {
    detail::QdpxArchive a(path);
    return a.read(name, 1 << 30);
}

/// An input .qdpx as NVivo for Windows writes it: Project.qde, Sources/ (deflated text, a stored picture).
struct Input {
    TempDir dir{"qdpx-writer"};
    std::filesystem::path path = dir / "input.qdpx";
    std::string text = "I like tea.\nAnd cake.";
    std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(300, '\x07');
    Project project;

    Input() {
        Project p = framer::test::make_full_project();
        p.sources[0].plain_text_content.reset();
        p.sources[0].plain_text_path = "internal://" + test_guid(40) + ".txt";
        Diagnostics d;
        std::string qde = project_to_xml(p, d);
        int err = 0;
        zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
        REQUIRE(z);
        auto add = [&](const std::string& name, const std::string& bytes, bool store, std::time_t mtime) {
            auto i = zip_file_add(z, name.c_str(), zip_source_buffer(z, bytes.data(), bytes.size(), 0), 0);
            REQUIRE(i >= 0);
            REQUIRE(zip_set_file_compression(z, static_cast<zip_uint64_t>(i), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                             store ? 0 : 9) == 0);
            zip_file_set_mtime(z, static_cast<zip_uint64_t>(i), mtime, 0);
        };
        add("Project.qde", qde, false, 1700000000);
        add("Sources/" + test_guid(40) + ".txt", text, false, 1700000100);
        add("Sources/" + test_guid(50) + ".png", png, true, 1700000200);
        const std::string readme = "kept as is";  // zip_close reads the buffers: they must live until then
        add("extra/readme.md", readme, false, 1700000300);
        REQUIRE(zip_close(z) == 0);
        project = read_project(path, d);
    }
};

}  // namespace

TEST_CASE("QdpxWriter copies every entry raw, renames Sources/ to sources/ and writes project.qde",
          "[writer][qdpx]") {
    Input in;
    auto out = in.dir / "output.qdpx";
    Diagnostics d;
    write_project(in.project, out, d);
    auto before = raw_entries(in.path);
    auto after = raw_entries(out);

    std::vector<std::string> names;
    for (const auto& [name, e] : after) names.push_back(name);
    CHECK(names == std::vector<std::string>{"extra/readme.md", "project.qde", "sources/" + test_guid(40) + ".txt",
                                            "sources/" + test_guid(50) + ".png"});
    // Same method, sizes, CRC and compressed bytes: copied, not recompressed (level 9 in, the writer uses 1 and 6).
    CHECK(after["sources/" + test_guid(40) + ".txt"] == before["Sources/" + test_guid(40) + ".txt"]);
    CHECK(after["sources/" + test_guid(50) + ".png"] == before["Sources/" + test_guid(50) + ".png"]);
    CHECK(after["extra/readme.md"] == before["extra/readme.md"]);
    CHECK(before["Sources/" + test_guid(50) + ".png"].method == ZIP_CM_STORE);
    CHECK(after["sources/" + test_guid(50) + ".png"].method == ZIP_CM_STORE);
    CHECK(after["project.qde"].method == ZIP_CM_DEFLATE);

    // Lossless: the same elements, attributes and text as the input's project.qde.
    CHECK_FALSE(framer::test::xml_difference(entry_text(in.path, "Project.qde"), entry_text(out, "project.qde")));
    Diagnostics d2;
    CHECK(read_project(out, d2) == in.project);
    // Every internal file is there; only the external media of make_full_project() are absent (and said so).
    std::vector<std::string> missing;
    for (const auto& item : d.items())
        if (item.id == "missing-source-file") missing.push_back(item.message);
    REQUIRE(missing.size() == 3);
    CHECK_THAT(missing[0], Catch::Contains("relative:///docs/a.pdf"));
    CHECK_THAT(missing[1], Catch::Contains("relative:///media/a.m4a"));
    CHECK_THAT(missing[2], Catch::Contains("absolute:///C:/media/v.mp4"));
    CHECK(entry_text(out, "project.qde").find("path=\"absolute:///C:/media/v.mp4\"") != std::string::npos);
}

TEST_CASE("QdpxWriter deflates project.qde with libdeflate's level 1 and stamps it 2019-09-25", "[writer][qdpx]") {
    Input in;
    auto out = in.dir / "output.qdpx";
    Diagnostics d;
    write_project(in.project, out, d);
    Diagnostics d2;
    const std::string xml = project_to_xml(in.project, d2);
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(libdeflate_alloc_compressor(1),
                                                                                  libdeflate_free_compressor);
    std::string expected(libdeflate_deflate_compress_bound(c.get(), xml.size()), '\0');
    expected.resize(libdeflate_deflate_compress(c.get(), xml.data(), xml.size(), expected.data(), expected.size()));
    auto entries = raw_entries(out);
    CHECK(entries["project.qde"].method == ZIP_CM_DEFLATE);
    CHECK(entries["project.qde"].size == xml.size());
    CHECK(entries["project.qde"].crc == libdeflate_crc32(0, xml.data(), xml.size()));
    CHECK(entries["project.qde"].raw == expected);  // the bytes of libdeflate, not of zlib
    // project.qde is the first entry and its local header carries the fixed DOS date (no data descriptor).
    const std::string bytes = read_file(out);
    REQUIRE(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK((static_cast<unsigned char>(bytes[6]) & 0x08) == 0);  // no data descriptor
    CHECK(static_cast<unsigned char>(bytes[12]) + 256 * static_cast<unsigned char>(bytes[13]) ==
          ((2019 - 1980) << 9 | 9 << 5 | 25));
    CHECK(bytes.substr(30, 11) == "project.qde");
}

TEST_CASE("QdpxWriter never copies a symbolic link's type into the output", "[writer][qdpx]") {
    Input in;
    auto out = in.dir / "output.qdpx";
    Diagnostics d;
    write_project(in.project, out, d);
    int err = 0;
    zip_t* z = zip_open(out.c_str(), ZIP_RDONLY, &err);
    REQUIRE(z);
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        REQUIRE(zip_file_get_external_attributes(z, static_cast<zip_uint64_t>(i), 0, &opsys, &attributes) == 0);
        INFO(zip_get_name(z, static_cast<zip_uint64_t>(i), 0));
        CHECK(opsys == ZIP_OPSYS_UNIX);
        CHECK(((attributes >> 16) & 0170000) == 0100000);  // S_IFREG
    }
    zip_discard(z);
}

TEST_CASE("QdpxWriter gives identical bytes when writing the same project twice", "[writer][qdpx]") {
    Input in;
    Diagnostics d;
    write_project(in.project, in.dir / "a.qdpx", d);
    write_project(in.project, in.dir / "b.qdpx", d);
    CHECK(read_file(in.dir / "a.qdpx") == read_file(in.dir / "b.qdpx"));
    // And a project read back from the output rewrites to the same bytes.
    Diagnostics d2;
    Project again = read_project(in.dir / "a.qdpx", d2);
    write_project(again, in.dir / "c.qdpx", d2);
    CHECK(read_file(in.dir / "a.qdpx") == read_file(in.dir / "c.qdpx"));
}

TEST_CASE("QdpxWriter keeps the copied entries' time stamps", "[writer][qdpx]") {
    Input in;
    Diagnostics d;
    write_project(in.project, in.dir / "out.qdpx", d);
    int err = 0;
    zip_t* z = zip_open((in.dir / "out.qdpx").c_str(), ZIP_RDONLY, &err);
    REQUIRE(z);
    zip_stat_t st;
    REQUIRE(zip_stat(z, ("sources/" + test_guid(50) + ".png").c_str(), 0, &st) == 0);
    // DOS time stamps have a 2-second resolution.
    CHECK(std::abs(static_cast<long>(st.mtime) - 1700000200L) <= 2);
    zip_discard(z);
}

TEST_CASE("QdpxWriter refuses to write over the file the project was read from", "[writer][qdpx][errors]") {
    Input in;
    std::string before = read_file(in.path);
    Diagnostics d;
    CHECK_THROWS_WITH(write_project(in.project, in.path, d), Catch::Contains("refusing to write over"));
    // Another spelling of the same path is the same file.
    auto other = in.dir.path() / "." / "input.qdpx";
    CHECK_THROWS_AS(write_project(in.project, other, d), Error);
    CHECK(read_file(in.path) == before);
    CHECK(framer::test::list_folder(in.dir.path()) == std::vector<std::string>{"input.qdpx"});
}

TEST_CASE("QdpxWriter warns about missing internal files and still writes", "[writer][qdpx]") {
    Input in;
    in.project.sources[0].plain_text_path = "internal://" + test_guid(999) + ".txt";
    Diagnostics d;
    write_project(in.project, in.dir / "out.qdpx", d);
    CHECK(d.contains("missing-source-file"));
    CHECK(std::filesystem::exists(in.dir / "out.qdpx"));
}

TEST_CASE("QdpxWriter leaves no temporary file behind when it fails", "[writer][qdpx][errors]") {
    Input in;
    std::filesystem::create_directory(in.dir / "taken.qdpx");  // the rename over a folder fails
    Diagnostics d;
    CHECK_THROWS_AS(write_project(in.project, in.dir / "taken.qdpx", d), Error);
    CHECK(framer::test::list_folder(in.dir.path()) == std::vector<std::string>{"input.qdpx", "taken.qdpx"});
    CHECK_THROWS_AS(write_project(in.project, in.dir / "no-such-folder" / "out.qdpx", d), Error);
    CHECK_THROWS_WITH(write_project(in.project, in.dir / "out.zip", d), Catch::Contains(".qdpx or .qde"));
}

TEST_CASE("QdpxWriter writes a bare .qde as the XML alone", "[writer][qdpx]") {
    Input in;
    Diagnostics d;
    write_project(in.project, in.dir / "out.qde", d);
    Diagnostics d2;
    CHECK(read_file(in.dir / "out.qde") == project_to_xml(in.project, d2));
    CHECK(d.contains("dropped-source-files"));  // the archive's files cannot travel in a bare .qde
}

TEST_CASE("QdpxWriter output validates against the project schema", "[writer][qdpx][xsd]") {
    if (auto skip = framer::test::xsd_skip_reason()) {
        WARN(*skip);
        return;
    }
    Input in;
    Diagnostics d;
    write_project(in.project, in.dir / "out.qdpx", d);
    write_project(in.project, in.dir / "out.qde", d);
    framer::test::write_file(in.dir / "extracted.qde", entry_text(in.dir / "out.qdpx", "project.qde"));
    for (auto file : {"extracted.qde", "out.qde"}) {
        auto r = framer::test::validate_project_xsd(in.dir / file);
        INFO(file << ": " << r.output);
        CHECK(r.valid);
    }
}

TEST_CASE("write_file_atomically replaces the content and leaves only the file", "[writer][atomic]") {
    TempDir dir("atomic");
    write_file_atomically(dir / "f.txt", "first");
    write_file_atomically(dir / "f.txt", "second");
    CHECK(read_file(dir / "f.txt") == "second");
    CHECK(framer::test::list_folder(dir.path()) == std::vector<std::string>{"f.txt"});
    CHECK_THROWS_AS(write_file_atomically(dir / "missing" / "f.txt", "x"), Error);
}

TEST_CASE("QdpxWriter packs the sources folder beside a bare .qde into the archive", "[writer][qdpx]") {
    TempDir dir("qde-folder");
    Project p;
    p.name = "folder";
    Source s;
    s.guid = test_guid(1);
    s.plain_text_path = "internal://" + test_guid(1) + ".txt";
    p.sources.push_back(s);
    Diagnostics d;
    framer::test::write_file(dir / "study.qde", project_to_xml(p, d));
    std::filesystem::create_directory(dir / "Sources");
    framer::test::write_file(dir / "Sources" / (test_guid(1) + ".txt"), "text beside the qde");

    Project read = read_project(dir / "study.qde", d);
    write_project(read, dir / "study.qdpx", d);
    CHECK_FALSE(d.contains("missing-source-file"));
    detail::QdpxArchive out(dir / "study.qdpx");
    CHECK(out.entries() == std::vector<std::string>{"sources/" + test_guid(1) + ".txt"});
    CHECK(out.read("sources/" + test_guid(1) + ".txt", 100) == "text beside the qde");
    CHECK_FALSE(framer::test::xml_difference(read_file(dir / "study.qde"), entry_text(dir / "study.qdpx", "project.qde")));
}

TEST_CASE("QdpxWriter stores a media file of a bare .qde's folder as it is and deflates its texts", "[writer][qdpx]") {
    TempDir dir("qde-folder-media");
    Project p;
    p.name = "folder";
    Source text;
    text.guid = test_guid(1);
    text.plain_text_path = "internal://" + test_guid(1) + ".txt";
    Source picture;
    picture.guid = test_guid(2);
    picture.kind = SourceKind::Picture;
    picture.path = "internal://" + test_guid(2) + ".png";
    p.sources = {text, picture};
    Diagnostics d;
    framer::test::write_file(dir / "study.qde", project_to_xml(p, d));
    std::filesystem::create_directory(dir / "sources");
    const std::string words = std::string(2000, 'a') + " text beside the qde";
    std::string png = std::string("\x89PNG\r\n\x1a\n", 8);
    for (int i = 0; i < 3000; ++i) png += static_cast<char>((i * 7919) >> 3);
    framer::test::write_file(dir / "sources" / (test_guid(1) + ".txt"), words);
    framer::test::write_file(dir / "sources" / (test_guid(2) + ".png"), png);

    Project read = read_project(dir / "study.qde", d);
    write_project(read, dir / "study.qdpx", d);
    auto entries = raw_entries(dir / "study.qdpx");
    const auto& t = entries["sources/" + test_guid(1) + ".txt"];
    const auto& m = entries["sources/" + test_guid(2) + ".png"];
    CHECK(t.method == ZIP_CM_DEFLATE);
    CHECK(t.comp_size < words.size());
    CHECK(t.crc == libdeflate_crc32(0, words.data(), words.size()));
    CHECK(m.method == ZIP_CM_STORE);
    CHECK(m.raw == png);  // stored: the raw bytes are the file's
    CHECK(m.crc == libdeflate_crc32(0, png.data(), png.size()));
    detail::QdpxArchive out(dir / "study.qdpx");  // libzip checks both CRCs when reading
    CHECK(out.read("sources/" + test_guid(1) + ".txt", 1 << 20) == words);
    CHECK(out.read("sources/" + test_guid(2) + ".png", 1 << 20) == png);
}

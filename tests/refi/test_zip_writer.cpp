// detail::ZipWriter, the .qdpx writer's own zip writer: what it writes must be read by libzip, Python's zipfile
// and Info-ZIP's unzip alike, with zip64 records when forced, and every failed write must be an error.
#include <catch2/catch.hpp>

#include <libdeflate.h>
#include <sys/stat.h>
#include <zip.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>

#include "refi/error.hpp"
#include "fast_deflate.hpp"
#include "refi/zip_writer.hpp"
#include "support/files.hpp"
#include "support/zip_builder.hpp"

using refi::DosTime;
using refi::ZipEntryInfo;
using refi::ZipWriter;
using framer::test::TempDir;

namespace {

std::uint32_t crc_of(std::string_view s) { return libdeflate_crc32(0, s.data(), s.size()); }

std::string deflate(std::string_view s) {
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(libdeflate_alloc_compressor(6),
                                                                                  libdeflate_free_compressor);
    std::string out(libdeflate_deflate_compress_bound(c.get(), s.size()), '\0');
    out.resize(libdeflate_deflate_compress(c.get(), s.data(), s.size(), out.data(), out.size()));
    return out;
}

ZipEntryInfo stored_info(const std::string& name, std::string_view data) {
    ZipEntryInfo info;
    info.name = name;
    info.size = info.comp_size = data.size();
    info.crc = crc_of(data);
    return info;
}

struct Read {
    std::uint16_t method = 0;
    std::uint64_t size = 0;
    std::string data;
    std::time_t mtime = 0;
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
};

/// Every entry as libzip reads it, inflated (libzip checks each CRC and fails the read on a mismatch).
std::map<std::string, Read> read_with_libzip(const std::filesystem::path& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    INFO("libzip error " << err);
    REQUIRE(z);
    std::map<std::string, Read> out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        REQUIRE(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0);
        Read r;
        r.method = st.comp_method;
        r.size = st.size;
        r.mtime = st.mtime;
        zip_file_get_external_attributes(z, static_cast<zip_uint64_t>(i), 0, &r.opsys, &r.attributes);
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(f);
        r.data.resize(st.size + 1);
        zip_int64_t n = zip_fread(f, r.data.data(), r.data.size());
        REQUIRE(n == static_cast<zip_int64_t>(st.size));
        r.data.resize(static_cast<std::size_t>(n));
        zip_fclose(f);
        out[st.name] = r;
    }
    zip_discard(z);
    return out;
}

bool have(const char* program) {
    return std::system(("command -v " + std::string(program) + " > /dev/null 2>&1").c_str()) == 0;
}

/// A small archive of each kind of entry; `zip64` forces the zip64 records.
void write_sample(const std::filesystem::path& path, bool zip64) {
    ZipWriter zip(path, path.string());
    if (zip64) zip.force_zip64_for_tests();
    const std::string xml = "<Project>" + std::string(5000, 'x') + "</Project>";
    ZipEntryInfo qde = stored_info("project.qde", xml);
    const std::string deflated = deflate(xml);
    qde.method = 8;
    qde.comp_size = deflated.size();
    zip.add(qde, deflated);
    zip.add_directory("sources/");
    zip.add(stored_info("sources/caf\xc3\xa9.txt", "caf\xc3\xa9 au lait"), "caf\xc3\xa9 au lait");
    ZipEntryInfo streamed = stored_info("sources/streamed.txt", "abcdef");
    zip.add_streamed(streamed, [](const auto& write) {
        write("abc");
        write("def");
    });
    ZipEntryInfo later;
    later.name = "sources/crc-later.bin";
    later.size = 4;
    zip.add_stored_streamed(later, [](const auto& write) { write("wxyz"); });
    zip.close();
}

}  // namespace

TEST_CASE("ZipWriter writes archives libzip reads back with the same data, methods and CRCs", "[zip][writer]") {
    TempDir dir("zip-writer");
    for (bool zip64 : {false, true}) {
        INFO("zip64 " << zip64);
        auto path = dir / (zip64 ? "zip64.zip" : "plain.zip");
        write_sample(path, zip64);
        auto entries = read_with_libzip(path);
        REQUIRE(entries.size() == 5);
        CHECK(entries["project.qde"].method == ZIP_CM_DEFLATE);
        CHECK(entries["project.qde"].data == "<Project>" + std::string(5000, 'x') + "</Project>");
        CHECK(entries["sources/"].size == 0);
        CHECK(entries["sources/caf\xc3\xa9.txt"].method == ZIP_CM_STORE);
        CHECK(entries["sources/caf\xc3\xa9.txt"].data == "caf\xc3\xa9 au lait");
        CHECK(entries["sources/streamed.txt"].data == "abcdef");
        CHECK(entries["sources/crc-later.bin"].data == "wxyz");  // the CRC patched into the header is right
    }
}

TEST_CASE("ZipWriter patches the CRC of a large streamed entry into a header already on disk", "[zip][writer]") {
    TempDir dir("zip-writer-large");
    auto path = dir / "large.zip";
    std::string big(3 << 20, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) >> 5);
    {
        ZipWriter zip(path, path.string());
        zip.add(stored_info("first", "1"), "1");
        ZipEntryInfo info;
        info.name = "big.bin";
        info.size = big.size();
        zip.add_stored_streamed(info, [&](const auto& write) {
            for (std::size_t at = 0; at < big.size(); at += 100000)
                write(std::string_view(big).substr(at, 100000));
        });
        zip.close();
    }
    auto entries = read_with_libzip(path);
    CHECK(entries["first"].data == "1");
    CHECK(entries["big.bin"].data == big);
}

TEST_CASE("ZipWriter's archives pass Python's zipfile and unzip -t, zip64 records included", "[zip][writer]") {
    TempDir dir("zip-writer-tools");
    write_sample(dir / "plain.zip", false);
    write_sample(dir / "zip64.zip", true);
    if (!have("python3")) {
        WARN("python3 not found; skipping the check with Python's zipfile");
    } else {
        for (const char* name : {"plain.zip", "zip64.zip"}) {
            INFO(name);
            // testzip() reads every entry and checks its CRC; the names and data are compared as well.
            std::string script =
                "import sys, zipfile\n"
                "z = zipfile.ZipFile(sys.argv[1])\n"
                "assert z.testzip() is None\n"
                "names = [i.filename for i in z.infolist()]\n"
                "assert names == ['project.qde', 'sources/', 'sources/caf\\u00e9.txt', 'sources/streamed.txt',"
                " 'sources/crc-later.bin'], names\n"
                "assert z.read('sources/caf\\u00e9.txt').decode() == 'caf\\u00e9 au lait'\n"
                "assert z.read('sources/crc-later.bin') == b'wxyz'\n"
                "assert z.getinfo('sources/').is_dir()\n";
            framer::test::write_file(dir / "check.py", script);
            CHECK(std::system(("python3 " + (dir / "check.py").string() + " " + (dir / name).string()).c_str()) == 0);
        }
    }
    if (!have("unzip")) {
        WARN("unzip not found; skipping the check with unzip -t");
    } else {
        for (const char* name : {"plain.zip", "zip64.zip"}) {
            INFO(name);
            CHECK(std::system(("unzip -tq " + (dir / name).string() + " > /dev/null").c_str()) == 0);
        }
    }
}

TEST_CASE("ZipWriter sets the UTF-8 flag for names that are not ASCII and zip64 fields only when asked",
          "[zip][writer]") {
    TempDir dir("zip-writer-flags");
    write_sample(dir / "plain.zip", false);
    write_sample(dir / "zip64.zip", true);
    const std::string plain = framer::test::read_file(dir / "plain.zip");
    const std::string big = framer::test::read_file(dir / "zip64.zip");
    auto u16 = [](const std::string& s, std::size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
    };
    // Local headers: general-purpose flags at 6, version needed at 4.
    std::size_t ascii = plain.find("PK\x03\x04");
    std::size_t utf8 = plain.rfind(std::string("PK\x03\x04", 4), plain.find("sources/caf"));
    REQUIRE(ascii == 0);
    CHECK((u16(plain, ascii + 6) & 0x0800) == 0);
    CHECK((u16(plain, utf8 + 6) & 0x0800) == 0x0800);
    CHECK(u16(plain, 4) == 20);
    CHECK(u16(big, 4) == 45);
    CHECK(plain.find(std::string("PK\x06\x06", 4)) == std::string::npos);  // no zip64 end record
    CHECK(big.find(std::string("PK\x06\x06", 4)) != std::string::npos);
    CHECK(big.find(std::string("PK\x06\x07", 4)) != std::string::npos);
}

TEST_CASE("ZipWriter writes only regular files and folders, whatever permissions it is given", "[zip][writer]") {
    TempDir dir("zip-writer-types");
    auto path = dir / "types.zip";
    {
        ZipWriter zip(path, path.string());
        ZipEntryInfo link = stored_info("link", "/etc/passwd");
        link.permissions = S_IFLNK | 0777;  // as a symbolic link's mode would say
        zip.add(link, "/etc/passwd");
        ZipEntryInfo device = stored_info("device", "");
        device.permissions = S_IFCHR | 0600;
        zip.add(device, "");
        zip.add_directory("folder/");
        zip.close();
    }
    auto entries = read_with_libzip(path);
    REQUIRE(entries.size() == 3);
    CHECK(entries["link"].opsys == ZIP_OPSYS_UNIX);
    CHECK((entries["link"].attributes >> 16) == (S_IFREG | 0777));
    CHECK((entries["device"].attributes >> 16) == (S_IFREG | 0600));
    CHECK(((entries["folder/"].attributes >> 16) & S_IFMT) == S_IFDIR);
}

TEST_CASE("ZipWriter stamps its own entries 2019-09-25 and converts other times as libzip reads them",
          "[zip][writer]") {
    TempDir dir("zip-writer-time");
    auto path = dir / "time.zip";
    const std::time_t when = 1700000200;  // even: DOS times have a two-second resolution
    {
        ZipWriter zip(path, path.string());
        zip.add(stored_info("fixed", "a"), "a");
        ZipEntryInfo stamped = stored_info("stamped", "b");
        stamped.time = refi::dos_time_of(when);
        zip.add(stamped, "b");
        zip.close();
    }
    auto entries = read_with_libzip(path);
    CHECK(entries["stamped"].mtime == when);
    std::tm tm{};
    std::time_t fixed = entries["fixed"].mtime;
    localtime_r(&fixed, &tm);
    CHECK(tm.tm_year + 1900 == 2019);
    CHECK(tm.tm_mon + 1 == 9);
    CHECK(tm.tm_mday == 25);
}

TEST_CASE("ZipWriter refuses streamed data of another length than announced", "[zip][writer][errors]") {
    TempDir dir("zip-writer-length");
    auto path = dir / "length.zip";
    ZipWriter zip(path, "out.qdpx");
    ZipEntryInfo info = stored_info("short", "abcdef");
    CHECK_THROWS_WITH(zip.add_streamed(info, [](const auto& write) { write("abc"); }),
                      Catch::Contains("out.qdpx") && Catch::Contains("delivered 3 bytes, not the 6"));
    ZipWriter zip2(dir / "long.zip", "out.qdpx");
    CHECK_THROWS_WITH(zip2.add_streamed(info, [](const auto& write) { write("abcdefgh"); }),
                      Catch::Contains("delivered 8 bytes, not the 6"));
    ZipWriter zip3(dir / "stored.zip", "out.qdpx");
    ZipEntryInfo later;
    later.name = "later";
    later.size = 10;
    CHECK_THROWS_WITH(zip3.add_stored_streamed(later, [](const auto& write) { write("abc"); }),
                      Catch::Contains("delivered 3 bytes, not the 10"));
    ZipWriter zip4(dir / "names.zip", "out.qdpx");
    CHECK_THROWS_AS(zip4.add(stored_info("", ""), ""), refi::Error);
    CHECK_THROWS_AS(zip4.add(stored_info("/etc/passwd", ""), ""), refi::Error);
    CHECK_THROWS_AS(zip4.add(stored_info(std::string("a\0b", 3), ""), ""), refi::Error);
}

TEST_CASE("ZipWriter reports a full disk as an error naming the output", "[zip][writer][errors]") {
    if (!std::filesystem::exists("/dev/full")) {
        WARN("/dev/full not found; skipping");
        return;
    }
    const std::string data(3 << 20, 'q');  // more than the writer buffers, so add() itself writes
    {
        ZipWriter zip("/dev/full", "out.qdpx");
        CHECK_THROWS_WITH(zip.add(stored_info("big", data), data),
                          Catch::Contains("out.qdpx") && Catch::Contains("No space left"));
    }
    {
        ZipWriter zip("/dev/full", "out.qdpx");
        zip.add(stored_info("small", "x"), "x");  // buffered: the failure comes with close()
        CHECK_THROWS_WITH(zip.close(), Catch::Contains("cannot write the archive") && Catch::Contains("No space left"));
    }
}

TEST_CASE("ZipWriter deflates a large level-1 entry with ISA-L and a small one with libdeflate, both read back",
          "[zip][writer]") {
    TempDir dir("zip-writer-fast");
    // 2 MiB of XML-like text (what project.qde is) and 4 KiB of it.
    std::string large;
    for (int i = 0; large.size() < (2u << 20); ++i)
        large += "  <PlainTextSelection guid=\"" + std::to_string(i * 7919) + "\" startPosition=\"" +
                 std::to_string(i) + "\" endPosition=\"" + std::to_string(i + 40) + "\"/>\n";
    const std::string small = large.substr(0, 4096);
    const auto path = dir / "fast.zip";
    {
        ZipWriter zip(path, "fast.zip");
        zip.add_deflated("large.qde", large, 1);
        zip.add_deflated("small.qde", small, 1);
        zip.close();
    }
    auto entries = read_with_libzip(path);
    CHECK(entries["large.qde"].method == ZIP_CM_DEFLATE);
    CHECK(entries["large.qde"].data == large);
    CHECK(entries["small.qde"].data == small);
    // The compressed bytes: ISA-L's for the large entry, libdeflate level 1's for the small one.
    auto compressed = [&](const char* name) {
        int err = 0;
        zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
        REQUIRE(z);
        zip_stat_t st;
        REQUIRE(zip_stat(z, name, 0, &st) == 0);
        zip_file_t* f = zip_fopen(z, name, ZIP_FL_COMPRESSED);
        REQUIRE(f);
        std::string raw(st.comp_size, '\0');
        REQUIRE(zip_fread(f, raw.data(), raw.size()) == static_cast<zip_int64_t>(raw.size()));
        zip_fclose(f);
        zip_discard(z);
        return raw;
    };
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(libdeflate_alloc_compressor(1),
                                                                                  libdeflate_free_compressor);
    std::string isal(large.size(), '\0');
    isal.resize(refi::detail::fast_deflate(large, isal.data(), isal.size()));
    REQUIRE_FALSE(isal.empty());
    CHECK(compressed("large.qde") == isal);
    std::string expected(libdeflate_deflate_compress_bound(c.get(), small.size()), '\0');
    expected.resize(libdeflate_deflate_compress(c.get(), small.data(), small.size(), expected.data(), expected.size()));
    CHECK(compressed("small.qde") == expected);
    // ISA-L declines what does not fit, and libdeflate takes over.
    char tiny[8];
    CHECK(refi::detail::fast_deflate(large, tiny, sizeof tiny) == 0);
}

TEST_CASE("ZipWriter deflates an entry given in pieces as one stream, without joining large pieces", "[zip][writer]") {
    TempDir dir("zip-writer-pieces");
    // A sheet's head, rows and tail: 3 MiB in three pieces (ISA-L's stream), and a small entry in pieces
    // (joined, then libdeflate: the same bytes as the entry given whole).
    std::string rows;
    for (int i = 0; rows.size() < (3u << 20); ++i)
        rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) + "\" s=\"3\"/></row>";
    const std::string head = "<?xml version=\"1.0\"?><worksheet><sheetData>", tail = "</sheetData></worksheet>";
    const auto path = dir / "pieces.zip";
    {
        ZipWriter zip(path, "pieces.zip");
        zip.add_deflated("large.xml", std::vector<std::string_view>{head, rows, tail}, 1);
        zip.add_deflated("small.xml", std::vector<std::string_view>{head, std::string_view(rows).substr(0, 500), tail}, 1);
        zip.add_deflated("whole.xml", head + rows.substr(0, 500) + tail, 1);
        zip.add_deflated("empty.xml", std::vector<std::string_view>{}, 1);
        zip.close();
    }
    auto entries = read_with_libzip(path);
    CHECK(entries["large.xml"].method == ZIP_CM_DEFLATE);
    CHECK(entries["large.xml"].data == head + rows + tail);
    CHECK(entries["large.xml"].data.size() > (3u << 20));
    CHECK(entries["small.xml"].data == head + rows.substr(0, 500) + tail);
    CHECK(entries["empty.xml"].data.empty());
    // unzip -t checks every CRC independently of libzip.
    if (have("unzip")) CHECK(std::system(("unzip -tq \"" + path.string() + "\" > /dev/null").c_str()) == 0);
}

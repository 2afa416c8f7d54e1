// Tests of the sources/ folder beside a bare .qde: files are read from inside it only, symbolic links are
// skipped with a warning (a link to /etc/passwd must not be embedded in an output).
#include <catch2/catch.hpp>

#include <filesystem>

#include "refi/guid.hpp"
#include "refi/refi.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;

TEST_CASE("A bare .qde's sources folder does not follow symbolic links", "[reader][qde][symlink]") {
    fs::path dir = fs::temp_directory_path() / ("framer-dirstore-" + refi::make_guid());
    fs::create_directories(dir / "sources");
    framer::test::write_file(dir / "outside.txt", "secret");
    framer::test::write_file(dir / "sources" / "inside.txt", "Hello");
    fs::create_symlink(dir / "outside.txt", dir / "sources" / "link.txt");
    framer::test::write_file(dir / "project.qde", R"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="links"><Sources>
<TextSource guid="A1B2C3D4-0000-4000-8000-000000000001" name="in" plainTextPath="internal://inside.txt"/>
<TextSource guid="A1B2C3D4-0000-4000-8000-000000000002" name="link" plainTextPath="internal://link.txt"/>
</Sources></Project>
)");
    refi::Diagnostics d;
    refi::Project p = refi::read_project(dir / "project.qde", d);
    CHECK(d.contains("symlink-skipped"));
    REQUIRE(p.sources.size() == 2);
    CHECK(refi::load_plain_text(p, p.sources[0]) == std::optional<std::string>("Hello"));
    CHECK_FALSE(refi::load_plain_text(p, p.sources[1]).has_value());  // absent, not the linked file
    std::error_code ec;
    fs::remove_all(dir, ec);
}

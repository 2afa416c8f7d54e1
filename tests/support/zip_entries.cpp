// Every entry of an in-memory zip (support/zip_entries.hpp).
#include "support/zip_entries.hpp"

#include <catch2/catch.hpp>
#include <zip.h>

namespace framer::test {

std::vector<std::pair<std::string, std::string>> zip_entries(const std::string& bytes) {
    std::vector<std::pair<std::string, std::string>> entries;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    REQUIRE(src);
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    REQUIRE(za);
    for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
        zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(f);
        std::string content(st.size, '\0');
        REQUIRE(zip_fread(f, content.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(f);
        entries.emplace_back(st.name, std::move(content));
    }
    zip_close(za);
    return entries;
}

}  // namespace framer::test

// The content-bearing XML parts of an xlsx or docx, for golden files (support/zip_dump.hpp).
#include "support/zip_dump.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace framer::test {

std::string zip_dump(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* zip = zip_open_from_source(src, ZIP_RDONLY, &error);
    REQUIRE(zip);
    std::vector<std::string> names;
    for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) names.push_back(zip_get_name(zip, i, 0));
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) {
        if (n.rfind("xl/worksheets/", 0) != 0 && n != "xl/sharedStrings.xml" && n != "xl/workbook.xml" &&
            n != "word/document.xml")
            continue;
        zip_file_t* f = zip_fopen(zip, n.c_str(), 0);
        std::string content;
        char buf[65536];
        zip_int64_t got;
        while ((got = zip_fread(f, buf, sizeof buf)) > 0) content.append(buf, static_cast<std::size_t>(got));
        zip_fclose(f);
        if (n.rfind("word/", 0) == 0) {
            pugi::xml_document doc;
            REQUIRE(doc.load_string(content.c_str()));
            std::ostringstream pretty;
            doc.save(pretty, " ");
            content = pretty.str();
        }
        out += "=== " + n + "\n" + content + "\n";
    }
    zip_close(zip);
    return out;
}

}  // namespace framer::test

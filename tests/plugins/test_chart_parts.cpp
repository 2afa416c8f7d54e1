// The "parts" option: an exporter that reads only the JSON (or only the tables) lets chart skip the other part,
// without changing the part it builds.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/json_writer.hpp"

#include "plugins/chart_test_support.hpp"

using namespace framer;

TEST_CASE("Chart with parts=json streams the same JSON, builds no tree and no tables", "[chart][parts]") {
    refi::Project project = test::read_sample("recovery-study.qdpx");
    Result both = test::run_chart(project);
    Options json_only;
    json_only.set("parts", "json");
    Result json = test::run_chart(project, json_only);
    REQUIRE(json.write_json);
    std::string streamed;
    {
        JsonWriter writer(streamed, 2);
        json.write_json(writer);
        writer.finish();
    }
    CHECK(streamed == both.json.dump());
    CHECK(json.json.is_null());  // no tree of every excerpt
    CHECK(json.tables.empty());
    CHECK_FALSE(both.tables.empty());
}

TEST_CASE("Chart with parts=tables builds the same tables and no JSON themes", "[chart][parts]") {
    refi::Project project = test::read_sample("recovery-study.qdpx");
    Result both = test::run_chart(project);
    Options tables_only;
    tables_only.set("parts", "tables");
    Result tables = test::run_chart(project, tables_only);
    CHECK_FALSE(tables.json.contains("themes"));
    REQUIRE(tables.tables.size() == both.tables.size());
    const Exporter* csv = builtin_registry().exporter("csv");
    const Exporter* md = builtin_registry().exporter("md");
    REQUIRE(csv);
    REQUIRE(md);
    for (const Exporter* e : {csv, md}) {
        std::ostringstream a, b;
        e->write(both, a);
        e->write(tables, b);
        CHECK(a.str() == b.str());
    }
}

TEST_CASE("Chart with parts=csv builds only the long table, and csv writes the same bytes", "[chart][parts]") {
    refi::Project project = test::read_sample("recovery-study.qdpx");
    Result both = test::run_chart(project);
    Options csv_only;
    csv_only.set("parts", "csv");
    Result csv = test::run_chart(project, csv_only);
    CHECK_FALSE(csv.json.contains("themes"));
    REQUIRE(csv.tables.size() == 1);
    CHECK(csv.tables.front().csv_only);
    const Exporter* exporter = builtin_registry().exporter("csv");
    REQUIRE(exporter);
    std::ostringstream a, b;
    exporter->write(both, a);
    exporter->write(csv, b);
    CHECK(a.str() == b.str());
}

TEST_CASE("Chart with parts=documents builds the document tables without the long table", "[chart][parts]") {
    refi::Project project = test::read_sample("recovery-study.qdpx");
    Result both = test::run_chart(project);
    Options documents_only;
    documents_only.set("parts", "documents");
    Result documents = test::run_chart(project, documents_only);
    CHECK_FALSE(documents.json.contains("themes"));
    REQUIRE(documents.tables.size() + 1 == both.tables.size());
    for (const auto& t : documents.tables) CHECK_FALSE(t.csv_only);
    for (const char* name : {"md", "html", "latex"}) {
        const Exporter* e = builtin_registry().exporter(name);
        REQUIRE(e);
        std::ostringstream a, b;
        e->write(both, a);
        e->write(documents, b);
        CHECK(a.str() == b.str());
    }
}

TEST_CASE("Json written to a stream equals the dumped string, also when it is spilled in pieces", "[json]") {
    Json big = Json::array();
    for (int i = 0; i < 40000; ++i) {
        Json o = Json::object();
        o["text"] = std::string("excerpt \"") + std::to_string(i) + "\" — é\n";
        o["n"] = i;
        big.push_back(std::move(o));
    }
    std::ostringstream streamed;
    big.dump(streamed, 2);
    CHECK(streamed.str().size() > (1u << 20));  // more than one spill
    CHECK(streamed.str() == big.dump(2));
}

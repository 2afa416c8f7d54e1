// framer::resolve_code: the one way every analysis reads a code named in an option (--applies, --theme).
#include <catch2/catch.hpp>

#include "core/lookup.hpp"
#include "core/plugin.hpp"
#include "plugins/chart_test_support.hpp"

using framer::resolve_code;

TEST_CASE("resolve_code takes a name, a path in any of its spellings, or a GUID", "[lookup]") {
    refi::Project p = framer::test::read_sample("recovery-study.qdpx");
    const std::string theme = "Challenge 4: Balancing support and independence";
    const refi::Code& by_name = resolve_code(p, theme);
    CHECK(by_name.name == theme);
    CHECK(&resolve_code(p, "Domain 2: Challenges in therapy/" + theme) == &by_name);
    CHECK(&resolve_code(p, "Domain 2: Challenges in therapy > " + theme) == &by_name);
    CHECK(&resolve_code(p, "Domain 2: Challenges in therapy::" + theme) == &by_name);
    CHECK(&resolve_code(p, by_name.guid) == &by_name);
    CHECK(&resolve_code(p, "challenge 4: balancing support and independence") == &by_name);
    // A name that holds a '/' is found by its name, and by its path.
    const refi::Code& slash = resolve_code(p, "Regular/ intensive therapy");
    CHECK(slash.name == "Regular/ intensive therapy");
    CHECK(&resolve_code(p, "/Domain 2: Challenges in therapy/" + theme + "/Regular/ intensive therapy") == &slash);
    CHECK_THROWS_WITH(resolve_code(p, "Challenge 4: Balancing support"), Catch::Contains("unknown code"));
}

// The coefficients against the published examples (../shared/STUDY-CHECKS.md §1.8) and their undefined cases.
#include <catch2/catch.hpp>

#include <vector>

#include "agreement/statistics.hpp"

using namespace framer::agreement;
using Catch::Detail::Approx;

namespace {

double value(const Coefficient& c) {
    REQUIRE(c.defined());
    REQUIRE(c.undefined.empty());
    return *c.value;
}

/// Krippendorff's alpha from raw unit values by the general coincidence-matrix definition (any number of
/// categories, two coders), written independently of krippendorff_alpha_binary's closed form.
double alpha_by_coincidences(const std::vector<int>& a, const std::vector<int>& b) {
    double o[2][2] = {{0, 0}, {0, 0}};
    for (std::size_t u = 0; u < a.size(); ++u) {
        o[a[u]][b[u]] += 1;  // m_u - 1 = 1: each ordered pair of the unit's two values
        o[b[u]][a[u]] += 1;
    }
    double n_c[2] = {o[0][0] + o[0][1], o[1][0] + o[1][1]};
    double n = n_c[0] + n_c[1];
    double d_o = (o[0][1] + o[1][0]) / n;
    double d_e = (n_c[0] * n_c[1] + n_c[1] * n_c[0]) / (n * (n - 1));
    return 1 - d_o / d_e;
}

TwoByTwo table_of(const std::vector<int>& a, const std::vector<int>& b) {
    TwoByTwo t;
    for (std::size_t u = 0; u < a.size(); ++u)
        (a[u] ? (b[u] ? t.both : t.a_only) : (b[u] ? t.b_only : t.neither)) += 1;
    return t;
}

}  // namespace

TEST_CASE("Percent agreement reproduces NVivo's documented example: 85% of 1000 characters", "[agreement][stats]") {
    // 50 coded by both, 150 by one coder only (A 150 in all, B 100), 800 by neither.
    TwoByTwo t{50, 100, 50, 800};
    CHECK(t.total() == 1000);
    CHECK(value(percent_agreement(t)) == Approx(0.85));
    CHECK(value(coded_agreement(t)) == Approx(50.0 / 200.0));
}

TEST_CASE("Cohen's kappa on NVivo's example is 0.318 with A = 150 and B = 100, 0.314 with 125 each", "[agreement][stats]") {
    CHECK(value(cohen_kappa(TwoByTwo{50, 100, 50, 800})) == Approx(70.0 / 220.0));
    CHECK(value(cohen_kappa(TwoByTwo{50, 100, 50, 800})) == Approx(0.3182).margin(0.00005));
    CHECK(value(cohen_kappa(TwoByTwo{50, 75, 75, 800})) == Approx(0.314).margin(0.0005));
}

TEST_CASE("ATLAS.ti's example 1100000000 vs 0110010100 gives 60%, kappa 0.0909 and alpha 0.0952", "[agreement][stats]") {
    const std::vector<int> a{1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, b{0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
    const TwoByTwo t = table_of(a, b);
    CHECK(t.both == 1);
    CHECK(t.a_only == 1);
    CHECK(t.b_only == 3);
    CHECK(t.neither == 5);
    CHECK(value(percent_agreement(t)) == Approx(0.6));
    CHECK(value(cohen_kappa(t)) == Approx(0.04 / 0.44));
    CHECK(value(cohen_kappa(t)) == Approx(0.0909).margin(0.00005));
    CHECK(value(krippendorff_alpha_binary(t)) == Approx(0.0952).margin(0.00005));
    CHECK(value(krippendorff_alpha_binary(t)) == Approx(alpha_by_coincidences(a, b)));
}

TEST_CASE("Binary alpha agrees with the coincidence-matrix definition on uneven data", "[agreement][stats]") {
    const std::vector<int> a{1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0}, b{1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0};
    CHECK(value(krippendorff_alpha_binary(table_of(a, b))) == Approx(alpha_by_coincidences(a, b)));
}

TEST_CASE("Brennan and Prediger's kappa with p_o = 0.9333 is 0.867 for k = 2 and 0.926 for k = 10", "[agreement][stats]") {
    const Coefficient po = Coefficient::of(14.0 / 15.0);
    CHECK(value(brennan_prediger(po, 2)) == Approx(0.867).margin(0.0005));
    CHECK(value(brennan_prediger(po, 5)) == Approx(0.917).margin(0.0005));
    CHECK(value(brennan_prediger(po, 10)) == Approx(0.926).margin(0.0005));
}

TEST_CASE("Brennan and Prediger's kappa is undefined for k = 1 and when p_o is", "[agreement][stats]") {
    CHECK_FALSE(brennan_prediger(Coefficient::of(0.9), 1).defined());
    CHECK(brennan_prediger(Coefficient::of(0.9), 1).undefined.find("k = 1") != std::string::npos);
    const Coefficient none = brennan_prediger(percent_agreement(TwoByTwo{}), 4);
    CHECK_FALSE(none.defined());
    CHECK(none.undefined == "no units to compare");
}

TEST_CASE("When neither coder coded anything, agreement is 100% and the coefficients say why they are undefined", "[agreement][stats]") {
    TwoByTwo t{0, 0, 0, 500};
    CHECK(value(percent_agreement(t)) == 1.0);
    for (const Coefficient& c : {coded_agreement(t), cohen_kappa(t), krippendorff_alpha_binary(t)}) {
        CHECK_FALSE(c.defined());
        CHECK(c.undefined.find("neither coder coded any unit") != std::string::npos);
    }
}

TEST_CASE("When both coders coded every unit, kappa and alpha are undefined, agreement is 100%", "[agreement][stats]") {
    TwoByTwo t{40, 0, 0, 0};
    CHECK(value(percent_agreement(t)) == 1.0);
    CHECK(value(coded_agreement(t)) == 1.0);
    CHECK(cohen_kappa(t).undefined.find("both coders coded every unit") != std::string::npos);
    CHECK(krippendorff_alpha_binary(t).undefined.find("both coders coded every unit") != std::string::npos);
}

TEST_CASE("Perfect agreement with coded and uncoded units gives kappa and alpha of 1", "[agreement][stats]") {
    TwoByTwo t{30, 0, 0, 70};
    CHECK(value(cohen_kappa(t)) == 1.0);
    CHECK(value(krippendorff_alpha_binary(t)) == Approx(1.0));
    CHECK(value(coded_agreement(t)) == 1.0);
}

TEST_CASE("One coder coding nothing gives kappa 0 and a negative alpha, both defined", "[agreement][stats]") {
    TwoByTwo t{0, 5, 0, 5};  // N = 10, A coded 5, B nothing
    CHECK(value(cohen_kappa(t)) == Approx(0.0).margin(1e-12));
    // alpha = 1 - (2N - 1) / (2N - b) = 1 - 19/15
    CHECK(value(krippendorff_alpha_binary(t)) == Approx(1.0 - 19.0 / 15.0));
    CHECK(value(coded_agreement(t)) == 0.0);
}

TEST_CASE("No units at all: every coefficient is undefined, none is NaN", "[agreement][stats]") {
    TwoByTwo t;
    for (const Coefficient& c : {percent_agreement(t), coded_agreement(t), cohen_kappa(t), krippendorff_alpha_binary(t)}) {
        CHECK_FALSE(c.defined());
        CHECK(c.undefined == "no units to compare");
    }
}

TEST_CASE("Segment agreement is 2M over both coders' segments and undefined with no segments", "[agreement][stats]") {
    CHECK(value(segment_agreement(3, 4, 5)) == Approx(6.0 / 9.0));
    CHECK(value(segment_agreement(0, 2, 0)) == 0.0);
    CHECK_FALSE(segment_agreement(0, 0, 0).defined());
}

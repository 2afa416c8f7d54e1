// Each coefficient checks its own denominator first: the undefined cases are the ones users ask about ("why is
// kappa missing?"), so the reason names the situation, not the arithmetic.
#include "agreement/statistics.hpp"

namespace framer::agreement {

Coefficient percent_agreement(const TwoByTwo& t) {
    if (t.total() == 0) return Coefficient::none("no units to compare");
    return Coefficient::of(static_cast<double>(t.both + t.neither) / static_cast<double>(t.total()));
}

Coefficient coded_agreement(const TwoByTwo& t) {
    if (t.total() == 0) return Coefficient::none("no units to compare");
    if (t.coded_by_either() == 0) return Coefficient::none("neither coder coded any unit");
    return Coefficient::of(static_cast<double>(t.both) / static_cast<double>(t.coded_by_either()));
}

Coefficient cohen_kappa(const TwoByTwo& t) {
    const std::int64_t n = t.total();
    if (n == 0) return Coefficient::none("no units to compare");
    if (t.coded_by_either() == 0) return Coefficient::none("neither coder coded any unit (chance agreement is 1)");
    if (t.neither == 0 && t.a_only == 0 && t.b_only == 0)
        return Coefficient::none("both coders coded every unit (chance agreement is 1)");
    // In counts, p_e = (nA nB + (n - nA)(n - nB)) / n^2; kept in doubles after the products (n can be 10^9).
    const double dn = static_cast<double>(n);
    const double na = static_cast<double>(t.coded_by_a()), nb = static_cast<double>(t.coded_by_b());
    const double po = static_cast<double>(t.both + t.neither) / dn;
    const double pe = (na * nb + (dn - na) * (dn - nb)) / (dn * dn);
    return Coefficient::of((po - pe) / (1.0 - pe));
}

Coefficient krippendorff_alpha_binary(const TwoByTwo& t) {
    const std::int64_t units = t.total();
    if (units == 0) return Coefficient::none("no units to compare");
    // Values: 2 per unit. n1 = how often "coded" was given, n0 = "not coded".
    const double n = 2.0 * static_cast<double>(units);
    const double n1 = static_cast<double>(t.coded_by_a() + t.coded_by_b());
    const double n0 = n - n1;
    if (n1 == 0) return Coefficient::none("neither coder coded any unit (no variation)");
    if (n0 == 0) return Coefficient::none("both coders coded every unit (no variation)");
    // o_01 + o_10 = 2 (b + c) (each disagreeing unit is one pair in each direction, m_u - 1 = 1);
    // D_o = (o_01 + o_10) / n, D_e = 2 n0 n1 / (n (n - 1)).
    const double observed = 2.0 * static_cast<double>(t.a_only + t.b_only) / n;
    const double expected = 2.0 * n0 * n1 / (n * (n - 1.0));
    return Coefficient::of(1.0 - observed / expected);
}

Coefficient brennan_prediger(const Coefficient& observed, std::int64_t k) {
    if (!observed.defined()) return observed;
    if (k < 2) return Coefficient::none("k = " + std::to_string(k) + " category: chance agreement 1/k is 1");
    const double pc = 1.0 / static_cast<double>(k);
    return Coefficient::of((*observed.value - pc) / (1.0 - pc));
}

Coefficient segment_agreement(std::int64_t matched, std::int64_t segments_a, std::int64_t segments_b) {
    if (segments_a + segments_b == 0) return Coefficient::none("neither coder has a segment");
    return Coefficient::of(2.0 * static_cast<double>(matched) / static_cast<double>(segments_a + segments_b));
}

}  // namespace framer::agreement

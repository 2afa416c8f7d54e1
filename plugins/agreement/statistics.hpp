#pragma once
/// The agreement coefficients of `framer agreement`, on plain counts: no project, no text, so each formula can be
/// checked against the published examples (docs/agreement.md, tests/plugins/test_agreement_statistics.cpp).

#include <cstdint>
#include <optional>
#include <string>

namespace framer::agreement {

/// A coefficient, or the reason it is undefined (a zero denominator is reported, never computed as NaN).
struct Coefficient {
    std::optional<double> value;
    std::string undefined;  ///< why there is no value; empty when there is one

    static Coefficient of(double v) { return Coefficient{v, {}}; }
    static Coefficient none(std::string why) { return Coefficient{std::nullopt, std::move(why)}; }
    bool defined() const { return value.has_value(); }
};

/// Two coders' binary decisions over the same units (characters, or document-code pairs): the 2x2 table.
/// In the usual notation a = both, b = A only, c = B only, d = neither.
struct TwoByTwo {
    std::int64_t both = 0;
    std::int64_t a_only = 0;
    std::int64_t b_only = 0;
    std::int64_t neither = 0;

    std::int64_t total() const { return both + a_only + b_only + neither; }
    std::int64_t coded_by_a() const { return both + a_only; }
    std::int64_t coded_by_b() const { return both + b_only; }
    std::int64_t coded_by_either() const { return both + a_only + b_only; }
    TwoByTwo& operator+=(const TwoByTwo& o) {
        both += o.both; a_only += o.a_only; b_only += o.b_only; neither += o.neither;
        return *this;
    }
};

/// Observed agreement (a + d) / n: uncoded units agreeing count, as NVivo's coding comparison does.
Coefficient percent_agreement(const TwoByTwo& t);
/// Agreement on coded units only, a / (a + b + c) (Jaccard; QualCoder's "agree coded only", requal's measure).
Coefficient coded_agreement(const TwoByTwo& t);
/// Cohen's kappa (p_o - p_e) / (1 - p_e), p_e = p_A p_B + (1 - p_A)(1 - p_B) from each coder's own marginals
/// (NVivo's EF1 + EF2). Undefined when p_e = 1: both coders coded every unit, or neither coded any.
Coefficient cohen_kappa(const TwoByTwo& t);
/// Krippendorff's alpha for two coders, binary (nominal) values, no missing data: 1 - D_o / D_e over the 2n
/// pairable values (coincidence matrix). Undefined when every value is the same (D_e = 0).
Coefficient krippendorff_alpha_binary(const TwoByTwo& t);
/// Brennan & Prediger's kappa (p_o - 1/k) / (1 - 1/k), chance fixed at 1/k (MAXQDA: k = the number of codes in the
/// result table). Undefined when p_o is undefined or k < 2.
Coefficient brennan_prediger(const Coefficient& observed, std::int64_t k);
/// Segment agreement 2M / (n_A + n_B): M one-to-one matched pairs of n_A and n_B segments (Holsti's form).
Coefficient segment_agreement(std::int64_t matched, std::int64_t segments_a, std::int64_t segments_b);

}  // namespace framer::agreement

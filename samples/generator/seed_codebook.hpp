#pragma once
/// The seed paper's coding framework (Table 2: domains -> themes -> subthemes) with its participant counts per
/// group, as the generators need them. The counts are the ones printed in the paper; the generator of
/// seed-table2.qdpx reproduces them and checks every one.

#include <string>
#include <vector>

namespace framer::samples {

struct SubthemeSpec {
    std::string name;
    int service_users = 0;  ///< participants of 48 (or of the 34 in group therapy when group_therapy_only)
    int therapists = 0;     ///< of 15 (or of 8)
    bool group_therapy_only = false;  ///< footnote b: applies only to participants with Group therapy = Yes
};

struct ThemeSpec {
    std::string name;
    int service_users = 0;
    int therapists = 0;
    std::vector<SubthemeSpec> subthemes;
};

struct DomainSpec {
    std::string name;
    std::vector<ThemeSpec> themes;
};

/// Table 2 of the seed paper, in its order and wording.
const std::vector<DomainSpec>& seed_table2();

/// Colours for the codebook, one per theme (index in the whole table), as "#RRGGBB" uppercase.
std::string theme_color(std::size_t theme_index);

}  // namespace framer::samples

// A sequence: first appearances in interview order, then the two rules on the counts.
#include "saturation/sequence.hpp"

#include <unordered_set>

namespace framer::saturation {

Sequence make_sequence(std::string group, std::vector<std::size_t> units, std::vector<std::string> keys,
                       const std::vector<std::vector<int>>& codes_of, const Parameters& parameters) {
    Sequence s;
    s.group = std::move(group);
    s.units = std::move(units);
    s.keys = std::move(keys);
    std::unordered_set<int> seen;
    for (std::size_t u : s.units) {
        std::vector<int> fresh;
        for (int id : codes_of[u])
            if (seen.insert(id).second) fresh.push_back(id);
        s.new_counts.push_back(fresh.size());
        s.cumulative.push_back(seen.size());
        s.new_codes.push_back(std::move(fresh));
    }
    s.guest = guest_rule(s.new_counts, parameters.base, parameters.run, parameters.threshold);
    s.window = window_rule(s.new_counts, parameters.window);
    return s;
}

}  // namespace framer::saturation

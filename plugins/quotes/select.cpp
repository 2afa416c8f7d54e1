// The selection rule of quotes: a lexicographic key per candidate, recomputed after each pick (see select.hpp).
#include "quotes/select.hpp"

#include <string_view>
#include <tuple>

namespace framer::quotes {

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

Length Selector::length_of(std::size_t words) const {
    if (words < m_min) return Length::Short;
    if (m_max && words > m_max) return Length::Long;
    return Length::Within;
}

std::vector<Pick> Selector::choose(const std::vector<Candidate>& candidates, std::size_t n) {
    std::vector<Pick> picks;
    std::set<int> units_taken;
    std::map<std::string, std::size_t> spread_uses, coder_uses;
    using Key = std::tuple<int, int, int, std::size_t, std::size_t, std::size_t, std::int64_t, int, std::int64_t>;
    while (picks.size() < n) {
        bool found = false;
        Key best{};
        std::size_t best_index = 0;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            const Candidate& c = candidates[i];
            if (units_taken.count(c.unit)) continue;
            const Length length = length_of(c.words);
            const auto words = static_cast<std::int64_t>(c.words);
            auto uses = [](const std::map<std::string, std::size_t>& m, const std::string& k) {
                auto it = m.find(k);
                return it == m.end() ? std::size_t{0} : it->second;
            };
            auto unit_uses = m_unit_uses.count(c.unit) ? m_unit_uses.at(c.unit) : std::size_t{0};
            Key key{m_used_keys.count(c.key) ? 1 : 0,
                    c.direct ? 0 : 1,
                    static_cast<int>(length),
                    uses(spread_uses, c.spread),
                    uses(coder_uses, c.coder),
                    unit_uses,
                    length == Length::Long ? words : -words,
                    c.unit,
                    c.position};
            if (!found || key < best) {
                found = true;
                best = key;
                best_index = i;
            }
        }
        if (!found) break;
        const Candidate& c = candidates[best_index];
        picks.push_back({best_index, length_of(c.words), m_used_keys.count(c.key) > 0});
        units_taken.insert(c.unit);
        ++spread_uses[c.spread];
        ++coder_uses[c.coder];
    }
    // Remembered only after the code is done: two picks of one code are from different units anyway.
    for (const auto& p : picks) {
        m_used_keys.insert(candidates[p.candidate].key);
        ++m_unit_uses[candidates[p.candidate].unit];
    }
    return picks;
}

}  // namespace framer::quotes

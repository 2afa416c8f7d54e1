#pragma once
/// The documented, deterministic rule that picks exemplar quotations among a code's excerpts (docs/quotes.md).

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace framer::quotes {

/// One excerpt that could be quoted for a code: plain data, so the rule can be tested without a project.
struct Candidate {
    int unit = 0;              ///< index of its unit (units are in natural order)
    std::string spread;        ///< the unit's value of the spread variable ("" without one)
    std::string coder;         ///< the coder's display name
    bool direct = true;        ///< coded with the code itself, not with a code below it
    std::size_t words = 0;
    std::string key;           ///< identity of the excerpt (source, start, end): the same text for two codes
    std::int64_t position = 0; ///< order of the excerpt in its unit (source order, then start)
};

/// Where a candidate's length falls: inside [min, max] words, under min, over max.
enum class Length { Within = 0, Short = 1, Long = 2 };

struct Pick {
    std::size_t candidate = 0;  ///< index into the candidates passed to choose()
    Length length = Length::Within;
    bool reused = false;        ///< already quoted for an earlier code (no other excerpt was left)
};

/// Picks quotes code after code and remembers what earlier codes used, so the same input always gives the
/// same quotes. For each pick, among the candidates from units not yet quoted for this code, the smallest of:
///  1. reused: an excerpt already quoted for another code comes last;
///  2. direct: coded with the code itself before coded with a code below it (a theme's own codings first);
///  3. length: within the word bounds, then under --min-words, then over --max-words;
///  4. spread: the fewest quotes so far for this code from the candidate's spread value (group);
///  5. coders: the fewest quotes so far for this code by the candidate's coder;
///  6. the unit quoted least so far over all codes (quotes spread across participants);
///  7. words: within bounds and under min the longer, over max the shorter;
///  8. unit order (natural), then position in the unit.
class Selector {
public:
    Selector(std::size_t min_words, std::size_t max_words) : m_min(min_words), m_max(max_words) {}
    /// Up to `n` picks, each from a different unit, in the order they were chosen.
    std::vector<Pick> choose(const std::vector<Candidate>& candidates, std::size_t n);
    Length length_of(std::size_t words) const;

private:
    std::size_t m_min, m_max;  ///< m_max == 0: no upper bound
    std::set<std::string> m_used_keys;
    std::map<int, std::size_t> m_unit_uses;
};

/// Words of a text: runs of characters between ASCII white space.
std::size_t count_words(std::string_view text);

}  // namespace framer::quotes

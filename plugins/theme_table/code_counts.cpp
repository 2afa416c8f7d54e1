// Counting distinct units through descendants, fast: each source is walked once, its direct codes kept as a
// small sorted list; each unit then climbs from its direct codes to the root, stopping at codes already marked,
// so the work is O(codings + units × codes they have), never units × codebook.
#include "theme_table/code_counts.hpp"

#include <algorithm>
#include <unordered_map>

#include "refi/guid.hpp"

namespace framer {

CodeTree::CodeTree(const refi::Project& project) {
    // Depth-first pre-order = codebook order; a parent always gets its id before its children.
    auto walk = [&](auto& self, const std::vector<refi::Code>& codes, int parent, int depth) -> void {
        for (const auto& c : codes) {
            int id = static_cast<int>(m_codes.size());
            m_codes.push_back(&c);
            m_parent.push_back(parent);
            m_depth.push_back(depth);
            m_spelled.emplace(c.guid, id);  // first wins, as in ProjectIndex
            m_normalised.emplace(refi::normalize_guid(c.guid), id);
            self(self, c.children, id, depth + 1);
        }
    };
    walk(walk, project.codes, -1, 0);
}

std::vector<int> CodeTree::path(int id) const {
    std::vector<int> out;
    for (int c = id; c >= 0; c = parent(c)) out.insert(out.begin(), c);
    return out;
}

std::string CodeTree::path_text(int id) const {
    std::string out;
    for (int c : path(id)) out += (out.empty() ? "" : "/") + code(c).name;
    return out;
}

int CodeTree::find(const std::string& guid) const {
    auto it = m_spelled.find(guid);
    if (it != m_spelled.end()) return it->second;
    auto n = m_normalised.find(refi::normalize_guid(guid));
    return n == m_normalised.end() ? -1 : n->second;
}

namespace {

class SourceWalker {
public:
    SourceWalker(const CodeTree& tree, const std::vector<std::string>& coders, UnitCodes& stats)
        : m_tree(tree), m_coders(coders), m_stats(stats) {}

    /// The direct code ids of every coding in `source`, sorted and unique.
    std::vector<int> direct_codes(const refi::Source& source) {
        std::vector<int> out;
        walk(source, out);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

private:
    const CodeTree& m_tree;
    const std::vector<std::string>& m_coders;
    UnitCodes& m_stats;

    bool keep(const refi::Coding& coding, const refi::OptString& fallback_user) {
        if (m_coders.empty()) return true;
        // A Coding without creatingUser was made by whoever made its selection.
        const auto& user = coding.creating_user ? coding.creating_user : fallback_user;
        if (!user) return false;
        std::string normalised = refi::normalize_guid(*user);
        return std::find(m_coders.begin(), m_coders.end(), normalised) != m_coders.end();
    }

    void add(const std::vector<refi::Coding>& codings, const refi::OptString& fallback_user,
             std::vector<int>& out) {
        for (const auto& coding : codings) {
            if (!keep(coding, fallback_user)) {
                ++m_stats.codings_other_coders;
                continue;
            }
            int id = m_tree.find(coding.code.target);
            if (id < 0) {
                ++m_stats.codings_missing_code;
                continue;
            }
            ++m_stats.codings_counted;
            out.push_back(id);
        }
    }

    void walk_selections(const std::vector<refi::Selection>& selections, std::vector<int>& out) {
        for (const auto& s : selections) {
            add(s.codings, s.authorship.creating_user, out);
            if (s.representation) walk(*s.representation, out);
        }
    }

    void walk(const refi::Source& source, std::vector<int>& out) {
        add(source.codings, source.authorship.creating_user, out);
        walk_selections(source.selections, out);
        if (source.text_description) walk(*source.text_description, out);
        if (source.representation) walk(*source.representation, out);
        for (const auto& t : source.transcripts) walk_selections(t.selections, out);
    }
};

}  // namespace

UnitCodes collect_unit_codes(const refi::Project& project, const CodeTree& tree, const std::vector<Unit>& units,
                             const std::vector<std::string>& coders) {
    UnitCodes result;
    SourceWalker walker(tree, coders, result);

    // Each source once, however many units cover it.
    std::unordered_map<const refi::Source*, std::vector<int>> direct;
    for (const auto& unit : units)
        for (const refi::Source* s : unit.sources)
            if (!direct.count(s)) direct.emplace(s, walker.direct_codes(*s));
    for (const auto& s : project.sources)
        if (!direct.count(&s)) {
            UnitCodes ignored;
            SourceWalker probe(tree, coders, ignored);
            if (!probe.direct_codes(s).empty()) ++result.sources_without_unit;
        }

    result.codes.resize(units.size());
    result.direct.resize(units.size());
    std::vector<std::size_t> stamp(tree.size(), static_cast<std::size_t>(-1));
    std::vector<int> start;
    for (std::size_t u = 0; u < units.size(); ++u) {
        start.clear();
        for (const refi::Source* s : units[u].sources) {
            const auto& ids = direct.at(s);
            start.insert(start.end(), ids.begin(), ids.end());
        }
        if (units[u].the_case && coders.empty()) {
            for (const auto& ref : units[u].the_case->code_refs) {
                int id = tree.find(ref.target);
                if (id < 0) ++result.codings_missing_code;
                else { ++result.codings_counted; start.push_back(id); }
            }
        }
        auto& direct_ids = result.direct[u];
        direct_ids = start;
        std::sort(direct_ids.begin(), direct_ids.end());
        direct_ids.erase(std::unique(direct_ids.begin(), direct_ids.end()), direct_ids.end());
        auto& have = result.codes[u];
        for (int id : start) {
            // Climb to the root; a code already marked for this unit means its ancestors are marked too.
            for (int c = id; c >= 0 && stamp[static_cast<std::size_t>(c)] != u; c = tree.parent(c)) {
                stamp[static_cast<std::size_t>(c)] = u;
                have.push_back(c);
            }
        }
    }
    return result;
}

}  // namespace framer

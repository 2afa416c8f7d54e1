#pragma once
/// Which codes each unit has, directly and through descendants: the counting core of `framer tabulate`.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/units.hpp"
#include "refi/index.hpp"
#include "refi/model.hpp"

namespace framer {

/// The codebook as dense ids in codebook (depth-first) order, with parents and depths.
class CodeTree {
public:
    explicit CodeTree(const refi::Project& project);
    std::size_t size() const { return m_codes.size(); }
    const refi::Code& code(int id) const { return *m_codes[static_cast<std::size_t>(id)]; }
    int parent(int id) const { return m_parent[static_cast<std::size_t>(id)]; }
    int depth(int id) const { return m_depth[static_cast<std::size_t>(id)]; }
    bool has_children(int id) const { return !m_codes[static_cast<std::size_t>(id)]->children.empty(); }
    /// The id of the code with this GUID, or -1.
    int find(const std::string& guid) const;
    int id_of(const refi::Code& code) const { return find(code.guid); }
    /// Ids from the top-level code down to `id` inclusive.
    std::vector<int> path(int id) const;
    /// "A/B/C".
    std::string path_text(int id) const;
private:
    std::vector<const refi::Code*> m_codes;
    std::vector<int> m_parent;
    std::vector<int> m_depth;
    std::unordered_map<std::string, int> m_spelled;     ///< GUID as spelled (the common case: one hash lookup)
    std::unordered_map<std::string, int> m_normalised;  ///< fallback for other spellings
};

/// What collect_unit_codes found.
struct UnitCodes {
    /// Per unit (same order as the units): ids of every code it has, itself or through a descendant.
    std::vector<std::vector<int>> codes;
    /// Per unit: ids of the codes its codings point at themselves (no ancestors), sorted, each once.
    std::vector<std::vector<int>> direct;
    std::size_t codings_counted = 0;
    std::size_t codings_missing_code = 0;   ///< pointed at no code of the codebook: warned about, not counted
    std::size_t codings_other_coders = 0;   ///< left out by the coder filter
    std::size_t sources_without_unit = 0;   ///< coded sources no unit covers (case units only)
};

/// Collects, per unit, the codes its codings point at (codings anywhere in its sources: whole-source,
/// selections, transcripts, PDF representations; and the case's own CodeRefs) and propagates them to every
/// ancestor. `coders`: normalised user GUIDs to keep (empty = every coding; case CodeRefs have no coder and
/// are then left out).
UnitCodes collect_unit_codes(const refi::Project& project, const CodeTree& tree, const std::vector<Unit>& units,
                             const std::vector<std::string>& coders);

}  // namespace framer

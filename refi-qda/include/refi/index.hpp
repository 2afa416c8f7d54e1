#pragma once
/// GUID lookups over a Project. Holds pointers into the project, so the project must outlive it and must not be
/// modified while the index is used. Codes, users, variables, cases, sources, notes and sets are indexed at
/// construction (cheap: thousands at most); selections and the set of every GUID are indexed on first use,
/// because a large project has 100,000s of them and most analyses never ask (not safe for concurrent use).

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "refi/model.hpp"

namespace refi {

class ProjectIndex {
public:
    explicit ProjectIndex(const Project& project);

    const User* find_user(std::string_view guid) const;
    const Code* find_code(std::string_view guid) const;
    const Variable* find_variable(std::string_view guid) const;
    const Case* find_case(std::string_view guid) const;
    const Source* find_source(std::string_view guid) const;  ///< the five source kinds (not notes)
    const Note* find_note(std::string_view guid) const;
    const Selection* find_selection(std::string_view guid) const;  ///< any kind, anywhere
    /// The top-level source a selection belongs to (through Representations/Transcripts).
    const Source* source_of_selection(std::string_view guid) const;
    const Set* find_set(std::string_view guid) const;

    /// The parent code, or null for a top-level code.
    const Code* parent_of(const Code& code) const;
    /// Codes from the top down to `code` inclusive.
    std::vector<const Code*> path_of(const Code& code) const;
    /// Every code in codebook (depth-first pre-)order.
    const std::vector<const Code*>& codes_in_order() const { return m_codes_in_order; }
    /// True when `guid` names any element of the project (for Link ends and Vertex @representedGUID).
    bool knows(std::string_view guid) const;

private:
    void index_selections() const;
    void index_all() const;

    /// Hashes std::string and std::string_view alike, so a look-up by a GUID as written makes no string.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    const Project& m_project;
    template <class T> using Map = std::unordered_map<std::string, const T*, KeyHash, std::equal_to<>>;
    Map<User> m_users;
    Map<Code> m_codes;
    Map<Code> m_code_parents;
    Map<Variable> m_variables;
    Map<Case> m_cases;
    Map<Source> m_sources;
    Map<Note> m_notes;
    Map<Set> m_sets;
    mutable bool m_selections_indexed = false;
    mutable Map<Selection> m_selections;
    mutable Map<Source> m_selection_sources;
    mutable bool m_all_indexed = false;
    mutable std::unordered_map<std::string, int> m_all;
    std::vector<const Code*> m_codes_in_order;
};

}  // namespace refi

#pragma once
// Private to plugins/merge: the state of one merge. Each further input is merged in two phases: first every one of
// its elements is given its GUID in the merged project (matched -> the merged element's GUID; new -> its own GUID,
// or a fresh one if that is taken), comparing against the project as merged so far; then its elements are copied
// with every GUID translated, and appended or united with the element they matched.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "merge/line_endings.hpp"
#include "merge/merge.hpp"
#include "merge/merged_store.hpp"
#include "merge/translate.hpp"

namespace framer::merge {

/// How a source of the other input relates to the merged project.
struct SourcePlan {
    std::size_t b_index = 0;
    std::optional<std::size_t> out_index;         ///< matched source, or none (added)
    std::shared_ptr<LineEndingMap> positions;     ///< other input's positions -> merged text (texts differ in line endings only)
    std::optional<std::string> rename;            ///< added under this name (a same-name source with other text)
};

class Merger {
public:
    Merger(const MergeInput& first, MergeReport& report);
    void merge(const MergeInput& other, std::size_t input, const MergeOptions& options);
    refi::Project take() { return std::move(m_out); }

private:
    // --- bookkeeping (merger.cpp)
    std::string claim(const std::string& b_guid);                   ///< a new element: keep its GUID unless taken
    void match(const std::string& b_guid, const std::string& out_guid);
    void record(const std::string& kind, const std::string& out_guid, const std::string& name,
                const std::string& b_guid, const std::string& matched_by);
    void claim_source(const refi::Source& s, const char* kind);    ///< a new source or note with all inside
    void conflict(std::string kind, std::string message, Json first, Json other, std::string resolution);
    void warn(const std::string& id, const std::string& message);
    std::string first_label(const std::string& kind, const std::string& out_guid) const;
    bool is_user(const refi::OptString& a, const refi::OptString& b) const;

    // --- phase 1: identities
    void map_users();
    void map_codes();
    void map_variables();
    void map_sources();                                  // merge_sources.cpp
    void map_content(const refi::Source& out, const refi::Source& b, const LineEndingMap* positions);
    void map_selections(const std::vector<refi::Selection>& out, const std::vector<refi::Selection>& b,
                        const LineEndingMap* positions);
    void map_codings(const std::vector<refi::Coding>& out, const refi::OptString& out_user,
                     const std::vector<refi::Coding>& b, const refi::OptString& b_user);
    void map_notes();
    void map_cases();
    void map_sets_links_graphs();

    // --- phase 2: copies
    void add_users();
    void add_codes();
    void add_variables();
    void add_sources();                                  // merge_sources.cpp
    void unite(refi::Source& out, refi::Source b, const std::string& owner);
    void unite_selections(std::vector<refi::Selection>& out, std::vector<refi::Selection>& b);
    void carry_files(refi::Source& s);
    void add_notes();
    void add_cases();
    void add_sets_links_graphs();
    void unite_values(std::vector<refi::VariableValue>& out, const std::vector<refi::VariableValue>& b,
                      const std::string& owner_kind, const std::string& owner_guid, const std::string& owner_name);

    refi::Project m_out;
    MergeReport& m_report;
    std::shared_ptr<MergedStore> m_store;
    std::unordered_set<std::string> m_used;  ///< normalised GUIDs of the merged project
    std::unordered_map<std::string, std::size_t> m_elements;  ///< kind + normalised GUID -> report.elements index

    // the input being merged
    const refi::Project* m_b = nullptr;
    std::size_t m_input = 0;
    std::string m_label;
    std::unordered_map<std::string, std::string> m_map;  ///< its normalised GUIDs -> merged GUIDs
    std::unordered_set<std::string> m_matched;           ///< its normalised GUIDs that matched an element
    std::vector<std::pair<std::string, std::string>> m_new_codes;  ///< (b code GUID, merged parent GUID or "")
    std::unordered_map<std::string, std::string> m_variable_rename;  ///< its variable GUID -> name in the result
    std::vector<SourcePlan> m_sources;
    std::vector<std::optional<std::size_t>> m_notes;     ///< matched note per note of the input
    std::unordered_map<std::string, std::size_t> m_counts_index;
};

}  // namespace framer::merge

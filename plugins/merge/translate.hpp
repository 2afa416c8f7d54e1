#pragma once
/// Rewriting every GUID of an element copied from another input (its own GUIDs and its references) through the
/// map the merge built, and walking every GUID an element holds.

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "refi/model.hpp"

namespace framer::merge {

/// normalize_guid(GUID in the other input) -> GUID in the merged project. GUIDs not in the map (dangling
/// references of the input) are kept as written.
class Translator {
public:
    explicit Translator(const std::unordered_map<std::string, std::string>& map) : m_map(map) {}
    std::string operator()(const std::string& guid) const;
    std::optional<std::string> operator()(const std::optional<std::string>& guid) const;
    refi::OptString operator()(const refi::OptString& guid) const;

    void apply(refi::Ref& r) const;
    void apply(std::vector<refi::Ref>& refs) const;
    void apply(refi::CompactVector<refi::Ref>& refs) const;
    void apply(refi::Authorship& a) const;
    void apply(refi::User& u) const;
    void apply(refi::Code& c) const;  ///< and its children
    void apply(refi::Variable& v) const;
    void apply(refi::VariableValue& v) const;
    void apply(refi::Coding& c) const;
    void apply(refi::Selection& s) const;
    void apply(refi::Transcript& t) const;
    void apply(refi::Source& s) const;  ///< sources and notes, with everything inside
    void apply(refi::Case& c) const;
    void apply(refi::Set& s) const;
    void apply(refi::Link& l) const;
    void apply(refi::Graph& g) const;

private:
    const std::unordered_map<std::string, std::string>& m_map;
};

/// Calls `f(kind, guid, name)` for a source or note and every element inside it that has a GUID (selections,
/// codings, transcripts, sync points, representations, text descriptions). kind: "selection", "coding",
/// "transcript", "sync-point", "representation", or `own_kind` for the source itself.
using GuidVisitor = std::function<void(const char* kind, const std::string& guid, const std::string& name)>;
void walk_source(const refi::Source& s, const char* own_kind, const GuidVisitor& f);
void walk_selection(const refi::Selection& s, const GuidVisitor& f);
/// Every element of the project with a GUID (users, codes, variables, cases, sources, notes, sets, links, graphs
/// and what they contain).
void walk_project(const refi::Project& p, const GuidVisitor& f);

}  // namespace framer::merge

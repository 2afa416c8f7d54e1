#pragma once
/// Builds deterministic REFI-QDA projects in code: fixed GUIDs (refi::make_guid_from), fixed dates, source texts
/// kept in a MemoryStore, codings placed on phrases found in the text (offsets in code points, never bytes).

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "memory_store.hpp"
#include "refi/model.hpp"

namespace framer::samples {

/// A generator that cannot produce what it promises (a phrase not in the text, a count that cannot be met)
/// throws this: the samples must never be written half right.
class GeneratorError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Number of code points in a UTF-8 string (the model's unit for positions).
std::int64_t code_points(std::string_view utf8);

/// A code path from the top of the codebook, e.g. {"Domain 1: ...", "Process 1: ...", "Not letting others down"}.
using CodePath = std::vector<std::string>;
/// The path as one string ("A > B > C"): the key of codes by path, and the CSV spelling of a path.
std::string join_path(const CodePath& path);

class ProjectBuilder {
public:
    /// `guid_namespace` makes every GUID of this project distinct from other samples'; NVivo writes lowercase.
    ProjectBuilder(std::string project_name, std::string guid_namespace, bool lowercase_guids = false);

    /// A fixed GUID for an element: the same kind and key always give the same GUID.
    std::string guid(std::string_view kind, std::string_view key) const;

    refi::Project& project() { return m_project; }

    /// Adds a User and returns its GUID.
    std::string add_user(const std::string& name, const std::string& initials);

    /// Adds a code below the code at path[0..n-1] (which must exist); returns its GUID.
    std::string add_code(const CodePath& path, bool codable, const std::optional<std::string>& color = {},
                         const std::optional<std::string>& description = {});
    /// The GUID of the code at `path`; throws GeneratorError if there is none.
    const std::string& code(const CodePath& path) const;
    refi::Code& code_element(const CodePath& path);

    /// Adds a Variable; returns its GUID.
    std::string add_variable(const std::string& name, refi::VariableType type,
                             const std::optional<std::string>& description = {});
    /// A VariableValue for the variable named `name` (typed as the variable is).
    refi::VariableValue value(const std::string& name, const std::string& text) const;

    /// Adds a TextSource whose plain text is stored as sources/<GUID>.txt (raw bytes, as given).
    refi::Source& add_text_source(const std::string& name, const std::string& text, const refi::Authorship& who);
    refi::Source& source(const std::string& name);
    const std::string& text_of(const std::string& source_name) const;

    /// Adds a PlainTextSelection over the `occurrence`-th (0-based) occurrence of `phrase` in the source's text
    /// and, unless `code_guid` is empty, one Coding of it. Throws GeneratorError if the phrase is not there.
    refi::Selection& select_phrase(const std::string& source_name, const std::string& phrase,
                                   const std::string& code_guid, const refi::Authorship& who,
                                   const std::string& selection_key = {}, int occurrence = 0);
    /// Adds one more Coding to a selection (a second code, or a second coder's coding of the same text).
    void add_coding(refi::Selection& selection, const std::string& code_guid, const refi::Authorship& who,
                    const std::string& key);

    /// Sorts each source's selections by position (as tools write them), attaches the store and returns the
    /// finished project. The builder must not be used afterwards.
    refi::Project finish();

private:
    refi::Code* find_code(const CodePath& path);

    std::string m_namespace;
    bool m_lowercase;
    refi::Project m_project;
    std::shared_ptr<MemoryStore> m_store;
    std::map<std::string, std::string> m_code_guids;  ///< joined path -> GUID
    std::map<std::string, std::string> m_texts;       ///< source name -> text
    std::map<std::string, std::size_t> m_source_index;
    std::map<std::string, std::size_t> m_variable_index;
};

}  // namespace framer::samples

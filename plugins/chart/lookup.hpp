#pragma once
/// The few GUID lookups the chart needs (codes, users, notes), without refi::ProjectIndex: on a 100,000-coding
/// project indexing every selection costs more than the chart itself, and the chart never looks a selection up.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "refi/model.hpp"

namespace framer::chart {

class Lookup {
public:
    /// Holds pointers into `project`, which must outlive the lookup and stay unchanged.
    explicit Lookup(const refi::Project& project);
    const refi::User* find_user(std::string_view guid) const;
    const refi::Code* find_code(std::string_view guid) const;
    const refi::Note* find_note(std::string_view guid) const;
    /// Codes from the top down to `code` inclusive.
    std::vector<const refi::Code*> path_of(const refi::Code& code) const;
    /// Every code in codebook (depth-first pre-)order.
    const std::vector<const refi::Code*>& codes_in_order() const { return m_codes_in_order; }
private:
    std::unordered_map<std::string, const refi::User*> m_users;
    std::unordered_map<std::string, const refi::Code*> m_codes;
    std::unordered_map<const refi::Code*, const refi::Code*> m_parents;
    std::unordered_map<std::string, const refi::Note*> m_notes;
    std::vector<const refi::Code*> m_codes_in_order;
};

}  // namespace framer::chart

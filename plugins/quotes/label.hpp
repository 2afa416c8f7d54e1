#pragma once
/// Quote labels from a template over the unit and its variables: "{unit}, {Treatment}" gives "SU26, DBT".

#include <string>
#include <vector>

#include "core/units.hpp"
#include "refi/model.hpp"

namespace framer::quotes {

/// A parsed label template. `{unit}` is the unit's name; any other `{NAME}` is a variable (resolved like every
/// option's variable: exact name, else case-insensitive, else GUID); `{{` and `}}` are literal braces.
class LabelTemplate {
public:
    /// Throws framer::UsageError for an unknown variable (with near matches) or an unclosed brace.
    LabelTemplate(const refi::Project& project, const std::string& text);

    /// The label of `unit`. A placeholder the unit has no value for is left out together with the literal text
    /// that joins it to the previous kept part ("{unit}, {Treatment}" gives "T3" for a therapist, not "T3, ");
    /// a closing bracket right after it goes with an opening bracket in that text ("{unit} ({Treatment})" → "T3");
    /// a leading placeholder left out takes the text after it ("{Treatment}: {unit}" → "T3").
    std::string render(const Unit& unit) const;

    /// The variables named in the template, in order (the first one spreads quotes by default).
    const std::vector<std::string>& variables() const { return m_variables; }

private:
    struct Piece {
        bool placeholder = false;
        bool is_unit = false;
        std::string text;  ///< literal text, or the variable's name
    };
    std::vector<Piece> m_pieces;
    std::vector<std::string> m_variables;
};

}  // namespace framer::quotes

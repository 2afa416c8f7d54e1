#pragma once
/// Interview order for `framer saturation`: units sorted by a Date/DateTime/Integer variable, by their names, or
/// by their sources' creationDateTime; missing and tied values are warned about, never dropped.

#include <string>
#include <vector>

#include "core/units.hpp"
#include "refi/model.hpp"

namespace framer::saturation {

struct Ordering {
    enum class Kind { Variable, Name, SourceDate };
    Kind kind = Kind::Name;
    std::string variable;              ///< Kind::Variable: the variable's name
    std::string spec;                  ///< what the json calls it: the variable's name, "name" or "source-date"
    std::string description;           ///< one sentence for the notes ("by Interview date (Date), earliest first")
    std::vector<std::size_t> order;    ///< indices into the units given, in interview order
    std::vector<std::string> keys;     ///< per position in `order`: the value ordered by ("" when missing)
    std::vector<std::string> warnings; ///< missing, unreadable and tied values, naming the units and the tie-break
};

/// The parts with `separator` between them ("SU1, SU2").
std::string join(const std::vector<std::string>& parts, const char* separator);

/// The order named by --order (`spec`: a variable, "name", "source-date"; empty: the first Date/DateTime
/// variable some unit has a value for, else "name") of the units `subset` (indices into `units`). Throws
/// UsageError for an unknown variable (with near matches) or one that cannot order (Text, Boolean).
Ordering order_units(const refi::Project& project, const std::vector<Unit>& units,
                     const std::vector<std::size_t>& subset, const std::string& spec);

}  // namespace framer::saturation

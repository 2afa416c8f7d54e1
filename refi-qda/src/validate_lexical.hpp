#pragma once
// Private: the XSD lexical spaces validation checks (xsd:dateTime, xsd:date, xsd:integer, xsd:decimal,
// xsd:boolean, RGBType). Each accepts the collapsed form the schema's whiteSpace facet allows (leading and trailing
// XML whitespace ignored).

#include <string_view>

namespace refi::detail {

/// xsd:dateTime: [-]YYYY-MM-DDThh:mm:ss[.fraction][Z|(+|-)hh:mm], with calendar ranges checked.
bool is_xsd_date_time(std::string_view text);
/// xsd:date: [-]YYYY-MM-DD[Z|(+|-)hh:mm].
bool is_xsd_date(std::string_view text);
/// xsd:integer: [+|-]digits (unbounded).
bool is_xsd_integer(std::string_view text);
/// xsd:decimal: [+|-](digits[.digits*] | .digits); no exponent.
bool is_xsd_decimal(std::string_view text);
/// xsd:boolean: true, false, 1, 0.
bool is_xsd_boolean(std::string_view text);
/// RGBType: #RGB or #RRGGBB, hex digits in either case.
bool is_rgb_color(std::string_view text);

}  // namespace refi::detail

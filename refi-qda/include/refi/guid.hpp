#pragma once
/// GUID helpers. The XSD allows either case and optional braces; identity ignores both.

#include <string>
#include <string_view>

namespace refi {

/// Uppercase, braces stripped; used as the key of every GUID index.
std::string normalize_guid(std::string_view guid);
/// True when a and b name the same GUID (case-insensitive, braces ignored).
bool same_guid(std::string_view a, std::string_view b);
/// True when the text matches the schema's GUIDType (8-4-4-4-12 hex, optional braces).
bool is_valid_guid(std::string_view guid);
/// A new random (v4) GUID in uppercase, for elements Framer creates (notes, links).
std::string make_guid();
/// A GUID derived deterministically from a name (hash-based, version nibble 5), so re-running a transform gives
/// the same ids.
std::string make_guid_from(std::string_view name_space, std::string_view name);

}  // namespace refi

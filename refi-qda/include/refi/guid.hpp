#pragma once
/// GUID helpers. The XSD allows either case and optional braces; identity ignores both.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refi {

/// Uppercase (ASCII letters), braces stripped; used as the key of every GUID index.
std::string normalize_guid(std::string_view guid);
/// True when normalize_guid(guid) == guid (most GUIDs as written): a look-up can use the text as it is.
bool is_normalized_guid(std::string_view guid);
/// True when a and b name the same GUID (case-insensitive, braces ignored).
bool same_guid(std::string_view a, std::string_view b);
/// True when the text matches the schema's GUIDType (8-4-4-4-12 hex, optional braces).
bool is_valid_guid(std::string_view guid);
/// A new random (v4) GUID in uppercase, for elements Framer creates (notes, links).
std::string make_guid();
/// A GUID derived deterministically from a name (hash-based, version nibble 5), so re-running a transform gives
/// the same ids.
std::string make_guid_from(std::string_view name_space, std::string_view name);

/// A well-formed GUID as 128 bits: the first 16 hex digits (dashes, case and braces ignored) are `hi`, the last
/// 16 `lo`. Comparing or hashing allocates nothing (validation's and chart's GUID maps key on it).
struct GuidBits {
    std::uint64_t hi = 0, lo = 0;
    bool operator==(const GuidBits&) const = default;
    bool operator<(const GuidBits& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
};
struct GuidBitsHash {
    // splitmix64 finaliser: tool GUIDs are often sequential or hash-derived with shared prefixes.
    std::size_t operator()(const GuidBits& k) const {
        std::uint64_t x = k.hi ^ (k.lo + 0x9E3779B97F4A7C15ull + (k.hi << 6) + (k.hi >> 2));
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return static_cast<std::size_t>(x ^ (x >> 31));
    }
};
/// The bits of a GUIDType value (8-4-4-4-12 hex digits, optionally in braces), nullopt for anything else (what
/// is_valid_guid refuses).
std::optional<GuidBits> guid_bits(std::string_view guid);

/// make_guid_from(name_space, prefix + rest) for many names that share a prefix (a chart's unit x code summary
/// note GUIDs, one per cell): the hash state after the prefix is kept, so each name costs only its own bytes and
/// builds no string.
class GuidFromPrefix {
public:
    GuidFromPrefix(std::string_view name_space, std::string_view prefix);
    /// The bits of make_guid_from(name_space, prefix + rest).
    GuidBits with(std::string_view rest) const;
    /// The same with rest = normalize_guid(rest_guid) (braces dropped, upper case), without making that string.
    GuidBits with_normalized_guid(std::string_view rest_guid) const;

private:
    template <class Bytes>
    GuidBits finish(Bytes&& bytes) const;
    std::string m_name_space;
    std::uint64_t m_hi = 0, m_lo = 0;  ///< the two FNV-1a states after the prefix
};

}  // namespace refi

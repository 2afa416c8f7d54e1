#pragma once
/// The size caps that keep memory bounded by the data (docs/safety.md): how large a project.qde and a source
/// text may be. Process-wide, like refi/external.hpp: the CLI sets them from --max-xml-size and --max-text-size
/// before reading anything; ReadOptions starts from them.

#include <cstdint>
#include <optional>
#include <string_view>

namespace refi {

struct Limits {
    std::uint64_t max_xml_bytes = 1ull << 30;    ///< project.qde, inflated (zip-bomb guard)
    std::uint64_t max_text_bytes = 512ull << 20; ///< one source's plain text file
};

/// The caps in force (the defaults above until set_limits is called).
const Limits& limits();
void set_limits(const Limits& limits);

/// "1073741824", "800M", "2G", "512k" (binary multiples; case-insensitive): the byte count, or nullopt.
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace refi

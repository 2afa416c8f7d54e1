// The process-wide size caps (refi/limits.hpp).
#include "refi/limits.hpp"

#include <atomic>
#include <charconv>

namespace refi {

namespace {
std::atomic<std::uint64_t> g_max_xml{Limits{}.max_xml_bytes};
std::atomic<std::uint64_t> g_max_text{Limits{}.max_text_bytes};
thread_local Limits t_view;
}  // namespace

const Limits& limits() {
    t_view = {g_max_xml.load(), g_max_text.load()};
    return t_view;
}

void set_limits(const Limits& l) {
    g_max_xml = l.max_xml_bytes;
    g_max_text = l.max_text_bytes;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::uint64_t value = 0;
    const char* begin = text.data();
    const char* end = begin + text.size();
    auto [rest, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || rest == begin) return std::nullopt;
    std::string_view suffix(rest, static_cast<std::size_t>(end - rest));
    int shift = 0;
    if (suffix.empty() || suffix == "b" || suffix == "B") shift = 0;
    else if (suffix == "k" || suffix == "K" || suffix == "KiB" || suffix == "KB") shift = 10;
    else if (suffix == "m" || suffix == "M" || suffix == "MiB" || suffix == "MB") shift = 20;
    else if (suffix == "g" || suffix == "G" || suffix == "GiB" || suffix == "GB") shift = 30;
    else return std::nullopt;
    if (shift && value > (UINT64_MAX >> shift)) return std::nullopt;
    return value << shift;
}

}  // namespace refi

// Rounding half up in integers: the seed paper printed 6/15 as 38%, which is what recomputation should catch,
// so the arithmetic must be exact.
#include "core/percent.hpp"

#include "core/plugin.hpp"

namespace framer {

static std::int64_t power10(int d) {
    std::int64_t p = 1;
    while (d-- > 0) p *= 10;
    return p;
}

std::int64_t percent_scaled(std::int64_t n, std::int64_t base, int decimals) {
    // floor(n·100·10^d / base + 1/2) = floor((2·n·100·10^d + base) / (2·base)) for n, base >= 0.
    return (2 * n * 100 * power10(decimals) + base) / (2 * base);
}

std::string percent_text(std::int64_t n, std::int64_t base, int decimals) {
    if (base <= 0) return "–";
    std::int64_t scaled = percent_scaled(n, base, decimals);
    if (decimals == 0) return std::to_string(scaled);
    std::int64_t p = power10(decimals);
    std::string frac = std::to_string(scaled % p);
    frac.insert(frac.begin(), static_cast<std::size_t>(decimals) - frac.size(), '0');
    return std::to_string(scaled / p) + "." + frac;
}

Json count_json(std::int64_t n, std::int64_t base, int decimals) {
    Json j = Json::object();
    j["n"] = n;
    j["base"] = base;
    if (base <= 0)
        j["percent"] = nullptr;
    else if (decimals == 0)
        j["percent"] = percent_scaled(n, base, 0);
    else
        j["percent"] = static_cast<double>(percent_scaled(n, base, decimals)) / static_cast<double>(power10(decimals));
    return j;
}

std::string count_text(std::int64_t n, std::int64_t base, int decimals) {
    return std::to_string(n) + " (" + percent_text(n, base, decimals) + ")";
}

Cell count_cell(std::int64_t n, std::int64_t base, int decimals) {
    Cell cell;
    cell.text = count_text(n, base, decimals);
    cell.numeric = true;
    if (base > 0) {
        cell.has_count = true;
        cell.count = n;
        cell.percent = static_cast<double>(percent_scaled(n, base, decimals)) / static_cast<double>(power10(decimals));
        cell.decimals = decimals;
    }
    return cell;
}

int parse_decimals(const std::string& text) {
    if (text.size() != 1 || text[0] < '0' || text[0] > '6')
        throw UsageError("--decimals must be a number from 0 to 6, not '" + text + "'");
    return text[0] - '0';
}

}  // namespace framer

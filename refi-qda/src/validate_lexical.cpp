// The XSD lexical checks behind validation's invalid-date/-number/-boolean/-color findings. Hand-written
// rather than regexes: std::regex is slow, and dates need calendar checks (no 2023-02-30) a pattern cannot do.
#include "validate_lexical.hpp"

#include <cstdint>

namespace refi::detail {

namespace {

std::string_view collapse(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Reads exactly n digits at s[i...]; advances i.
bool digits(std::string_view s, std::size_t& i, std::size_t n, int& value) {
    if (i + n > s.size()) return false;
    value = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!is_digit(s[i + k])) return false;
        value = value * 10 + (s[i + k] - '0');
    }
    i += n;
    return true;
}

bool expect(std::string_view s, std::size_t& i, char c) {
    if (i >= s.size() || s[i] != c) return false;
    ++i;
    return true;
}

int days_in_month(std::int64_t year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month != 2) return days[month - 1];
    // xsd years follow the proleptic Gregorian calendar (year 0 exists in XSD 1.1 and is a leap year).
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
}

// [-]YYYY-MM-DD: at least four year digits, no leading zero when more than four; year 0000 refused (XSD 1.0).
bool date_part(std::string_view s, std::size_t& i) {
    if (i < s.size() && s[i] == '-') ++i;
    std::size_t start = i;
    std::int64_t year = 0;
    while (i < s.size() && is_digit(s[i])) {
        if (i - start > 12) return false;
        year = year * 10 + (s[i] - '0');
        ++i;
    }
    std::size_t n = i - start;
    if (n < 4 || (n > 4 && s[start] == '0') || year == 0) return false;
    int month = 0, day = 0;
    if (!expect(s, i, '-') || !digits(s, i, 2, month) || !expect(s, i, '-') || !digits(s, i, 2, day)) return false;
    if (month < 1 || month > 12) return false;
    return day >= 1 && day <= days_in_month(year, month);
}

// Z | (+|-)hh:mm with hh:mm ≤ 14:00; or nothing.
bool zone_part(std::string_view s, std::size_t& i) {
    if (i == s.size()) return true;
    if (s[i] == 'Z') return ++i == s.size();
    if (s[i] != '+' && s[i] != '-') return false;
    ++i;
    int hh = 0, mm = 0;
    if (!digits(s, i, 2, hh) || !expect(s, i, ':') || !digits(s, i, 2, mm)) return false;
    if (hh > 14 || mm > 59 || (hh == 14 && mm != 0)) return false;
    return i == s.size();
}

}  // namespace

bool is_xsd_date_time(std::string_view text) {
    std::string_view s = collapse(text);
    std::size_t i = 0;
    if (!date_part(s, i) || !expect(s, i, 'T')) return false;
    int hh = 0, mm = 0, ss = 0;
    if (!digits(s, i, 2, hh) || !expect(s, i, ':') || !digits(s, i, 2, mm) || !expect(s, i, ':') ||
        !digits(s, i, 2, ss))
        return false;
    bool fraction_nonzero = false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) fraction_nonzero |= s[i++] != '0';
        if (i == start) return false;
    }
    // 24:00:00 is allowed (the end of the day), nothing later.
    bool midnight = hh == 24 && mm == 0 && ss == 0 && !fraction_nonzero;
    if ((hh > 23 && !midnight) || mm > 59 || ss > 59) return false;
    return zone_part(s, i);
}

bool is_xsd_date(std::string_view text) {
    std::string_view s = collapse(text);
    std::size_t i = 0;
    return date_part(s, i) && zone_part(s, i);
}

bool is_xsd_integer(std::string_view text) {
    std::string_view s = collapse(text);
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

bool is_xsd_decimal(std::string_view text) {
    std::string_view s = collapse(text);
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
    std::size_t int_digits = 0, frac_digits = 0, i = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
    }
    return i == s.size() && int_digits + frac_digits > 0;
}

bool is_xsd_boolean(std::string_view text) {
    std::string_view s = collapse(text);
    return s == "true" || s == "false" || s == "1" || s == "0";
}

bool is_rgb_color(std::string_view text) {
    std::string_view s = collapse(text);
    if (s.size() != 4 && s.size() != 7) return false;
    if (s.front() != '#') return false;
    for (std::size_t i = 1; i < s.size(); ++i)
        if (!is_hex(s[i])) return false;
    return true;
}

}  // namespace refi::detail

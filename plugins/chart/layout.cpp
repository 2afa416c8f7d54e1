// Chart layout helpers shared by the chart (writes) and summaries (reads and checks).
#include "chart/layout.hpp"

#include "refi/text.hpp"

namespace framer::chart {

std::string data_header(const std::string& code_name, bool self) {
    return self ? code_name + " (coded directly)" : code_name;
}

std::string summary_header(const std::string& code_name, bool self) {
    return data_header(code_name, self) + ": summary";
}

std::string sheet_safe_name(const std::string& name) {
    std::string s;
    for (char c : name) {
        bool bad = c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' ||
                   (static_cast<unsigned char>(c) < 0x20);
        s += bad ? '_' : c;
    }
    // Cut by code points so a multi-byte character is never split.
    s = std::string(refi::substr_code_points(s, 0, 31));
    while (!s.empty() && s.front() == '\'') s.erase(0, 1);
    while (!s.empty() && s.back() == '\'') s.pop_back();
    if (s.empty()) s = "Sheet";
    return s;
}

}  // namespace framer::chart

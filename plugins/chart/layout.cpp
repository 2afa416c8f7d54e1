// Chart layout helpers shared by the chart (writes) and summaries (reads and checks).
#include "chart/layout.hpp"

namespace framer::chart {

std::string data_header(const std::string& code_name, bool self) {
    return self ? code_name + " (coded directly)" : code_name;
}

std::string summary_header(const std::string& code_name, bool self) {
    return data_header(code_name, self) + ": summary";
}

}  // namespace framer::chart

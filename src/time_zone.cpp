#include "time_zone.hpp"

#include <cstdlib>
#include <ctime>

namespace framer::cli {

void pin_time_zone() {
    if (std::getenv("TZ")) return;
    setenv("TZ", ":/etc/localtime", 0);
    tzset();
}

}  // namespace framer::cli

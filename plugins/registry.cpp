// The one list of built-in plugins (alphabetical). Adding a plugin = one folder + one line here.
#include "core/registry.hpp"
#include "chart/chart.hpp"

namespace framer {

void register_builtin_plugins(Registry& registry) {
    registry.add(make_chart_analysis());
}

}  // namespace framer

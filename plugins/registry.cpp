// The one list of built-in plugins (alphabetical). Adding a plugin = one folder + one line here.
#include "core/registry.hpp"

namespace framer {

void register_builtin_plugins(Registry& registry) {
    (void)registry;
}

}  // namespace framer

#pragma once
/// The one list of plugins. register_builtin_plugins() (plugins/registry.cpp) names every built-in.

#include <memory>
#include <string>
#include <vector>

#include "core/plugin.hpp"

namespace framer {

class Registry {
public:
    /// Throws std::logic_error on a duplicate name.
    void add(std::unique_ptr<Analysis> analysis);
    void add(std::unique_ptr<Exporter> exporter);
    const Analysis* analysis(const std::string& name) const;
    const Exporter* exporter(const std::string& name) const;
    /// The exporter whose extensions include that of `path` (case-insensitive), or null.
    const Exporter* exporter_for_path(const std::string& path) const;
    const std::vector<std::unique_ptr<Analysis>>& analyses() const { return m_analyses; }
    const std::vector<std::unique_ptr<Exporter>>& exporters() const { return m_exporters; }
private:
    std::vector<std::unique_ptr<Analysis>> m_analyses;
    std::vector<std::unique_ptr<Exporter>> m_exporters;
};

/// Adds every built-in analysis and exporter, in alphabetical order.
void register_builtin_plugins(Registry& registry);
/// A process-wide registry with the built-ins.
const Registry& builtin_registry();

}  // namespace framer

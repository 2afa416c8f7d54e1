// Registry: lookup by name, duplicates rejected (a second plugin must never shadow the first silently).
#include "core/registry.hpp"

#include <algorithm>
#include <stdexcept>
#include "refi/text.hpp"

namespace framer {

void Registry::add(std::unique_ptr<Analysis> analysis) {
    if (this->analysis(analysis->name())) throw std::logic_error("duplicate analysis: " + analysis->name());
    m_analyses.push_back(std::move(analysis));
}

void Registry::add(std::unique_ptr<Exporter> exporter) {
    if (this->exporter(exporter->name())) throw std::logic_error("duplicate exporter: " + exporter->name());
    m_exporters.push_back(std::move(exporter));
}

const Analysis* Registry::analysis(const std::string& name) const {
    for (const auto& a : m_analyses)
        if (a->name() == name) return a.get();
    return nullptr;
}

const Exporter* Registry::exporter(const std::string& name) const {
    for (const auto& e : m_exporters)
        if (e->name() == name) return e.get();
    return nullptr;
}

const Exporter* Registry::exporter_for_path(const std::string& path) const {
    std::string p = refi::ascii_lower(path);
    for (const auto& e : m_exporters)
        for (const auto& ext : e->extensions())
            if (p.size() >= ext.size() && p.compare(p.size() - ext.size(), ext.size(), refi::ascii_lower(ext)) == 0) return e.get();
    return nullptr;
}

const Registry& builtin_registry() {
    static const Registry registry = [] {
        Registry r;
        register_builtin_plugins(r);
        return r;
    }();
    return registry;
}

}  // namespace framer

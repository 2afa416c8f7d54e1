// Files added in memory over another store: generated files (summary notes' text) travel with the project until
// it is written, and load_plain_text finds them like any other internal file.
#include "overlay_store.hpp"

#include "refi/error.hpp"
#include "refi/text.hpp"

namespace refi {

namespace detail {

std::string normalised_entry(const std::string& name) {
    if (name.size() >= 8 && ascii_lower(name.substr(0, 8)) == "sources/") return "sources/" + name.substr(8);
    return name;
}

OverlayStore::OverlayStore(std::shared_ptr<const SourceStore> base, std::map<std::string, std::string> files,
                           std::set<std::string> removed_lower)
    : m_base(std::move(base)), m_removed(std::move(removed_lower)) {
    for (auto& [name, bytes] : files) {
        std::string entry = normalised_entry(name);
        m_lower[ascii_lower(entry)] = entry;
        m_files[entry] = std::move(bytes);
    }
}

bool OverlayStore::replaces(const std::string& base_entry) const {
    std::string lower = ascii_lower(normalised_entry(base_entry));
    return m_lower.count(lower) != 0 || m_removed.count(lower) != 0;
}

std::vector<std::string> OverlayStore::entries() const {
    std::vector<std::string> out;
    if (m_base)
        for (auto& e : m_base->entries())
            if (!replaces(e)) out.push_back(e);
    for (const auto& [name, bytes] : m_files) out.push_back(name);
    return out;
}

std::optional<std::string> OverlayStore::find_internal(const std::string& file_name) const {
    for (const std::string& candidate : {"sources/" + file_name, file_name}) {
        auto it = m_lower.find(ascii_lower(candidate));
        if (it != m_lower.end()) return it->second;
    }
    if (!m_base) return std::nullopt;
    auto found = m_base->find_internal(file_name);
    if (found && m_removed.count(ascii_lower(normalised_entry(*found)))) return std::nullopt;
    return found;
}

std::optional<std::uint64_t> OverlayStore::size(const std::string& entry) const {
    auto it = m_files.find(entry);
    if (it != m_files.end()) return it->second.size();
    return m_base ? m_base->size(entry) : std::nullopt;
}

std::string OverlayStore::read(const std::string& entry, std::uint64_t max_bytes) const {
    auto it = m_files.find(entry);
    if (it == m_files.end()) {
        if (!m_base) throw Error(origin_path(), {}, "no entry '" + entry + "'");
        return m_base->read(entry, max_bytes);
    }
    if (it->second.size() > max_bytes)
        throw Error(origin_path(), {}, "entry '" + entry + "' is larger than the limit");
    return it->second;
}

std::string OverlayStore::origin_path() const { return m_base ? m_base->origin_path() : std::string("(in memory)"); }

}  // namespace detail

std::shared_ptr<const SourceStore> with_files(std::shared_ptr<const SourceStore> base,
                                              std::map<std::string, std::string> files,
                                              const std::vector<std::string>& removed) {
    std::map<std::string, std::string> merged;
    std::set<std::string> gone;
    // Stacking overlays would hide the base from the writer's raw copy: merge into one over the same base.
    if (const auto* overlay = dynamic_cast<const detail::OverlayStore*>(base.get())) {
        merged = overlay->files();
        gone = overlay->removed();
        base = overlay->base();
    }
    for (const auto& r : removed) {
        std::string entry = detail::normalised_entry(r);
        merged.erase(entry);
        gone.insert(ascii_lower(entry));
    }
    for (auto& [name, bytes] : files) {
        std::string entry = detail::normalised_entry(name);
        gone.erase(ascii_lower(entry));
        merged[entry] = std::move(bytes);
    }
    return std::make_shared<detail::OverlayStore>(std::move(base), std::move(merged), std::move(gone));
}

}  // namespace refi

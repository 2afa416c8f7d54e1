// The in-memory file store of generated projects.
#include "memory_store.hpp"

#include <algorithm>
#include <cctype>

#include "refi/error.hpp"

namespace framer::samples {

void MemoryStore::add(const std::string& entry, std::string bytes) {
    if (!m_files.count(entry)) m_order.push_back(entry);
    m_files[entry] = std::move(bytes);
}

std::optional<std::string> MemoryStore::find_internal(const std::string& file_name) const {
    // Same rule as the archive: the folder name is matched case-insensitively, the file name exactly.
    for (const auto& entry : m_order) {
        auto slash = entry.find('/');
        if (slash == std::string::npos) {
            if (entry == file_name) return entry;
            continue;
        }
        std::string folder = entry.substr(0, slash);
        std::transform(folder.begin(), folder.end(), folder.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (folder == "sources" && entry.substr(slash + 1) == file_name) return entry;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> MemoryStore::size(const std::string& entry) const {
    auto it = m_files.find(entry);
    if (it == m_files.end()) return std::nullopt;
    return it->second.size();
}

std::string MemoryStore::read(const std::string& entry, std::uint64_t max_bytes) const {
    auto it = m_files.find(entry);
    if (it == m_files.end()) throw refi::Error(origin_path(), {}, "no entry " + entry);
    if (it->second.size() > max_bytes) throw refi::Error(origin_path(), {}, "entry " + entry + " is too large");
    return it->second;
}

}  // namespace framer::samples

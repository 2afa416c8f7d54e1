// Files beside a bare .qde: the sources/ folder (matched case-insensitively), read on demand.
#include "directory_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "refi/error.hpp"
#include "refi/text.hpp"

namespace refi::detail {

DirectoryStore::DirectoryStore(std::filesystem::path folder) : m_folder(std::move(folder)) {
    std::error_code ec;
    // Symbolic links are not followed (symlink_status): a sources/ folder, or a file in it, that links elsewhere
    // would embed a file from outside the project's folder (/etc/passwd) in the outputs. External files are
    // named explicitly by absolute:// or relative:// paths instead.
    for (const auto& dir : std::filesystem::directory_iterator(m_folder, ec)) {
        if (!std::filesystem::is_directory(dir.symlink_status(ec)) ||
            ascii_lower(dir.path().filename().string()) != "sources")
            continue;
        for (const auto& f : std::filesystem::directory_iterator(dir.path(), ec))
            if (std::filesystem::is_regular_file(f.symlink_status(ec)))
                m_entries.push_back(dir.path().filename().string() + "/" + f.path().filename().string());
            else if (std::filesystem::is_symlink(f.symlink_status(ec)))
                m_skipped_links.push_back(dir.path().filename().string() + "/" + f.path().filename().string());
    }
    std::sort(m_entries.begin(), m_entries.end());
    for (const auto& e : m_entries) m_lower.emplace(ascii_lower(e.substr(e.find('/') + 1)), e);
}

std::optional<std::string> DirectoryStore::find_internal(const std::string& file_name) const {
    auto it = m_lower.find(ascii_lower(file_name));
    if (it == m_lower.end()) return std::nullopt;
    return it->second;
}

std::optional<std::uint64_t> DirectoryStore::size(const std::string& entry) const {
    std::error_code ec;
    auto s = std::filesystem::file_size(file_of(entry), ec);
    if (ec) return std::nullopt;
    return s;
}

std::string DirectoryStore::read(const std::string& entry, std::uint64_t max_bytes) const {
    auto path = file_of(entry);
    std::error_code ec;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec)))
        throw Error(path.string(), {}, "is a symbolic link; files beside a .qde are read only from inside its folder");
    auto s = size(entry);
    if (!s) throw Error(path.string(), {}, "no such file");
    if (*s > max_bytes) throw Error(path.string(), {}, fmt::format("file is {} bytes, more than the limit of {}", *s, max_bytes));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace refi::detail

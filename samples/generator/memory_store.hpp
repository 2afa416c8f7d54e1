#pragma once
/// An in-memory SourceStore: the files of a project built in code (the samples, the benchmark), so that
/// refi::write_project can put them into the archive's sources/ folder like any other project's files.

#include <map>
#include <string>
#include <vector>

#include "refi/source_store.hpp"

namespace framer::samples {

class MemoryStore final : public refi::SourceStore {
public:
    /// Adds (or replaces) an entry, e.g. "sources/<GUID>.txt"; entries keep the order they were first added.
    void add(const std::string& entry, std::string bytes);

    std::vector<std::string> entries() const override { return m_order; }
    std::optional<std::string> find_internal(const std::string& file_name) const override;
    std::optional<std::uint64_t> size(const std::string& entry) const override;
    std::string read(const std::string& entry, std::uint64_t max_bytes) const override;
    std::string origin_path() const override { return "(generated in memory)"; }

private:
    std::vector<std::string> m_order;
    std::map<std::string, std::string> m_files;
};

}  // namespace framer::samples

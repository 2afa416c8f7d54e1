// refi::Error and Diagnostics: every message carries file:line:column where known.
#include "refi/error.hpp"

#include <fmt/format.h>

namespace refi {

static std::string where(const std::string& file, Location loc) {
    if (file.empty()) return {};
    if (!loc.known()) return file + ": ";
    return fmt::format("{}:{}:{}: ", file, loc.line, loc.column);
}

Error::Error(std::string file, Location loc, std::string message)
    : std::runtime_error(where(file, loc) + message), m_file(std::move(file)), m_loc(loc),
      m_message(std::move(message)) {}

const char* to_string(Severity s) {
    switch (s) {
        case Severity::Info: return "info";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "warning";
}

std::string Diagnostic::format() const {
    return fmt::format("{}{}[{}]: {}", where(file, loc), to_string(severity), id, message);
}

void Diagnostics::warning(std::string id, std::string file, Location loc, std::string message) {
    add({Severity::Warning, std::move(id), std::move(file), loc, std::move(message)});
}
void Diagnostics::error(std::string id, std::string file, Location loc, std::string message) {
    add({Severity::Error, std::move(id), std::move(file), loc, std::move(message)});
}
void Diagnostics::info(std::string id, std::string file, Location loc, std::string message) {
    add({Severity::Info, std::move(id), std::move(file), loc, std::move(message)});
}

std::size_t Diagnostics::count(Severity s) const {
    std::size_t n = 0;
    for (const auto& d : m_items) n += d.severity == s;
    return n;
}

bool Diagnostics::contains(const std::string& id) const {
    for (const auto& d : m_items)
        if (d.id == id) return true;
    return false;
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

}  // namespace refi

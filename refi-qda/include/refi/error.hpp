#pragma once
/// The one error type of refi-qda and its diagnostics (findings that do not stop the work).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "refi/model.hpp"

namespace refi {

/// A fatal problem with an input or output. what() reads "file:line:col: message" (line/col when known).
/// The CLI maps it to exit code 1.
class Error : public std::runtime_error {
public:
    Error(std::string file, Location loc, std::string message);
    explicit Error(std::string message) : Error({}, {}, std::move(message)) {}
    const std::string& file() const { return m_file; }
    Location location() const { return m_loc; }
    const std::string& message() const { return m_message; }
private:
    std::string m_file;
    Location m_loc;
    std::string m_message;
};

enum class Severity { Info, Warning, Error };
const char* to_string(Severity);

/// One finding: a stable id (e.g. "dangling-reference", "dropped-by-dialect"), where, and what.
struct Diagnostic {
    Severity severity = Severity::Warning;
    std::string id;
    std::string file;   ///< e.g. "project.qde" or "study.qdpx:project.qde"
    Location loc;
    std::string message;
    /// "file:line:col: warning[id]: message"
    std::string format() const;
};

/// An ordered collection of findings.
class Diagnostics {
public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void warning(std::string id, std::string file, Location loc, std::string message);
    void error(std::string id, std::string file, Location loc, std::string message);
    void info(std::string id, std::string file, Location loc, std::string message);
    const std::vector<Diagnostic>& items() const { return m_items; }
    std::size_t count(Severity) const;
    bool has_errors() const { return count(Severity::Error) > 0; }
    bool has_warnings() const { return count(Severity::Warning) > 0; }
    bool contains(const std::string& id) const;
    void append(const Diagnostics& other);
private:
    std::vector<Diagnostic> m_items;
};

}  // namespace refi

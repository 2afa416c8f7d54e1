#pragma once
/// The two plugin interfaces: an Analysis turns a project into a Result; an Exporter renders a Result.

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "refi/model.hpp"
#include "refi/output_file.hpp"

namespace framer {

/// Error in an analysis' options (unknown variable or code...): the CLI exits 2 with the message.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Named options for an analysis; every value is a list (repeatable options).
class Options {
public:
    void set(const std::string& key, std::string value) { m_values[key] = {std::move(value)}; }
    void add(const std::string& key, std::string value) { m_values[key].push_back(std::move(value)); }
    bool has(const std::string& key) const { return m_values.count(key) && !m_values.at(key).empty(); }
    std::string get(const std::string& key, const std::string& fallback = {}) const {
        return has(key) ? m_values.at(key).front() : fallback;
    }
    std::vector<std::string> get_all(const std::string& key) const {
        auto it = m_values.find(key);
        return it == m_values.end() ? std::vector<std::string>{} : it->second;
    }
private:
    std::map<std::string, std::vector<std::string>> m_values;
};

class Analysis {
public:
    virtual ~Analysis() = default;
    virtual std::string name() const = 0;
    virtual std::string summary() const = 0;  ///< one line for `framer --help`
    /// Throws UsageError for bad options, refi::Error for an unusable project.
    /// The option "parts" says which part of the Result the exporter will read: "json", "csv" (tables marked
    /// csv), "documents" (tables not marked csv_only), "tables" (both kinds); absent: all. An analysis with a
    /// large result may leave the other parts empty. A Result with Result::write_json reads `project` when it is
    /// written: keep the project until the Result has been exported.
    virtual Result run(const refi::Project& project, const Options& options) const = 0;
    /// True when the Result carries Result::figures (so a format that only draws figures, svg, can be offered).
    virtual bool draws_figures() const { return false; }
    /// True when run() reads what the selections cover (excerpts, overlaps), so that positions read in the wrong
    /// counting would change its result. The command then checks the positions against the texts first (warning
    /// when another dialect's counting fits better, refi::position_evidence) and keeps the texts that check loaded
    /// for run(), instead of each being inflated twice. False for an analysis that counts codes, cases and
    /// variables: no position changes its numbers, so neither the check nor the texts are paid for.
    virtual bool uses_positions() const { return false; }
};

class Exporter {
public:
    virtual ~Exporter() = default;
    virtual std::string name() const = 0;                   ///< the --format value: "md", "csv", ...
    virtual std::vector<std::string> extensions() const = 0; ///< ".md", ".markdown", ...
    virtual bool binary() const { return false; }           ///< xlsx: not for a terminal
    /// True for a format that draws Result::figures and has nothing to show without them (svg): write() throws
    /// UsageError for a result without figures, and the CLI refuses it before reading the project.
    virtual bool needs_figure() const { return false; }
    virtual void write(const Result& result, std::ostream& out) const = 0;
    /// What this format cannot show of `result`, counted (LaTeX: characters pdflatex cannot typeset, shown as
    /// placeholders): the CLI prints each as a warning, the output's own notes say it too.
    virtual std::vector<std::string> losses(const Result&) const { return {}; }
    /// Writes the result into the file `path` (the temporary the CLI renames over the output). The default
    /// streams write() into it (refi::OutputFile: a large output goes to the disk directly) and fails on any
    /// short write, the final one included, with its reason; an exporter that writes a file its own way (xlsx)
    /// writes there directly.
    virtual void write_file(const Result& result, const std::filesystem::path& path) const {
        refi::write_stream(path, path.string(), [&](std::ostream& out) { write(result, out); });
    }
};

}  // namespace framer

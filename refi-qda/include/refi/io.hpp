#pragma once
/// Reading and writing whole projects: .qdpx (zip) and bare .qde.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "refi/error.hpp"
#include "refi/limits.hpp"
#include "refi/model.hpp"
#include "refi/source_store.hpp"
#include <memory>
#include <string_view>

namespace refi {

struct ReadOptions {
    /// Refuse a project.qde that inflates to more than this (zip-bomb guard); checked while inflating. Source texts
    /// are capped by limits().max_text_bytes when they are loaded (refi/limits.hpp).
    std::uint64_t max_xml_bytes = limits().max_xml_bytes;
    /// Override the dialect detected from @origin (how positions in the file are counted).
    std::optional<Dialect> dialect;
};

/// Reads a .qdpx or .qde. Throws refi::Error (file, element, line) on anything it cannot read: not a zip, no
/// .qde, malformed XML, unsafe entry names, oversized entries, missing required attributes, bad positions.
/// Recoverable oddities (empty containers, absent media) go to `diagnostics` as warnings.
Project read_project(const std::filesystem::path& path, Diagnostics& diagnostics, const ReadOptions& options = {});

/// Parses project.qde text (for tests and for .qde input). `file_label` names it in messages.
/// `store` may be null; text sources are then only readable if inline or external.
Project parse_project_xml(std::string_view xml, const std::string& file_label, Diagnostics& diagnostics,
                          const ReadOptions& options = {}, std::shared_ptr<const SourceStore> store = nullptr);

struct WriteOptions {
    /// Write positions in this dialect's counting; default: the project's own dialect (lossless convert).
    std::optional<Dialect> dialect;
};

/// Writes a .qdpx (project.qde + sources/, source files copied raw without recompressing) or a bare .qde,
/// chosen by the extension. Written to a temporary file beside the output, then renamed. Refuses to write over
/// the file the project was read from. Deterministic: the same project gives the same bytes.
void write_project(const Project& project, const std::filesystem::path& path, Diagnostics& diagnostics,
                   const WriteOptions& options = {});

/// The project.qde text: XSD child order, no empty containers, UTF-8 declaration and default namespace.
std::string project_to_xml(const Project& project, Diagnostics& diagnostics, const WriteOptions& options = {});

/// Writes bytes to `path` atomically (temp file in the same folder, then rename). Throws refi::Error.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);
/// Writes atomically what `produce` writes to the stream, without holding it all in memory first.
void write_stream_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce);
/// Writes atomically the file `produce` writes at the path it is given (a temporary beside `path`), for writers
/// that write to a path (the zip writer of .xlsx). `produce` throws on any failure; the temporary is then removed.
void write_path_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path&)>& produce);

}  // namespace refi

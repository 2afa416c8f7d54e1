// read_project: pick the container (.qdpx zip or bare .qde), find and inflate the .qde safely, parse it.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "directory_store.hpp"
#include "project_reader.hpp"
#include "qdpx_archive.hpp"
#include "refi/error.hpp"
#include "refi/io.hpp"

namespace refi {

namespace {
std::string first_bytes(const std::filesystem::path& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string s(n, '\0');
    in.read(s.data(), static_cast<std::streamsize>(n));
    s.resize(static_cast<std::size_t>(in.gcount()));
    return s;
}

std::string lower_ext(const std::filesystem::path& p) {
    std::string e = p.extension().string();
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}
}  // namespace

Project read_project(const std::filesystem::path& path, Diagnostics& diagnostics, const ReadOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw Error(path.string(), {}, "no such file");
    if (std::filesystem::is_directory(path, ec)) throw Error(path.string(), {}, "is a directory, not a project file");
    std::string head = first_bytes(path, 4);
    std::string ext = lower_ext(path);
    bool looks_zip = head.size() >= 2 && head[0] == 'P' && head[1] == 'K';

    if (looks_zip || ext == ".qdpx") {
        auto archive = std::make_shared<detail::QdpxArchive>(path);
        std::string entry = archive->qde_entry();
        std::string xml = archive->read(entry, options.max_xml_bytes);
        std::string label = path.filename().string() + ":" + entry;
        return detail::parse_project_buffer(std::move(xml), label, diagnostics, options, archive);
    }
    if (ext == ".qdc")
        throw Error(path.string(), {}, "this is a codebook (.qdc), not a project; `framer info`, `framer validate` and `framer convert` read codebooks, the analyses need a project");

    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(path.string(), {}, "cannot read the file: " + ec.message());
    if (size > options.max_xml_bytes)
        throw Error(path.string(), {}, fmt::format("file is {} bytes, more than the limit of {} bytes (raise it "
                                                   "with framer --max-xml-size SIZE)", size, options.max_xml_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string(), {}, "cannot open the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string xml = ss.str();
    if (xml.find('<') == std::string::npos)
        throw Error(path.string(), {}, "not a REFI-QDA project: neither a zip archive (.qdpx) nor XML (.qde)");
    auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    auto dir_store = std::make_shared<detail::DirectoryStore>(folder);
    for (const auto& link : dir_store->skipped_links())
        diagnostics.warning("symlink-skipped", (folder / link).string(), {},
                            "is a symbolic link: not followed (a source beside a .qde is read only from inside its "
                            "folder; name an outside file with absolute:// or relative://)");
    // Always a store, even an empty one: a project read from a file knows which files it has, so a file it names
    // and lacks is reported as missing by validate and convert alike (not left unchecked).
    return detail::parse_project_buffer(std::move(xml), path.filename().string(), diagnostics, options, dir_store);
}

}  // namespace refi

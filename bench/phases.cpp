// The phases framer-bench measures.
#include "phases.hpp"

#include <libdeflate.h>
#include <zip.h>

#include <fstream>
#include <memory>
#include <pugixml.hpp>
#include <stdexcept>

#include <unistd.h>

#include "core/registry.hpp"
#include "refi/io.hpp"
#include "refi/validate.hpp"

namespace framer::bench {

namespace {

/// The parse both floors end with: in place, with the options refi's reader uses (default + single whitespace
/// PCDATA, UTF-8), so the floor is exactly the parse the reader cannot avoid.
void parse_in_place(char* buffer, std::size_t size) {
    pugi::xml_document doc;
    pugi::xml_parse_result result =
        doc.load_buffer_inplace(buffer, size, pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
    if (!result) throw std::runtime_error(std::string("pugixml: ") + result.description());
}

using ZipHandle = std::unique_ptr<zip_t, decltype(&zip_discard)>;

/// The archive open for reading, with project.qde's index and stat filled in; throws naming what is missing.
ZipHandle open_project_entry(const std::filesystem::path& qdpx, zip_uint64_t& index, zip_stat_t& st) {
    int err = 0;
    ZipHandle zip(zip_open(qdpx.c_str(), ZIP_RDONLY, &err), &zip_discard);
    if (!zip) throw std::runtime_error("cannot open " + qdpx.string());
    zip_int64_t found = zip_name_locate(zip.get(), "project.qde", ZIP_FL_NOCASE);
    zip_stat_init(&st);
    if (found < 0 || zip_stat_index(zip.get(), static_cast<zip_uint64_t>(found), 0, &st) != 0)
        throw std::runtime_error("no project.qde in " + qdpx.string());
    index = static_cast<zip_uint64_t>(found);
    return zip;
}

}  // namespace

std::uint64_t floor_parse(const std::filesystem::path& qdpx) {
    zip_uint64_t index = 0;
    zip_stat_t st;
    ZipHandle zip = open_project_entry(qdpx, index, st);
    zip_file_t* file = zip_fopen_index(zip.get(), index, 0);
    if (!file) throw std::runtime_error("cannot inflate project.qde");
    std::unique_ptr<char[]> buffer(new char[st.size]);
    zip_int64_t got = zip_fread(file, buffer.get(), st.size);
    zip_fclose(file);
    if (got != static_cast<zip_int64_t>(st.size)) throw std::runtime_error("short read of project.qde");
    parse_in_place(buffer.get(), st.size);
    return st.size;
}

std::uint64_t floor_parse_libdeflate(const std::filesystem::path& qdpx) {
    zip_uint64_t index = 0;
    zip_stat_t st;
    ZipHandle zip = open_project_entry(qdpx, index, st);
    if (st.comp_method != ZIP_CM_DEFLATE) throw std::runtime_error("project.qde is not deflated");
    zip_file_t* raw = zip_fopen_index(zip.get(), index, ZIP_FL_COMPRESSED);
    if (!raw) throw std::runtime_error("cannot open project.qde");
    std::unique_ptr<char[]> compressed(new char[st.comp_size]);
    zip_int64_t got = zip_fread(raw, compressed.get(), st.comp_size);
    zip_fclose(raw);
    if (got != static_cast<zip_int64_t>(st.comp_size)) throw std::runtime_error("short read of project.qde");
    std::unique_ptr<char[]> buffer(new char[st.size]);
    libdeflate_decompressor* inflater = libdeflate_alloc_decompressor();
    if (!inflater) throw std::bad_alloc();
    std::size_t produced = 0;
    libdeflate_result r = libdeflate_deflate_decompress(inflater, compressed.get(), st.comp_size, buffer.get(),
                                                        st.size, &produced);
    libdeflate_free_decompressor(inflater);
    if (r != LIBDEFLATE_SUCCESS || produced != st.size) throw std::runtime_error("libdeflate: corrupt project.qde");
    compressed.reset();  // as the reader does: the compressed bytes are gone before the parse
    parse_in_place(buffer.get(), st.size);
    return st.size;
}

std::uint64_t qde_bytes(const std::filesystem::path& qdpx) {
    int err = 0;
    zip_t* zip = zip_open(qdpx.c_str(), ZIP_RDONLY, &err);
    if (!zip) throw std::runtime_error("cannot open " + qdpx.string());
    std::unique_ptr<zip_t, decltype(&zip_discard)> guard(zip, &zip_discard);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip, "project.qde", ZIP_FL_NOCASE, &st) != 0) throw std::runtime_error("no project.qde in " + qdpx.string());
    return st.size;
}

std::uint64_t other_entries_bytes(const std::filesystem::path& qdpx) {
    int err = 0;
    zip_t* zip = zip_open(qdpx.c_str(), ZIP_RDONLY, &err);
    if (!zip) throw std::runtime_error("cannot open " + qdpx.string());
    std::unique_ptr<zip_t, decltype(&zip_discard)> guard(zip, &zip_discard);
    std::uint64_t total = 0;
    const zip_int64_t n = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
        if (st.name && std::string(st.name) == "project.qde") continue;
        total += st.size;
    }
    return total;
}

refi::Project read(const std::filesystem::path& qdpx) {
    refi::Diagnostics d;
    refi::Project p = refi::read_project(qdpx, d);
    if (d.has_errors()) throw std::runtime_error("read reported errors: " + d.items().front().format());
    return p;
}

std::size_t validate(const refi::Project& project) {
    refi::Diagnostics d = refi::validate(project);
    return d.items().size();
}

void write(const refi::Project& project, const std::filesystem::path& out) {
    refi::Diagnostics d;
    refi::write_project(project, out, d);
}

bool has_analysis(const std::string& name) { return builtin_registry().analysis(name) != nullptr; }

void run_analysis(const std::string& name, const refi::Project& project, const std::filesystem::path& out) {
    const Analysis* analysis = builtin_registry().analysis(name);
    const Exporter* json = builtin_registry().exporter("json");
    if (!analysis || !json) throw std::runtime_error("analysis or json exporter not registered: " + name);
    Options options;
    if (name == "tabulate") options.set("by", "Role");
    options.set("parts", "json");  // as `framer ... --format json` does: only the JSON part is built
    Result result = analysis->run(project, options);
    std::ofstream file(out, std::ios::binary);
    json->write(result, file);
    if (!file) throw std::runtime_error("cannot write " + out.string());
}

int run_phase(const std::string& phase, const std::filesystem::path& qdpx) {
    auto scratch = qdpx.parent_path() / ("phase-" + phase + "-" + std::to_string(::getpid()));
    if (phase == "none") return 0;
    if (phase == "floor") {
        floor_parse(qdpx);
        return 0;
    }
    refi::Project project = framer::bench::read(qdpx);
    if (phase == "read") return 0;
    if (phase == "validate") {
        framer::bench::validate(project);
        return 0;
    }
    if (phase == "write") {
        framer::bench::write(project, scratch.string() + ".qdpx");
        std::filesystem::remove(scratch.string() + ".qdpx");
        return 0;
    }
    if (phase == "tabulate" || phase == "chart") {
        run_analysis(phase, project, scratch.string() + ".json");
        std::filesystem::remove(scratch.string() + ".json");
        return 0;
    }
    return 2;
}

}  // namespace framer::bench

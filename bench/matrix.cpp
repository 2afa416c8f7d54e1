// framer-bench --shapes: each shape at each size generated once, every command timed as a fresh `framer` process
// against the floor (in-process, in a fresh child) and the Python reference; one markdown table per shape.
#include "matrix.hpp"

#include <fmt/format.h>
#include <malloc.h>
#include <sys/resource.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "child.hpp"
#include "core/json.hpp"
#include "huge_pages.hpp"
#include "measure.hpp"
#include "phases.hpp"
#include "refi/dialect.hpp"
#include "refi/index.hpp"
#include "refi/io.hpp"
#include "refi/limits.hpp"

namespace fs = std::filesystem;

namespace framer::bench {

// ---------------------------------------------------------------------------------------------------- shapes

BenchShape ShapeSpec::at(long long codings) const {
    BenchShape s;
    s.codes = codes;
    s.crlf = crlf;
    if (fixed_units) {  // 100 units (one interview each) whose interviews grow with the codings
        s.sources = 100;
        s.sources_per_case = 1;
        s.codings_per_source = static_cast<int>(codings / 100);
    } else {  // interviews of 100 codings, two per case: more codings = more participants
        s.sources = static_cast<int>(codings / 100);
        s.sources_per_case = 2;
        s.codings_per_source = 100;
    }
    return s;
}

long long ShapeSpec::units(long long codings) const {
    const BenchShape s = at(codings);
    return (s.sources + s.sources_per_case - 1) / s.sources_per_case;
}

const std::vector<ShapeSpec>& all_shapes() {
    static const std::vector<ShapeSpec> shapes{
        {"bench", "the bench project: the seed's codebook (35 codes, 33 chart columns), interviews of 100 codings, two per case", 0, false},
        {"wide", "wide codebook: 328 codes, interviews of 100 codings, two per case", 328, false},
        {"sparse", "sparse chart: 100 units (one interview each) x 400 codes", 400, true},
        {"crlf", "wide codebook with Windows line breaks (CR LF): 328 codes, interviews of 100 codings, two per case; "
                 "the position check weighs every selection", 328, false, true},
    };
    return shapes;
}

const ShapeSpec& shape_named(const std::string& name) {
    for (const auto& s : all_shapes())
        if (s.name == name) return s;
    throw std::runtime_error("unknown shape '" + name + "' (known: bench, wide, sparse, crlf)");
}

long long parse_size(const std::string& text) {
    if (text.empty()) throw std::runtime_error("empty size");
    long long mult = 1;
    std::string digits = text;
    const char last = text.back();
    if (last == 'k' || last == 'K') mult = 1000, digits.pop_back();
    else if (last == 'm' || last == 'M') mult = 1'000'000, digits.pop_back();
    std::size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(digits, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != digits.size() || n <= 0) throw std::runtime_error("not a size: '" + text + "' (e.g. 10k, 1M)");
    n *= mult;
    if (n < 100 || n % 100 != 0) throw std::runtime_error("size '" + text + "' is not a multiple of 100 codings");
    return n;
}

std::string size_label(long long n) {
    if (n % 1'000'000 == 0) return std::to_string(n / 1'000'000) + "M";
    if (n % 1000 == 0) return std::to_string(n / 1000) + "k";
    return std::to_string(n);
}

// ------------------------------------------------------------------------------------------------- commands

namespace {

/// A measured command: how to run it, where its output goes, and the target for it.
struct CommandSpec {
    std::string id;
    std::string label;
    std::vector<std::string> args;  ///< after the framer binary; {P} = project, {O} = the output file
    std::string output;             ///< file name in the size's folder
    bool to_stdout = false;         ///< the output is the child's standard output
    double floor_target = 0;        ///< CPU ≤ this × the floor (0: no target)
    double python_target = 0;       ///< Python's CPU ≥ this × this command's (0: no target)
};

const std::vector<CommandSpec>& command_specs() {
    static const std::vector<CommandSpec> specs{
        {"info", "`info`", {"info", "{P}"}, "info.txt", true, 1.2, 0},
        {"tabulate", "`tabulate --by Role` → json", {"tabulate", "{P}", "--by", "Role", "-o", "{O}"}, "tabulate.json",
         false, 1.5, 10},
        {"describe", "`describe --by Role` → json", {"describe", "{P}", "--by", "Role", "-o", "{O}"}, "describe.json",
         false, 1.5, 10},
        {"chart-json", "`chart` → json", {"chart", "{P}", "-o", "{O}"}, "chart.json", false, 3, 0},
        {"chart-html", "`chart` → html", {"chart", "{P}", "-o", "{O}"}, "chart.html", false, 3, 0},
        {"chart-xlsx", "`chart` → xlsx", {"chart", "{P}", "-o", "{O}"}, "chart.xlsx", false, 8, 0},
        {"convert", "`convert` → .qdpx", {"convert", "{P}", "{O}"}, "converted.qdpx", false, 2.5, 0},
        {"quotes", "`quotes` → json", {"quotes", "{P}", "-o", "{O}"}, "quotes.json", false, 0, 0},
        {"saturation", "`saturation` → json", {"saturation", "{P}", "-o", "{O}"}, "saturation.json", false, 0, 0},
        {"python", "python3 tabulate_reference.py --by Role", {}, "reference.json", true, 0, 0},
    };
    return specs;
}

}  // namespace

const std::vector<std::string>& matrix_command_ids() {
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> v;
        for (const auto& c : command_specs()) v.push_back(c.id);
        return v;
    }();
    return ids;
}

// ---------------------------------------------------------------------------------------------- the floors

int run_floor_child(const std::string& kind, const fs::path& qdpx) {
    auto usage = [] {
        struct rusage u {};
        getrusage(RUSAGE_SELF, &u);
        return std::pair<double, double>{u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6,
                                         u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6};
    };
    std::uint64_t xml = 0;
    const auto [user0, sys0] = usage();
    const auto start = std::chrono::steady_clock::now();
    if (kind == "libzip") xml = floor_parse(qdpx);
    else if (kind == "libdeflate") xml = floor_parse_libdeflate(qdpx);
    else throw std::runtime_error("unknown floor '" + kind + "' (libzip or libdeflate)");
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto [user1, sys1] = usage();
    std::cout << fmt::format("floor_wall {:.6f}\nfloor_cpu {:.6f}\nfloor_sys {:.6f}\nxml_bytes {}\n", wall,
                             (user1 - user0) + (sys1 - sys0), sys1 - sys0, xml);
    return 0;
}

namespace {

// ------------------------------------------------------------------------------------------------- results

double median_of(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Samples {
    std::vector<double> cpu, sys, wall;
    long long peak = -1;  ///< the largest VmHWM of the runs
    std::string failure;  ///< non-empty: the command failed (its message)
    double median_cpu() const { return median_of(cpu); }
    double median_wall() const { return median_of(wall); }
    double median_sys() const { return median_of(sys); }
    void add(const ChildRun& r) {
        cpu.push_back(r.cpu());
        sys.push_back(r.sys);
        wall.push_back(r.wall);
        peak = std::max(peak, r.peak_bytes);
    }
};

struct SizeResult {
    long long codings = 0;
    int runs = 0;
    // What the generated project holds (read back from the file).
    std::size_t sources = 0, cases = 0, codes = 0, top_codes = 0, codings_read = 0;
    long long cells = -1;  ///< cells of chart → json (units × columns), -1 when chart json did not run
    std::uint64_t xml_bytes = 0, text_bytes = 0, qdpx_bytes = 0;
    bool huge_pages = false;
    std::string max_xml_size;  ///< the --max-xml-size framer needed (project.qde over its default cap), or ""
    double generate_seconds = 0;
    std::string load_start, load_end;
    Samples floor_libzip, floor_libdeflate;        ///< the floor's own work, timed inside its process
    Samples floor_libzip_process;                  ///< the same child as a whole process (start-up included)
    Samples floor_libzip_huge;                     ///< the libzip floor with FRAMER_HUGEPAGES=1 (framer's default is off)
    std::map<std::string, Samples> commands;       ///< by id
    std::vector<std::string> checks;               ///< agreement and shape checks, as sentences
    bool failed = false;
};

struct ShapeResult {
    const ShapeSpec* spec = nullptr;
    std::vector<SizeResult> sizes;
};

struct PairSide {
    long long units = 0, cells = -1;
    std::uint64_t xml_bytes = 0;
    std::map<std::string, Samples> commands;
};

struct PairResult {
    long long codings = 0;
    int runs = 0;
    PairSide few, many;
    bool done = false;
};

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five;
    in >> one >> five;
    return one + " / " + five;
}

std::string mib(long long bytes) {
    if (bytes < 0) return "?";
    return fmt::format("{:.1f}", bytes / 1048576.0);
}

std::string mb(std::uint64_t bytes) { return fmt::format("{:.1f} MB", bytes / 1e6); }

std::string with_commas(long long n) {
    std::string s = std::to_string(n), out;
    int k = 0;
    for (auto it = s.rbegin(); it != s.rend(); ++it) {
        if (k++ && k % 3 == 1 && *it != '-') out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
    }
    return out;
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// How often each key occurs, unescaped, in a JSON file (inside a string a quote is escaped, so a key cannot appear
/// there unescaped). A scan, not a parse, because a 3M-coding chart is gigabytes of JSON.
std::vector<long long> count_keys(const fs::path& json, const std::vector<std::string>& keys) {
    std::ifstream in(json, std::ios::binary);
    if (!in) return {};
    std::size_t longest = 0;
    for (const auto& k : keys) longest = std::max(longest, k.size());
    std::vector<long long> n(keys.size(), 0);
    std::string chunk;
    std::vector<char> buf(1 << 22);
    std::size_t carried = 0;  // bytes at the start of chunk already searched (the tail of the last read)
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const std::size_t got = static_cast<std::size_t>(in.gcount());
        if (!got) break;
        chunk.append(buf.data(), got);
        for (std::size_t k = 0; k < keys.size(); ++k) {
            // A match must end past the carried bytes, so none is counted twice.
            std::size_t pos = carried >= keys[k].size() ? carried - keys[k].size() + 1 : 0;
            while ((pos = chunk.find(keys[k], pos)) != std::string::npos) {
                if (pos == 0 || chunk[pos - 1] != '\\') ++n[k];
                pos += keys[k].size();
            }
        }
        carried = std::min(chunk.size(), longest);
        chunk.erase(0, chunk.size() - carried);
    }
    return n;
}

/// Cells of a matrix chart's JSON, units × columns: it lists every unit once (an "attributes" key each, as each row
/// has), each theme's rows with something in them (a "cells" key each) and describes each column once (a "self"
/// key each). Its rows list only their non-empty cells, so the cells are not counted one by one.
long long count_cells(const fs::path& chart_json) {
    const auto n = count_keys(chart_json, {"\"attributes\":", "\"cells\":", "\"self\":"});
    if (n.empty()) return -1;
    return (n[0] - n[1]) * n[2];
}

/// The real interpreter behind `python3` (pyenv and similar put a shell script first, which would be timed too).
std::string python_interpreter(const fs::path& scratch) {
    const fs::path out = scratch / "python-path.txt";
    ChildRun r = run_child({"python3", "-c", "import sys; print(sys.executable)"}, out, {});
    if (r.exit_code != 0) return {};
    std::string path = read_all(out);
    while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
    fs::remove(out);
    return fs::exists(path) ? path : std::string("python3");
}

// --------------------------------------------------------------------------------------------- the runner

class Matrix {
public:
    explicit Matrix(const MatrixOptions& o) : m_o(o) {}

    int run() {
        prepare_folder();
        // A temporary folder goes on every way out, an exception (a failed floor, a full disk) included.
        struct Cleanup {
            const Matrix& m;
            ~Cleanup() {
                std::error_code ec;
                if (m.m_temporary && !m.m_o.keep) fs::remove_all(m.m_dir, ec);
            }
        } cleanup{*this};
        m_python = m_o.python && wanted("python") ? python_interpreter(m_dir) : std::string();
        if (m_o.python && wanted("python") && m_python.empty())
            std::cerr << "framer-bench: python3 not found: the Python reference is skipped\n";
        m_load_start = load_average();
        // What a framer process costs doing nothing (start-up, libraries, exit): the part of every figure that does
        // not depend on the project.
        for (int i = 0; i < 3; ++i) {
            ChildRun r = run_child({m_o.framer.string(), "--version"}, {}, {});
            if (r.exit_code != 0) throw std::runtime_error("framer --version failed: is " + m_o.framer.string() + " framer?");
            m_baseline.add(r);
        }
        for (const auto& name : m_o.shapes) {
            m_results.push_back({&shape_named(name), {}});
            for (long long size : m_o.sizes) {
                m_results.back().sizes.push_back(measure_size(*m_results.back().spec, size));
                write_markdown();
            }
            std::cout << render_shape(m_results.back()) << std::flush;
        }
        if (m_o.pair) {
            measure_pair();
            write_markdown();
            std::cout << render_pair() << std::flush;
        }
        if (m_o.keep) std::cerr << "framer-bench: files kept in " << m_dir.string() << "\n";
        return m_failed ? 1 : 0;
    }

private:
    const MatrixOptions& m_o;
    fs::path m_dir;
    bool m_temporary = false;
    std::string m_python, m_load_start;
    Samples m_baseline;  ///< `framer --version`
    std::string m_max_xml_size;  ///< for the project being measured: "" or the --max-xml-size it needs
    std::vector<ShapeResult> m_results;
    PairResult m_pair;
    bool m_failed = false;

    bool wanted(const std::string& id) const {
        return m_o.commands.empty() || std::find(m_o.commands.begin(), m_o.commands.end(), id) != m_o.commands.end();
    }

    int runs_for(long long codings) const {
        if (codings >= 2'000'000) return std::max(1, m_o.heavy_runs);
        if (codings >= 1'000'000) return std::max(1, m_o.mid_runs > 0 ? m_o.mid_runs : std::min(m_o.runs, 3));
        return std::max(1, m_o.runs);
    }

    void prepare_folder() {
        if (m_o.out) {
            m_dir = *m_o.out;
            fs::create_directories(m_dir);
        } else {
            std::string tmpl = (fs::temp_directory_path() / "framer-bench-shapes-XXXXXX").string();
            if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder");
            m_dir = tmpl;
            m_temporary = true;
        }
    }

    static void progress(const std::string& what) { std::cerr << "framer-bench: " << what << std::endl; }

    /// Generates the shape at this size into `folder`; returns the seconds it took.
    static double generate(const BenchShape& shape, const fs::path& qdpx) {
        const Timing t = median_seconds(1, [&] {
            refi::Project p = make_bench_project(shape);
            refi::Diagnostics d;
            refi::write_project(p, qdpx, d);
            if (d.has_errors()) throw std::runtime_error("writing the generated project failed: " + d.items().front().format());
        });
        malloc_trim(0);  // the children are forked from this process: keep it small
        return t.wall;
    }

    std::vector<std::string> argv_of(const CommandSpec& c, const fs::path& project, const fs::path& out) const {
        std::vector<std::string> argv = argv_without_limit(c, project, out);
        if (!m_max_xml_size.empty() && c.id != "python")
            argv.insert(argv.begin() + 1, {"--max-xml-size", m_max_xml_size});
        return argv;
    }

    std::vector<std::string> argv_without_limit(const CommandSpec& c, const fs::path& project,
                                                const fs::path& out) const {
        if (c.id == "python")
            return {m_python, (fs::path(FRAMER_SOURCE_DIR) / "bench" / "tabulate_reference.py").string(),
                    project.string(), "--by", "Role"};
        std::vector<std::string> argv{m_o.framer.string()};
        for (const auto& a : c.args) argv.push_back(a == "{P}" ? project.string() : a == "{O}" ? out.string() : a);
        return argv;
    }

    /// One run of a command into `samples`; a failure is recorded with the end of its standard error.
    void run_once(const CommandSpec& c, const fs::path& project, const fs::path& folder, Samples& samples) {
        if (!samples.failure.empty()) return;
        const fs::path out = folder / c.output;
        const fs::path err = folder / (c.id + ".stderr");
        // Each run writes a new file: an existing output (e.g. convert's .qdpx) would also count in framer's
        // huge-page size gate, and overwriting costs differently from creating.
        fs::remove(out);
        ChildRun r = run_child(argv_of(c, project, out), c.to_stdout ? out : fs::path(), err);
        if (r.exit_code != 0) {
            std::string message = read_all(err);
            if (message.size() > 400) message = "…" + message.substr(message.size() - 400);
            std::replace(message.begin(), message.end(), '\n', ' ');
            samples.failure = fmt::format("exit {}: {}", r.exit_code, message);
            progress(fmt::format("{} FAILED ({})", c.id, samples.failure));
            m_failed = true;
            return;
        }
        samples.add(r);
    }

    void run_floor(const std::string& kind, const fs::path& project, const fs::path& folder, Samples& work,
                   Samples* process, bool huge_pages = false) {
        const std::string name = kind + (huge_pages ? "-huge" : "");
        const fs::path out = folder / ("floor-" + name + ".txt");
        // The floor child asks for huge pages as framer does (src/huge_pages.hpp): only when FRAMER_HUGEPAGES=1.
        const char* asked = std::getenv("FRAMER_HUGEPAGES");
        const std::string before = asked ? asked : "";
        if (huge_pages) ::setenv("FRAMER_HUGEPAGES", "1", 1);
        ChildRun r = run_child({m_o.self.string(), "--floor", kind, "--project", project.string()}, out,
                               folder / ("floor-" + name + ".stderr"));
        if (huge_pages) {
            if (asked) ::setenv("FRAMER_HUGEPAGES", before.c_str(), 1);
            else ::unsetenv("FRAMER_HUGEPAGES");
        }
        if (r.exit_code != 0) throw std::runtime_error("the " + kind + " floor failed on " + project.string());
        double wall = -1, cpu = -1, sys = 0;
        std::istringstream in(read_all(out));
        for (std::string key; in >> key;) {
            if (key == "floor_wall") in >> wall;
            else if (key == "floor_cpu") in >> cpu;
            else if (key == "floor_sys") in >> sys;
            else in.ignore(1 << 20, '\n');
        }
        if (wall < 0 || cpu < 0) throw std::runtime_error("the " + kind + " floor printed no timing");
        work.cpu.push_back(cpu);
        work.sys.push_back(sys);
        work.wall.push_back(wall);
        work.peak = std::max(work.peak, r.peak_bytes);
        if (process) process->add(r);
    }

    SizeResult measure_size(const ShapeSpec& spec, long long codings) {
        SizeResult res;
        res.codings = codings;
        res.runs = runs_for(codings);
        const std::string tag = spec.name + " " + size_label(codings);
        const fs::path folder = m_dir / (spec.name + "-" + size_label(codings));
        fs::create_directories(folder);
        const fs::path project = folder / "bench-project.qdpx";
        res.load_start = load_average();
        progress(tag + ": generating");
        res.generate_seconds = generate(spec.at(codings), project);
        res.qdpx_bytes = fs::file_size(project);
        res.text_bytes = other_entries_bytes(project);
        res.huge_pages = framer::cli::huge_pages_pay({"framer", project.string()});
        raise_xml_limit_for(project);
        res.max_xml_size = m_max_xml_size;

        // What the file holds and the direct count, from the project read back (then freed before any timing).
        CountTable direct;
        {
            refi::Project p = framer::bench::read(project);
            res.sources = p.sources.size();
            res.cases = p.cases.size();
            refi::ProjectIndex index(p);
            res.codes = index.codes_in_order().size();
            res.top_codes = p.codes.size();
            for (const auto& s : p.sources)
                for (const auto& sel : s.selections) res.codings_read += sel.codings.size();
            direct = count_participants(p, "Role");
            if (m_o.check) check_shape(spec, codings, p, res);
        }
        malloc_trim(0);

        // Round-robin: run 1 of every command, then run 2, ..., so a change of the machine's load touches all.
        for (int run = 0; run < res.runs; ++run) {
            progress(fmt::format("{}: run {}/{} (load {})", tag, run + 1, res.runs, load_average()));
            // The floors twice per round, before and after the commands: they are cheap, and with huge pages
            // their sys time swings with the kernel's compaction work (other processes' memory), so more samples.
            run_floor("libzip", project, folder, res.floor_libzip, &res.floor_libzip_process);
            run_floor("libdeflate", project, folder, res.floor_libdeflate, nullptr);
            run_floor("libzip", project, folder, res.floor_libzip_huge, nullptr, true);
            for (const auto& c : command_specs()) {
                if (!wanted(c.id) || (c.id == "python" && m_python.empty())) continue;
                run_once(c, project, folder, res.commands[c.id]);
            }
            run_floor("libdeflate", project, folder, res.floor_libdeflate, nullptr);
            run_floor("libzip", project, folder, res.floor_libzip, &res.floor_libzip_process);
        }
        res.xml_bytes = 0;
        {
            std::istringstream in(read_all(folder / "floor-libzip.txt"));
            for (std::string key; in >> key;)
                if (key == "xml_bytes") in >> res.xml_bytes;
        }

        // The three implementations must agree: Python, framer tabulate's JSON, the direct count.
        auto agree = [&](const std::string& id, const std::string& who) {
            auto it = res.commands.find(id);
            if (it == res.commands.end() || !it->second.failure.empty()) return;
            std::string mismatch;
            try {
                mismatch = compare_counts(read_all(folder / (id == "python" ? "reference.json" : "tabulate.json")),
                                          direct);
            } catch (const std::exception& e) {
                mismatch = e.what();
            }
            res.checks.push_back(who + (mismatch.empty() ? " equals the direct count" : " DIFFERS from the direct count: " + mismatch));
            if (!mismatch.empty()) res.failed = m_failed = true;
        };
        agree("python", "tabulate_reference.py's output");
        agree("tabulate", "framer tabulate's JSON");
        if (wanted("chart-json") && res.commands["chart-json"].failure.empty()) {
            res.cells = count_cells(folder / "chart.json");
            if (m_o.check) check_cells(spec, codings, folder / "chart.json", res);
        }
        res.load_end = load_average();
        if (!m_o.keep) fs::remove_all(folder);
        return res;
    }

    /// A 3M-coding project.qde (about 1.2 GB) is over framer's default cap of 1 GiB: a user passes --max-xml-size,
    /// and so does the bench (and raises its own read's cap for the direct count).
    void raise_xml_limit_for(const fs::path& project) {
        m_max_xml_size.clear();
        refi::set_limits(refi::Limits{});
        const std::uint64_t xml = qde_bytes(project);
        if (xml <= refi::Limits{}.max_xml_bytes) return;
        const std::uint64_t gib = (xml >> 30) + 2;
        m_max_xml_size = std::to_string(gib) + "G";
        refi::Limits raised;
        raised.max_xml_bytes = gib << 30;
        refi::set_limits(raised);
    }

    void note_check(SizeResult& res, bool ok, const std::string& what) {
        res.checks.push_back((ok ? "shape check: " : "shape check FAILED: ") + what);
        if (!ok) res.failed = m_failed = true;
    }

    /// --check: the generated project is the shape it claims to be.
    void check_shape(const ShapeSpec& spec, long long codings, const refi::Project& p, SizeResult& res) {
        // The seed's Table 2 is 35 codes: 2 domains, 7 themes, 26 subthemes (33 chart columns).
        const std::size_t want_codes = spec.codes ? static_cast<std::size_t>(spec.codes) : 35;
        note_check(res, res.codes == want_codes, fmt::format("{} codes (claimed {})", res.codes, want_codes));
        note_check(res, static_cast<long long>(res.cases) == spec.units(codings),
                   fmt::format("{} cases = units (claimed {})", res.cases, spec.units(codings)));
        note_check(res, static_cast<long long>(res.codings_read) == codings,
                   fmt::format("{} codings (claimed {})", res.codings_read, codings));
        std::size_t referenced = 0;
        for (const auto& c : p.cases) referenced += c.source_refs.size();
        note_check(res, referenced == res.sources,
                   fmt::format("the cases reference {} sources (sources: {})", referenced, res.sources));
        // Line breaks: CR LF in every text of crlf, none elsewhere; the positions fit the project's own counting
        // (code points), so the position check weighs every selection of crlf and warns about none.
        const refi::PositionEvidence ev = refi::position_evidence(p);
        const auto weighed = static_cast<long long>(ev.checked);
        note_check(res, weighed == (spec.crlf ? codings : 0),
                   fmt::format("the position check weighs {} selections (claimed {})", weighed, spec.crlf ? codings : 0));
        note_check(res, !ev.better && ev.misfits.empty() && ev.fitting(refi::PositionCounting::CodePoints) == ev.checked,
                   fmt::format("{} of them fit code points, none another counting better", ev.fitting(
                                                                                 refi::PositionCounting::CodePoints)));
    }

    /// --check: the chart lists every unit, a matrix has a row for each unit with something in it, each row lists
    /// cells of its theme's columns only (in column order, each once); its cells are units × columns, and the
    /// columns are every code below the top level (each code with children is a theme whose columns are its
    /// children).
    void check_cells(const ShapeSpec& spec, long long codings, const fs::path& chart_json, SizeResult& res) {
        const Json j = Json::parse(read_all(chart_json));
        long long cells = 0, columns = 0, listed = 0;
        bool rows_ok = true, cells_ok = true;
        for (const auto& theme : j.at("themes").as_array()) {
            const auto& cols = theme.at("columns").as_array();
            const auto ncol = static_cast<long long>(cols.size());
            columns += ncol;
            const auto& rows = theme.at("rows").as_array();
            if (static_cast<long long>(rows.size()) > spec.units(codings)) rows_ok = false;
            for (const auto& row : rows) {
                std::size_t next = 0;
                for (const auto& cell : row.at("cells").as_array()) {
                    while (next < cols.size() && cols[next].at("guid").as_string() != cell.at("code_guid").as_string())
                        ++next;
                    if (next == cols.size()) cells_ok = false;
                    else ++next;
                    ++listed;
                }
                if (row.at("cells").as_array().empty()) rows_ok = false;
            }
            cells += ncol * static_cast<long long>(j.at("units").as_array().size());
        }
        note_check(res, j.at("unit").as_string() == "case", "the chart's unit is the case");
        note_check(res, rows_ok, "every matrix has at most a row per unit, and each row a cell");
        note_check(res, static_cast<long long>(j.at("units").as_array().size()) == spec.units(codings),
                   fmt::format("the chart lists {} units", spec.units(codings)));
        note_check(res, cells_ok, fmt::format("the {} listed cells are of their theme's columns, in order", listed));
        note_check(res, cells == res.cells, fmt::format("{} cells parsed = {} counted by the scan", cells, res.cells));
        note_check(res, columns == static_cast<long long>(res.codes - res.top_codes),
                   fmt::format("{} columns = {} codes - {} top-level codes", columns, res.codes, res.top_codes));
        note_check(res, cells == spec.units(codings) * columns,
                   fmt::format("cells = {} units × {} columns", spec.units(codings), columns));
    }

    // ------------------------------------------------------------------------------------------ the pair

    void measure_pair() {
        // Same codings, cells 100x apart: P/1000 units of 1000 codings against P/10 units of 10 codings, the wide
        // codebook, one interview per case. At 100k: 100 units (32,800 cells) against 10,000 (3,280,000).
        long long codings = 100'000;
        if (std::find(m_o.sizes.begin(), m_o.sizes.end(), codings) == m_o.sizes.end())
            codings = *std::min_element(m_o.sizes.begin(), m_o.sizes.end());
        codings = std::max<long long>(codings / 1000 * 1000, 1000);
        m_pair.codings = codings;
        m_pair.runs = runs_for(codings);
        const std::vector<std::string> ids{"chart-json", "chart-html", "chart-xlsx"};
        for (int side = 0; side < 2; ++side) {
            PairSide& ps = side ? m_pair.many : m_pair.few;
            BenchShape s;
            s.codes = 328;
            s.sources_per_case = 1;
            s.sources = static_cast<int>(side ? codings / 10 : codings / 1000);
            s.codings_per_source = side ? 10 : 1000;
            ps.units = s.sources;
            const std::string tag = fmt::format("pair {} units", ps.units);
            const fs::path folder = m_dir / fmt::format("pair-{}", ps.units);
            fs::create_directories(folder);
            const fs::path project = folder / "bench-project.qdpx";
            progress(tag + ": generating");
            generate(s, project);
            raise_xml_limit_for(project);
            for (int run = 0; run < m_pair.runs; ++run) {
                progress(fmt::format("{}: run {}/{} (load {})", tag, run + 1, m_pair.runs, load_average()));
                for (const auto& c : command_specs())
                    if (std::find(ids.begin(), ids.end(), c.id) != ids.end() && wanted(c.id))
                        run_once(c, project, folder, ps.commands[c.id]);
            }
            Samples floor;
            run_floor("libzip", project, folder, floor, nullptr);
            std::istringstream in(read_all(folder / "floor-libzip.txt"));
            for (std::string key; in >> key;)
                if (key == "xml_bytes") in >> ps.xml_bytes;
            if (ps.commands.count("chart-json") && ps.commands["chart-json"].failure.empty())
                ps.cells = count_cells(folder / "chart.json");
            if (!m_o.keep) fs::remove_all(folder);
        }
        if (m_o.check && m_pair.few.cells > 0) {
            const bool ok = m_pair.many.cells == 100 * m_pair.few.cells;
            std::cerr << "framer-bench: pair check " << (ok ? "" : "FAILED ") << m_pair.few.cells << " and "
                      << m_pair.many.cells << " cells (100x apart: " << (ok ? "yes" : "no") << ")\n";
            if (!ok) m_failed = true;
        }
        m_pair.done = true;
    }

    // ----------------------------------------------------------------------------------------- rendering

    static std::string ratio(double a, double b) { return b > 0 ? fmt::format("{:.2f}×", a / b) : "?"; }

    std::string render_shape(const ShapeResult& sr) const {
        std::string md;
        const ShapeSpec& spec = *sr.spec;
        md += fmt::format("\n### Shape `{}`: {}\n\n", spec.name, spec.description);
        for (const auto& r : sr.sizes) {
            md += fmt::format(
                "- **{}**: {} sources, {} cases (the units), {} codes, {} codings{}; project.qde {}, texts {}, .qdpx "
                "{}; huge pages {}{}; {} run{} per command; load {} at start, {} at end.\n",
                size_label(r.codings), with_commas(r.sources), with_commas(r.cases), r.codes, with_commas(r.codings_read),
                r.cells >= 0 ? fmt::format(", {} chart cells", with_commas(r.cells)) : "", mb(r.xml_bytes),
                mb(r.text_bytes), mb(r.qdpx_bytes), r.huge_pages ? "on (FRAMER_HUGEPAGES=1)" : "off (the default)",
                r.max_xml_size.empty() ? ""
                                       : fmt::format("; framer run as `framer --max-xml-size {} COMMAND` (project.qde "
                                                     "over the default cap of 1 GiB)", r.max_xml_size),
                r.runs, r.runs == 1 ? "" : "s", r.load_start, r.load_end);
            for (const auto& c : r.checks) md += "  " + c + ".\n";
        }
        md += "\n| codings | command | CPU | of which sys | wall | CPU / floor | CPU / libdeflate floor | wall / floor | peak MiB | "
              "peak / XML | peak / (XML + texts) | target | met |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
        for (const auto& r : sr.sizes) {
            const double floor_cpu = r.floor_libzip.median_cpu(), floor_wall = r.floor_libzip.median_wall();
            const double deflate_cpu = r.floor_libdeflate.median_cpu();
            const double xml = static_cast<double>(r.xml_bytes), all = xml + static_cast<double>(r.text_bytes);
            const std::string size = size_label(r.codings);
            auto peak_cols = [&](long long peak) {
                return fmt::format("{} | {} | {}", mib(peak), peak > 0 ? fmt::format("{:.2f}×", peak / xml) : "?",
                                   peak > 0 ? fmt::format("{:.2f}×", peak / all) : "?");
            };
            auto floor_row = [&](const std::string& label, const Samples& s) {
                md += fmt::format("| {} | {} | {:.3f} s | {:.3f} s | {:.3f} s | {} | {} | {} | {} | | |\n", size, label,
                                  s.median_cpu(), s.median_sys(), s.median_wall(), ratio(s.median_cpu(), floor_cpu),
                                  ratio(s.median_cpu(), deflate_cpu), ratio(s.median_wall(), floor_wall),
                                  peak_cols(s.peak));
            };
            floor_row("floor: libzip inflate + pugixml parse (in-process)", r.floor_libzip);
            floor_row("floor: libdeflate inflate + pugixml parse (in-process)", r.floor_libdeflate);
            floor_row("the libzip floor's process as a whole (start-up and exit included)", r.floor_libzip_process);
            floor_row("floor: libzip inflate + pugixml parse with huge pages (FRAMER_HUGEPAGES=1; in-process)",
                      r.floor_libzip_huge);
            const Samples* python = nullptr;
            if (auto it = r.commands.find("python"); it != r.commands.end() && it->second.failure.empty())
                python = &it->second;
            for (const auto& c : command_specs()) {
                auto it = r.commands.find(c.id);
                if (it == r.commands.end()) continue;
                const Samples& s = it->second;
                if (!s.failure.empty()) {
                    md += fmt::format("| {} | {} | failed ({}) | | | | | | | | | | NOT met |\n", size, c.label, s.failure);
                    continue;
                }
                const double cpu = s.median_cpu();
                std::vector<std::string> targets, verdicts;
                if (c.floor_target > 0) {
                    targets.push_back(fmt::format("≤ {}× floor", c.floor_target));
                    verdicts.push_back(fmt::format("{} ({:.2f}×)", cpu <= c.floor_target * floor_cpu ? "met" : "NOT met",
                                                   cpu / floor_cpu));
                }
                if (c.python_target > 0 && python) {
                    targets.push_back(fmt::format("≥ {}× faster than Python", c.python_target));
                    const double speedup = python->median_cpu() / cpu;
                    verdicts.push_back(fmt::format("{} ({:.1f}×)", speedup >= c.python_target ? "met" : "NOT met", speedup));
                }
                if (c.id != "python") {
                    targets.push_back("peak ≤ 4× XML");
                    verdicts.push_back(s.peak < 0 ? "? (no peak)"
                                                  : fmt::format("{} ({:.2f}×)", s.peak <= 4 * xml ? "met" : "NOT met",
                                                                s.peak / xml));
                }
                md += fmt::format("| {} | {} | {:.3f} s | {:.3f} s | {:.3f} s | {} | {} | {} | {} | {} | {} |\n", size,
                                  c.label, cpu, s.median_sys(), s.median_wall(), ratio(cpu, floor_cpu), ratio(cpu, deflate_cpu),
                                  ratio(s.median_wall(), floor_wall), peak_cols(s.peak), join(targets), join(verdicts));
            }
        }
        return md;
    }

    static std::string join(const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
        return s;
    }

    std::string render_pair() const {
        if (!m_pair.done) return {};
        std::string md = fmt::format(
            "\n### Chart cost per cell: {} codings, wide codebook (328 codes), one interview per unit\n\n"
            "Target: the chart with 100× the cells costs ≤ 2× the CPU. {} run{} each.\n\n"
            "| chart | {} units ({} cells), CPU | peak MiB | {} units ({} cells), CPU | peak MiB | CPU ratio | target | "
            "met |\n|---|---|---|---|---|---|---|---|\n",
            with_commas(m_pair.codings), m_pair.runs, m_pair.runs == 1 ? "" : "s", with_commas(m_pair.few.units),
            with_commas(m_pair.few.cells), with_commas(m_pair.many.units), with_commas(m_pair.many.cells));
        for (const auto& c : command_specs()) {
            auto a = m_pair.few.commands.find(c.id), b = m_pair.many.commands.find(c.id);
            if (a == m_pair.few.commands.end() || b == m_pair.many.commands.end()) continue;
            if (!a->second.failure.empty() || !b->second.failure.empty()) {
                md += fmt::format("| {} | {} | | {} | | | ≤ 2× | NOT met |\n", c.label, a->second.failure, b->second.failure);
                continue;
            }
            const double ca = a->second.median_cpu(), cb = b->second.median_cpu();
            md += fmt::format("| {} | {:.3f} s | {} | {:.3f} s | {} | {:.2f}× | ≤ 2× | {} |\n", c.label, ca,
                              mib(a->second.peak), cb, mib(b->second.peak), cb / ca, cb <= 2 * ca ? "met" : "NOT met");
        }
        md += fmt::format("\nproject.qde: {} ({} units), {} ({} units).\n", mb(m_pair.few.xml_bytes),
                          with_commas(m_pair.few.units), mb(m_pair.many.xml_bytes), with_commas(m_pair.many.units));
        return md;
    }

    void write_markdown() const {
        if (!m_o.markdown) return;
        std::string md = fmt::format(
            "Measured by `framer-bench --shapes` on {} hardware threads; load average {} (1 / 5 min) at start; "
            "framer {} (`framer --version`: {:.3f} s CPU, peak {} MiB); FRAMER_HUGEPAGES={}, FRAMER_NO_HUGEPAGES={}; "
            "Python: {}.\n",
            std::thread::hardware_concurrency(), m_load_start, m_o.framer.string(), m_baseline.median_cpu(),
            mib(m_baseline.peak),
            std::getenv("FRAMER_HUGEPAGES") ? std::getenv("FRAMER_HUGEPAGES") : "(unset)",
            std::getenv("FRAMER_NO_HUGEPAGES") ? std::getenv("FRAMER_NO_HUGEPAGES") : "(unset)",
            m_python.empty() ? "not run" : m_python);
        for (const auto& sr : m_results) md += render_shape(sr);
        md += render_pair();
        std::ofstream out(*m_o.markdown, std::ios::binary | std::ios::trunc);
        out << md;
    }
};

}  // namespace

int run_matrix(const MatrixOptions& options) {
    if (options.sizes.empty()) throw std::runtime_error("no sizes");
    if (!fs::exists(options.framer))
        throw std::runtime_error("no framer binary at " + options.framer.string() + " (build it, or --framer PATH)");
    for (const auto& id : options.commands)
        if (std::find(matrix_command_ids().begin(), matrix_command_ids().end(), id) == matrix_command_ids().end())
            throw std::runtime_error("unknown command '" + id + "' for --commands");
    Matrix m(options);
    return m.run();
}

}  // namespace framer::bench

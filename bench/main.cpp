// framer-bench: generates a 1,000-source x 100-coding project and measures read, validate, write (and tabulate,
// chart when those plugins are built) against the floor of inflating and parsing project.qde. See README.md.
#include "huge_pages.hpp"
#include "time_zone.hpp"
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "bench_project.hpp"
#include "core/json.hpp"
#include "matrix.hpp"
#include "measure.hpp"
#include "phases.hpp"
#include "refi/io.hpp"

namespace fs = std::filesystem;
using namespace framer::bench;

namespace {

struct Args {
    std::optional<fs::path> out;
    int runs = 5;
    int python_runs = 3;
    BenchShape shape;
    bool python = true;
    bool memory = true;
    bool generate_only = false;
    std::string phase;
    std::string floor;
    fs::path project;
    bool shapes = false;
    MatrixOptions matrix;
};

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream s(text);
    for (std::string item; std::getline(s, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

void usage() {
    std::cerr << "usage: framer-bench [--out DIR] [--runs N] [--sources N] [--codings N] [--codes N] [--sources-per-case N]\n"
                 "                    [--generate-only] [--no-python] [--no-memory]\n"
                 "       framer-bench --shapes [--shape bench,wide,sparse,crlf] [--sizes 10k,100k,1M,3M] [--runs N] [--mid-runs N]\n"
                 "                    [--heavy-runs N] [--commands ID,...] [--no-python] [--no-pair] [--check] [--out DIR]\n"
                 "                    [--keep] [--markdown FILE] [--framer PATH]\n"
                 "       (--matrix = --shapes; command ids: info tabulate describe chart-json chart-html chart-xlsx convert\n"
                 "        quotes saturation python)\n";
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error("missing value after " + k);
            return argv[++i];
        };
        if (k == "--out") a.out = a.matrix.out = value();
        else if (k == "--runs") a.runs = a.matrix.runs = std::max(1, std::stoi(value()));
        else if (k == "--shapes" || k == "--matrix") a.shapes = true;
        else if (k == "--shape") a.matrix.shapes = split_list(value());
        else if (k == "--sizes") {
            a.matrix.sizes.clear();
            for (const auto& s : split_list(value())) a.matrix.sizes.push_back(parse_size(s));
        } else if (k == "--mid-runs") a.matrix.mid_runs = std::max(1, std::stoi(value()));
        else if (k == "--heavy-runs") a.matrix.heavy_runs = std::max(1, std::stoi(value()));
        else if (k == "--commands") a.matrix.commands = split_list(value());
        else if (k == "--no-pair") a.matrix.pair = false;
        else if (k == "--check") a.matrix.check = true;
        else if (k == "--keep") a.matrix.keep = true;
        else if (k == "--markdown") a.matrix.markdown = value();
        else if (k == "--framer") a.matrix.framer = value();
        else if (k == "--floor") a.floor = value();
        else if (k == "--sources") a.shape.sources = std::max(1, std::stoi(value()));
        else if (k == "--codings") a.shape.codings_per_source = std::max(1, std::stoi(value()));
        else if (k == "--codes") a.shape.codes = std::max(0, std::stoi(value()));
        else if (k == "--sources-per-case") a.shape.sources_per_case = std::max(1, std::stoi(value()));
        else if (k == "--generate-only") a.generate_only = true;
        else if (k == "--no-python") a.python = a.matrix.python = false;
        else if (k == "--no-memory") a.memory = false;
        else if (k == "--phase") a.phase = value();
        else if (k == "--project") a.project = value();
        else throw std::runtime_error("unknown option " + k);
    }
    return a;
}

std::string ratio(double t, double floor) { return fmt::format("{:.2f}×", t / floor); }

int run(const Args& args) {
    fs::path dir;
    bool temporary = !args.out;
    if (args.out) {
        dir = *args.out;
        fs::create_directories(dir);
    } else {
        std::string tmpl = (fs::temp_directory_path() / "framer-bench-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder");
        dir = tmpl;
    }
    const fs::path project_path = dir / "bench-project.qdpx";

    double gen_seconds = median_seconds(1, [&] {
        refi::Project p = make_bench_project(args.shape);
        refi::Diagnostics d;
        refi::write_project(p, project_path, d);
    }).wall;
    if (args.generate_only) {
        std::cout << project_path.string() << "\n";
        return 0;
    }

    const std::uint64_t xml_bytes = floor_parse(project_path);
    refi::Project project = framer::bench::read(project_path);
    std::size_t codings = 0, selections = 0;
    for (const auto& s : project.sources) {
        selections += s.selections.size();
        for (const auto& sel : s.selections) codings += sel.codings.size();
    }
    std::uint64_t text_bytes = 0;
    for (const auto& e : project.store->entries()) text_bytes += project.store->size(e).value_or(0);

    std::cout << "# framer-bench\n\n";
    {
        // Wall times on a shared machine depend on its load: say what it was.
        std::ifstream load("/proc/loadavg");
        std::string one, five;
        load >> one >> five;
        std::cout << fmt::format("Machine: {} hardware threads, load average {} (1 min) {} (5 min) at start.\n",
                                 std::thread::hardware_concurrency(), one, five);
        // The CLI runs with transparent huge pages only when FRAMER_HUGEPAGES=1 asks (src/huge_pages.hpp); so does
        // the bench, floor included.
        const char* tunables = std::getenv("GLIBC_TUNABLES");
        if (tunables && std::string(tunables).find("hugetlb=1") != std::string::npos)
            std::cout << "Allocator: transparent huge pages (GLIBC_TUNABLES=" << tunables
                      << "), as the framer CLI runs with FRAMER_HUGEPAGES=1.\n";
        else
            std::cout << "Allocator: 4 KiB pages (FRAMER_HUGEPAGES=1 measures with huge pages).\n";
    }
    std::cout << fmt::format("Project: {} sources, {} cases, {} selections, {} codings; project.qde {} bytes ({}), "
                             "source texts {} bytes ({}), {} {} bytes ({}); generated in {:.2f} s.\n"
                             "Times are the median of {} runs.\n\n",
                             project.sources.size(), project.cases.size(), selections, codings, xml_bytes,
                             human_bytes(xml_bytes), text_bytes, human_bytes(text_bytes),
                             project_path.filename().string(), fs::file_size(project_path),
                             human_bytes(fs::file_size(project_path)), gen_seconds, args.runs);

    const int runs = args.runs;
    const Timing t_floor = median_seconds(runs, [&] { floor_parse(project_path); });
    auto row = [&](const std::string& label, const Timing& t, const std::string& target) {
        std::cout << fmt::format("| {} | {:.3f} s | {:.3f} s | {} | {} | {} |\n", label, t.wall, t.cpu,
                                 ratio(t.wall, t_floor.wall), ratio(t.cpu, t_floor.cpu), target);
    };
    std::cout << "| phase | wall | CPU | wall / floor | CPU / floor | target |\n|---|---|---|---|---|---|\n";
    row("floor: inflate project.qde (libzip) + pugixml parse", t_floor, "");
    row("`refi::read_project`", median_seconds(runs, [&] { framer::bench::read(project_path); }), "≤ 2.5×");
    std::size_t findings = 0;
    const Timing t_validate = median_seconds(runs, [&] { findings = framer::bench::validate(project); });
    row(fmt::format("`refi::validate` (texts loaded; {} findings)", findings), t_validate, "");
    const fs::path written = dir / "bench-written.qdpx";
    row("`refi::write_project` (round trip to .qdpx)",
        median_seconds(runs, [&] { framer::bench::write(project, written); }), "≤ 4×");

    std::optional<Timing> t_tabulate_e2e;
    for (const char* name : {"tabulate", "chart"}) {
        if (!has_analysis(name)) {
            std::cout << fmt::format("| {} | (plugin not built) | | | | |\n", name);
            continue;
        }
        const fs::path json = dir / (std::string(name) + ".json");
        const Timing t_alone = median_seconds(runs, [&] { run_analysis(name, project, json); });
        const Timing t_e2e = median_seconds(runs, [&] { run_analysis(name, framer::bench::read(project_path), json); });
        row(fmt::format("{} → JSON file, on the project in memory", name), t_alone, "");
        row(fmt::format("{} → JSON file, read included", name), t_e2e,
            std::strcmp(name, "tabulate") == 0 ? "≤ 3×" : "≤ 6×");
        if (std::strcmp(name, "tabulate") == 0) t_tabulate_e2e = t_e2e;
    }

    if (args.memory) {
        std::cout << fmt::format("\nPeak memory (VmHWM of a fresh process running only that phase; the baseline is "
                                 "the same process doing nothing). Target: peak above baseline ≤ 4× the XML = {}.\n\n",
                                 human_bytes(4 * static_cast<long long>(xml_bytes)));
        std::cout << "| phase | peak RSS | above baseline | × XML size |\n|---|---|---|---|\n";
        long long base = peak_rss_of_phase("none", project_path.string());
        std::cout << fmt::format("| baseline | {} | | |\n", human_bytes(base));
        for (const char* phase : {"floor", "read", "validate", "write", "tabulate", "chart"}) {
            if ((std::strcmp(phase, "tabulate") == 0 || std::strcmp(phase, "chart") == 0) && !has_analysis(phase))
                continue;
            long long peak = peak_rss_of_phase(phase, project_path.string());
            std::string label = std::strcmp(phase, "floor") == 0 || std::strcmp(phase, "read") == 0
                                    ? phase : std::string("read + ") + phase;
            std::cout << fmt::format("| {} | {} | {} | {:.2f}× |\n", label, human_bytes(peak),
                                     human_bytes(peak - base), double(peak - base) / double(xml_bytes));
        }
    }

    if (args.python && std::system("command -v python3 > /dev/null 2>&1") == 0) {
        const fs::path script = fs::path(FRAMER_SOURCE_DIR) / "bench" / "tabulate_reference.py";
        const fs::path out = dir / "reference.json";
        std::string cmd = fmt::format("python3 '{}' '{}' --by Role > '{}'", script.string(), project_path.string(),
                                      out.string());
        const Timing t_python = median_command_seconds(args.python_runs, cmd);
        std::cout << "\nParticipant-per-code table (unit = case, by Role, codes counted through descendants):\n\n";
        if (t_python.wall < 0) {
            std::cout << "tabulate_reference.py failed.\n";
        } else {
            std::ifstream in(out);
            std::stringstream s;
            s << in.rdbuf();
            std::string mismatch = compare_counts(s.str(), count_participants(project, "Role"));
            const Timing t_direct =
                median_seconds(runs, [&] { count_participants(framer::bench::read(project_path), "Role"); });
            auto speed = [&](const Timing& t) {
                return fmt::format("{:.1f}× wall, {:.1f}× CPU", t_python.wall / t.wall, t_python.cpu / t.cpu);
            };
            std::cout << "| implementation | wall | CPU | Framer speed-up |\n|---|---|---|---|\n";
            std::cout << fmt::format("| python3 tabulate_reference.py (zipfile + ElementTree), {} runs | {:.3f} s | "
                                     "{:.3f} s | |\n", args.python_runs, t_python.wall, t_python.cpu);
            if (t_tabulate_e2e)
                std::cout << fmt::format("| framer tabulate (read + tabulate + JSON file) | {:.3f} s | {:.3f} s | {} "
                                         "(target ≥ 10×) |\n", t_tabulate_e2e->wall, t_tabulate_e2e->cpu,
                                         speed(*t_tabulate_e2e));
            std::cout << fmt::format("| read_project + direct count in C++ (no plugin) | {:.3f} s | {:.3f} s | {} |\n",
                                     t_direct.wall, t_direct.cpu, speed(t_direct));
            std::cout << "\nReference output " << (mismatch.empty() ? "equals" : "DIFFERS from")
                      << " the direct count" << (mismatch.empty() ? "" : ": " + mismatch) << ".\n";
            if (t_tabulate_e2e) {
                std::ifstream tab(dir / "tabulate.json");
                std::stringstream ts;
                ts << tab.rdbuf();
                std::string tab_mismatch = compare_counts(ts.str(), count_participants(project, "Role"));
                std::cout << "framer tabulate's JSON " << (tab_mismatch.empty() ? "equals" : "DIFFERS from")
                          << " the direct count" << (tab_mismatch.empty() ? "" : ": " + tab_mismatch) << ".\n";
                if (!tab_mismatch.empty()) return 1;
            }
            if (!mismatch.empty()) return 1;
        }
    }

    if (temporary) fs::remove_all(dir);
    else std::cout << "\nFiles kept in " << dir.string() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    framer::cli::use_huge_pages(argv);
    framer::cli::pin_time_zone();  // as framer does: the floor opens the archive with the same libzip
    try {
        Args args = parse(argc, argv);
        if (!args.floor.empty()) return run_floor_child(args.floor, args.project);
        if (args.shapes) {
            MatrixOptions m = args.matrix;
            if (m.framer.empty()) m.framer = FRAMER_BINARY;
            char self[4096];
            const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
            if (n <= 0) throw std::runtime_error("cannot find this program");
            self[n] = 0;
            m.self = self;
            for (const auto& s : m.shapes) shape_named(s);  // a usage error before anything is generated
            return run_matrix(m);
        }
        if (!args.phase.empty()) {
            int rc = run_phase(args.phase, args.project);
            std::cout << "peak_bytes " << own_peak_rss() << "\n";
            return rc;
        }
        return run(args);
    } catch (const std::exception& e) {
        std::cerr << "framer-bench: " << e.what() << "\n";
        usage();
        return 1;
    }
}

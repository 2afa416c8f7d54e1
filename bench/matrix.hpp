#pragma once
/// `framer-bench --shapes`: the shapes users have (the bench project, a wide codebook, a sparse chart), each at
/// several sizes, every command run as the real CLI runs it (a fresh `framer` process) against the floor and the
/// Python reference, with one markdown table per shape. See README.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bench_project.hpp"

namespace framer::bench {

/// A project shape, defined at any number of codings (a multiple of 100).
struct ShapeSpec {
    std::string name;         ///< bench, wide, sparse
    std::string description;  ///< for the table's heading
    int codes = 0;            ///< codes in the codebook (BenchShape::codes; 0 = the seed's)
    bool fixed_units = false; ///< sparse: 100 units whose interviews grow; otherwise interviews of 100 codings
    bool crlf = false;        ///< BenchShape::crlf: Windows line breaks, every selection weighed by the position check
    BenchShape at(long long codings) const;
    long long units(long long codings) const;  ///< cases = the units of tabulate and chart
};

/// The shapes of issue 12 (bench, wide, sparse) and crlf, by name; throws on an unknown name (listing the known ones).
const std::vector<ShapeSpec>& all_shapes();
const ShapeSpec& shape_named(const std::string& name);

/// "1k", "10k", "100k", "1M", "3M" or a plain number; a multiple of 100 of at least 100. Throws otherwise.
long long parse_size(const std::string& text);
std::string size_label(long long codings);  ///< 10000 -> "10k", 3000000 -> "3M"

struct MatrixOptions {
    std::vector<std::string> shapes{"bench", "wide", "sparse", "crlf"};
    std::vector<long long> sizes{10'000, 100'000};
    int runs = 5;        ///< runs per command below 1M codings; at 1M at most 3
    int mid_runs = 0;    ///< runs per command from 1M to 2M codings (0: runs, at most 3)
    int heavy_runs = 1;  ///< runs per command from 2M codings on
    std::vector<std::string> commands;  ///< command ids to run (empty: all); the floors always run
    bool python = true;
    bool pair = true;    ///< the chart pair: same codings, cells differing 100x
    bool check = false;  ///< also check that each generated shape is what it claims (codes, units, codings, cells)
    bool keep = false;   ///< keep the generated projects and outputs
    std::optional<std::filesystem::path> out;       ///< working folder (default: a temporary one, removed)
    std::optional<std::filesystem::path> markdown;  ///< also write the tables here, rewritten after each size
    std::filesystem::path framer;                   ///< the framer binary
    std::filesystem::path self;                     ///< this program (for the floor's child processes)
};

/// The command ids `--commands` accepts, in table order.
const std::vector<std::string>& matrix_command_ids();

/// Runs the matrix; prints progress on stderr and the tables on stdout. Returns 0, or 1 when a command failed, the
/// three implementations disagree, or (with check) a shape is not what it claims.
int run_matrix(const MatrixOptions& options);

/// `framer-bench --floor libzip|libdeflate --project FILE`: one floor run, timed in-process; prints
/// "floor_wall S", "floor_cpu S" and "xml_bytes N". The parent runs it as a fresh process per run.
int run_floor_child(const std::string& kind, const std::filesystem::path& qdpx);

}  // namespace framer::bench

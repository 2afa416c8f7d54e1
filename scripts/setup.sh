#!/usr/bin/env bash
# One command on a fresh Debian 12: install dependencies, build (Release), run the main job on a bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DFRAMER_BUILD_TESTS=OFF   # the test command builds the tests
sample=samples/recovery-study.qdpx
mkdir -p out
echo "== framer info $sample"
./build/framer info "$sample"
echo "== framer validate $sample"
./build/framer validate "$sample"
echo "== framer tabulate $sample --by Role --applies ... (the paper's Table 2)"
./build/framer tabulate "$sample" --by Role \
  --applies "Feeling overwhelmed and exposed in group=Group therapy:Yes" \
  --applies "Practicing relating to others in group=Group therapy:Yes"
./build/framer tabulate "$sample" --by Role -o out/themes.xlsx
echo "== framer describe $sample --by Role (Table 1)"
./build/framer describe "$sample" --by Role
echo "== framer chart $sample -o out/chart.xlsx"
./build/framer chart "$sample" --show Role -o out/chart.xlsx
./build/framer chart "$sample" --show Role -o out/chart.html
echo "Outputs in ./out: themes.xlsx chart.xlsx chart.html"

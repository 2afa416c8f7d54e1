#!/usr/bin/env bash
# The whole test suite: install what is missing, build (Release, with tests), run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DFRAMER_BUILD_TESTS=ON
ctest --test-dir build --output-on-failure -j"$(nproc)"

#!/usr/bin/env bash
# The whole test suite: install what is missing, build (Release, with tests), run every test with ctest, then the
# same suite under ASan+UBSan and a short run of each libFuzzer harness (scripts/sanitize.sh; clang is installed by
# install-deps). Each step says how long it took, so a slow step shows in the CI log.
set -euo pipefail
cd "$(dirname "$0")/.."
step() {
  local name="$1"; shift
  local start=$SECONDS
  "$@"
  echo "test.sh: $name took $((SECONDS - start)) s"
}
step "install-deps" bash scripts/install-deps.sh
step "Release build" bash scripts/build.sh -DFRAMER_BUILD_TESTS=ON
step "test suite" ctest --test-dir build --output-on-failure -j"$(nproc)"
step "sanitizers and fuzzing" bash scripts/sanitize.sh
echo "test.sh: all of it took $SECONDS s"

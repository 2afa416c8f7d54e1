#!/usr/bin/env bash
# The test suite under ASan+UBSan, then each libFuzzer harness from the samples and the corrupt corpus as seeds:
# FRAMER_FUZZ_RUNS inputs (default 2500) from a fixed seed, so every run tries the same inputs, and never longer
# than FRAMER_FUZZ_SECONDS (default 60) each. One build (build-asan) serves both: with clang it is instrumented
# for libFuzzer too; without clang the tests run under gcc's sanitizers and the fuzzing is skipped (said so).
# FRAMER_SKIP_SANITIZE=1 skips all of it (a quick local run). Any report or finding exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${FRAMER_SKIP_SANITIZE:-0}" = 1 ]; then
  echo "sanitize: skipped (FRAMER_SKIP_SANITIZE=1)"
  exit 0
fi
seconds="${FRAMER_FUZZ_SECONDS:-60}"
runs="${FRAMER_FUZZ_RUNS:-2500}"
fuzz=OFF
if command -v clang++ >/dev/null && command -v clang >/dev/null; then
  compilers=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
  debug=-gline-tables-only
  # libFuzzer ships with clang's runtime; check it links before relying on it.
  probe="$(mktemp -d)"
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' > "$probe/p.cpp"
  if clang++ -fsanitize=fuzzer "$probe/p.cpp" -o "$probe/p" 2>/dev/null; then fuzz=ON; fi
  rm -rf "$probe"
else
  compilers=(-DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++)
  debug=-g1
fi
[ "$fuzz" = ON ] || echo "sanitize: no clang with libFuzzer; the fuzz harnesses are skipped"

# -O0 with line tables only: clang compiles an instrumented file at -O0 in less than half the time of -O1 (merger.cpp
# 5.0 s against 11.3 s; full -g adds a third), the sanitizers find as much (more: nothing is optimised away), and the
# reports still name file and line. Only the needed targets.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 $debug" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O0 $debug" "${compilers[@]}" -DFRAMER_BUILD_TESTS=ON -DFRAMER_BUILD_BENCH=OFF \
  -DFRAMER_SANITIZE=ON -DFRAMER_FUZZ="$fuzz" >/dev/null
targets=(framer-tests)
[ "$fuzz" = ON ] && targets+=(fuzz-qde fuzz-qdpx)
cmake --build build-asan -j"$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
echo "sanitize: the test suite under ASan+UBSan"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

[ "$fuzz" = ON ] || exit 0
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus/qde" "$corpus/qdpx" "$corpus/findings"
for f in samples/*.qdpx tests/corrupt/*.qdpx; do
  # Seeds small enough to mutate quickly; the bombs of tests/corrupt are skipped (they only test the limits).
  [ "$(stat -c %s "$f")" -le 262144 ] || continue
  cp "$f" "$corpus/qdpx/"
  unzip -p "$f" project.qde > "$corpus/qde/$(basename "$f").qde" 2>/dev/null || true
done
cp tests/corrupt/*.qde "$corpus/qde/"
# Both harnesses at once: each is one process on one core, and CI has two.
declare -A pids
for harness in qde qdpx; do
  echo "sanitize: fuzz-$harness, $runs inputs from seed 1 (at most ${seconds}s)"
  # A finding (crash, sanitizer report, round-trip difference) makes libFuzzer exit non-zero and write the
  # input to findings/; -max_len keeps each run fast.
  build-asan/tests/fuzz/fuzz-$harness "$corpus/$harness" -seed=1 -runs="$runs" -max_total_time="$seconds" \
    -max_len=262144 -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$corpus/findings/$harness-" \
    -print_final_stats=1 > "$corpus/fuzz-$harness.log" 2>&1 &
  pids[$harness]=$!
done
failed=0
for harness in qde qdpx; do
  if wait "${pids[$harness]}"; then
    grep -E "^Done|stat::number_of_executed_units" "$corpus/fuzz-$harness.log" | sed "s/^/sanitize: fuzz-$harness: /" | head -2
  else
    # The log is shown only when it fails.
    tail -60 "$corpus/fuzz-$harness.log"
    echo "sanitize: fuzz-$harness found a problem; the input is in build-asan/fuzz-findings/" >&2
    failed=1
  fi
done
if [ "$failed" = 1 ]; then
  mkdir -p build-asan/fuzz-findings && cp "$corpus"/findings/* build-asan/fuzz-findings/ 2>/dev/null || true
  exit 1
fi

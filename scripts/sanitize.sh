#!/usr/bin/env bash
# The test suite under ASan+UBSan, then each libFuzzer harness for FRAMER_FUZZ_SECONDS (default 30) from the
# samples and the corrupt corpus as seeds. One build (build-asan, -O1) serves both: with clang it is instrumented
# for libFuzzer too; without clang the tests run under gcc's sanitizers and the fuzzing is skipped (said so).
# FRAMER_SKIP_SANITIZE=1 skips all of it (a quick local run). Any report or finding exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${FRAMER_SKIP_SANITIZE:-0}" = 1 ]; then
  echo "sanitize: skipped (FRAMER_SKIP_SANITIZE=1)"
  exit 0
fi
seconds="${FRAMER_FUZZ_SECONDS:-30}"
fuzz=OFF
if command -v clang++ >/dev/null && command -v clang >/dev/null; then
  compilers=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
  # libFuzzer ships with clang's runtime; check it links before relying on it.
  probe="$(mktemp -d)"
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' > "$probe/p.cpp"
  if clang++ -fsanitize=fuzzer "$probe/p.cpp" -o "$probe/p" 2>/dev/null; then fuzz=ON; fi
  rm -rf "$probe"
else
  compilers=(-DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++)
fi
[ "$fuzz" = ON ] || echo "sanitize: no clang with libFuzzer; the fuzz harnesses are skipped"

# -O1: sanitizer builds at -O2 take much longer to compile and find nothing more. Only the needed targets.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" "${compilers[@]}" -DFRAMER_BUILD_TESTS=ON -DFRAMER_BUILD_BENCH=OFF \
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
for harness in qde qdpx; do
  echo "sanitize: fuzz-$harness for ${seconds}s"
  # A finding (crash, sanitizer report, round-trip difference) makes libFuzzer exit non-zero and write the
  # input to findings/; -max_len keeps each run fast. The log is shown only when it fails.
  if ! build-asan/tests/fuzz/fuzz-$harness "$corpus/$harness" -max_total_time="$seconds" -max_len=262144 \
       -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$corpus/findings/" -print_final_stats=1 \
       > "$corpus/fuzz-$harness.log" 2>&1; then
    tail -60 "$corpus/fuzz-$harness.log"
    mkdir -p build-asan/fuzz-findings && cp "$corpus"/findings/* build-asan/fuzz-findings/ 2>/dev/null || true
    echo "sanitize: fuzz-$harness found a problem; the input is in build-asan/fuzz-findings/" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|Done" "$corpus/fuzz-$harness.log" | head -2
done

#!/usr/bin/env bash
# Every test in one command: set up (as root on a fresh Debian 12), then in a clean folder run
# README's main command (scripts/run-demo.sh, headless, to the sites' report) with the suite built
# in the same Release configuration, the whole suite (unit, integration, gui), then the sanitizer
# build's suite. Warnings are errors in both builds. CI runs this.
#   BUILD_DIR        build folder (default: build-test, recreated from scratch)
#   TENKAI_NO_ASAN=1 skip the AddressSanitizer/UBSan pass
#   TENKAI_FUZZ_SECONDS  seconds of libFuzzer per parser (default 60; 0 skips the fuzzing)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-test}
jobs=$(nproc)

"$here/scripts/setup-debian.sh" --tests

ctest_in() {
    local dir=$1 start=$SECONDS; shift
    (cd "$dir" && ctest --output-on-failure --parallel "$jobs" --timeout 600 "$@")
    echo "test-all.sh: suite in $dir passed in $((SECONDS - start)) s"
}

# 1. README's main command as a newcomer runs it, without a display, on a clean checkout; its
# build folder (Release, as the demo and the packages build) is the suite's.
rm -rf "$build"
mkdir -p "$build"
start=$SECONDS
demo_log=$build/run-demo.log
if ! env -u DISPLAY -u WAYLAND_DISPLAY BUILD_DIR="$build" TENKAI_DEMO_DIR="$build/demo-workspace" \
    TENKAI_CMAKE_ARGS="-DTENKAI_TESTS=ON -DTENKAI_BENCH=ON -DTENKAI_WERROR=ON" \
    "$here/scripts/run-demo.sh" 2>&1 | tee "$demo_log"; then
    echo "test-all.sh: scripts/run-demo.sh failed (log: $demo_log)" >&2
    exit 1
fi
# The demo must have reached its end: the report of its three sites.
for site in site-01 site-02 site-03; do
    grep -q "$site" "$build/demo-workspace/reports/demo/report.md" ||
        { echo "test-all.sh: the demo's report names no $site" >&2; exit 1; }
done
grep -q '^== The report of the three sites' "$demo_log" ||
    { echo "test-all.sh: scripts/run-demo.sh did not print the sites' report" >&2; exit 1; }
echo "test-all.sh: README's main command (build and demo) passed in $((SECONDS - start)) s"

# 2. The suite in the same folder.
ctest_in "$build"

# 3. Again under AddressSanitizer and UBSan (packaging does not change under sanitizers).
if [ "${TENKAI_NO_ASAN:-0}" != 1 ]; then
    rm -rf "$build-asan"
    start=$SECONDS
    cmake -S "$here" -B "$build-asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTENKAI_SANITIZE=ON \
        -DTENKAI_BENCH=OFF -DTENKAI_WERROR=ON >/dev/null
    cmake --build "$build-asan" --parallel "$jobs"
    echo "test-all.sh: built $build-asan in $((SECONDS - start)) s"
    ctest_in "$build-asan" --label-exclude packaging
fi

# 4. The parsers fuzzed for a bounded time each (clang, libFuzzer, ASan and UBSan); a crash found is
# kept in fuzz/regressions and fails the run.
fuzz_seconds=${TENKAI_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" != 0 ]; then
    start=$SECONDS
    rm -rf "$build-fuzz"
    BUILD_DIR="$build-fuzz" "$here/scripts/fuzz.sh" --seconds "$fuzz_seconds"
    echo "test-all.sh: fuzzing passed in $((SECONDS - start)) s"
fi

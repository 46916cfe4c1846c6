#!/usr/bin/env bash
# Every test in one command: set up (as root on a fresh Debian 12), build from a clean folder, run
# the whole suite (unit, integration, gui), then the sanitizer build's suite. CI runs this.
#   BUILD_DIR        build folder (default: build-test, recreated from scratch)
#   TENKAI_NO_ASAN=1 skip the AddressSanitizer/UBSan pass
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-test}
jobs=$(nproc)

"$here/scripts/setup-debian.sh" --tests

run_suite() {
    local dir=$1 ctest_extra=$2; shift 2
    rm -rf "$dir"
    local start=$SECONDS
    cmake -S "$here" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" --parallel "$jobs"
    echo "test-all.sh: built $dir in $((SECONDS - start)) s"
    start=$SECONDS
    (cd "$dir" && ctest --output-on-failure --parallel "$jobs" --timeout 600 $ctest_extra)
    echo "test-all.sh: suite in $dir passed in $((SECONDS - start)) s"
}

run_suite "$build" ""
if [ "${TENKAI_NO_ASAN:-0}" != 1 ]; then
    # Packaging does not change under sanitizers; the rest runs again instrumented.
    run_suite "$build-asan" "--label-exclude packaging" -DTENKAI_SANITIZE=ON -DTENKAI_BENCH=OFF
fi

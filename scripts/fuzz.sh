#!/usr/bin/env bash
# Fuzzes the parsers (fuzz/targets: protocol, inventory, recipe, flow, idx, model) with libFuzzer for a
# bounded time each. Builds fuzz/ with clang into BUILD_DIR (default build-fuzz); every target starts
# from its seeds (fuzz/corpus/TARGET, plus the project's own flows and inventories) and the crashes
# kept as regressions (fuzz/regressions/TARGET). A crash, a hang (10 s on one input) or an input
# that takes over 2 GiB is copied into fuzz/regressions/TARGET, named in the output, and fails the
# run: commit it with its fix, and the suite replays it from then on (ctest -R fuzz_replay).
#   scripts/fuzz.sh [--seconds N] [TARGET...]     (default 60 s each, every target)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-fuzz}
seconds=60
targets=()
while [[ $# -gt 0 ]]; do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(protocol inventory recipe flow idx model)
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

if [[ ! -f $build/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S "$here/fuzz" -B "$build" -G Ninja >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)"

status=0
for t in "${targets[@]}"; do
    work=$build/corpus/$t
    artifacts=$build/artifacts/$t
    mkdir -p "$work" "$artifacts"
    dirs=("$work" "$here/fuzz/corpus/$t")
    [[ $t == flow ]] && dirs+=("$here/resources/flows")
    [[ -d $here/fuzz/regressions/$t ]] && dirs+=("$here/fuzz/regressions/$t")
    [[ -d $here/fuzz/corpus/$t ]] || dirs=("$work" "${dirs[@]:2}")
    log=$build/$t.log
    extra=()
    leaks=1
    if [[ $t == model ]]; then
        # Its seeds are made by the target itself (a small real model and its archive's records);
        # LibTorch keeps allocations to the end that LeakSanitizer would call leaks.
        [[ -n $(ls -A "$work") ]] || ASAN_OPTIONS=detect_leaks=0 TENKAI_FUZZ_WRITE_SEEDS=$work "$build/fuzz_$t" -runs=0 "$work" >/dev/null 2>&1
        extra=(-detect_leaks=0 -max_len=131072)
        leaks=0
    fi
    echo "== fuzz_$t for $seconds s"
    if ASAN_OPTIONS=detect_leaks=$leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS} "$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 "${extra[@]}" \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${dirs[@]}" >"$log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        echo "fuzz_$t: no crash, no hang in $seconds s: $execs inputs, $rate a second, corpus $(ls "$work" | wc -l) inputs"
        grep -h "crashed LibTorch's reader" "$log" || true
    else
        status=1
        mkdir -p "$here/fuzz/regressions/$t"
        for found in "$artifacts"/*; do
            [[ -f $found ]] || continue
            cp "$found" "$here/fuzz/regressions/$t/"
            echo "fuzz_$t: FOUND $(basename "$found"), kept as fuzz/regressions/$t/$(basename "$found")"
        done
        grep -m 3 -E "ERROR|SUMMARY|runtime error" "$log" || true
        echo "fuzz_$t: see $log"
    fi
done
exit $status

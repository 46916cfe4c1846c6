#!/usr/bin/env bash
# Issue 8's live monitor figures (docs/benchmarks.md, "Issue 8: live monitor"):
#  1. monitor_bench: 10 sites x 5 members x 20 points/s, 10 minutes of history then 60 s live:
#     event-loop latency (10 ms QTimer probe), point-to-screen time, console RSS (offscreen);
#  2. cold start to first frame: monitor_bench --cold-start (a child doing what app/tenkai/main.cpp
#     does, exec to the end of the window's first paint, offscreen);
#  3. the real `tenkai` on an Xvfb display, exec to its window being mapped (when Xvfb and xwininfo
#     are installed).
# Usage: bench/monitor.sh BUILD_DIR [monitor_bench options]
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 BUILD_DIR [--sites N --members K --rate R --history-minutes M --live-seconds S]" >&2
    exit 2
fi
build=$1
shift
bench="$build/bench/monitor_bench"
tenkai="$build/app/tenkai"
for program in "$bench" "$tenkai"; do
    if [[ ! -x $program ]]; then
        echo "$0: $program is missing; build it with: ninja -C $build monitor_bench tenkai" >&2
        exit 1
    fi
done

echo "## Live monitor figures ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r))"
echo
echo "Machine load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
QT_QPA_PLATFORM=offscreen "$bench" "$@" 2>/dev/null
echo
QT_QPA_PLATFORM=offscreen "$bench" --cold-start 10 2>/dev/null

if command -v Xvfb >/dev/null && command -v xwininfo >/dev/null; then
    # Xvfb picks a free display number itself and writes it to the file (another one may be in use).
    numberFile=$(mktemp)
    Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$numberFile" >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill "$xvfb" 2>/dev/null || true; rm -f "$numberFile"' EXIT
    for _ in $(seq 200); do
        [[ -s $numberFile ]] && break
        sleep 0.05
    done
    display=:$(head -n 1 "$numberFile")
    times=()
    for _ in $(seq 5); do
        start=$(date +%s%N)
        DISPLAY=$display "$tenkai" >/dev/null 2>&1 &
        pid=$!
        until DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q 'Tenkai'; do
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "$0: tenkai ended before its window appeared on $display" >&2
                exit 1
            fi
            sleep 0.005
        done
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    done
    echo "tenkai on Xvfb, exec to its window mapped (ms): ${times[*]}"
fi

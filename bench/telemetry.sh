#!/usr/bin/env bash
# Issue 4's telemetry figures (docs/benchmarks.md): latency from the trainer's callback to a loopback
# subscriber and tenkaid's CPU at 1,000 metric events a second, replay of 100,000 stored events,
# and the idle daemon's resident memory. Real tenkaid processes with their own temporary state
# folders; the metric events come from the hidden "synthetic" dataset (TENKAI_SYNTHETIC_METRICS,
# core/telemetry/synthetic_metrics.h) through the same TrainingJob path as a real training's.
#
# Usage: bench/telemetry.sh BUILD_DIR [telemetry_bench options: --rate N --seconds S --replay N --json]
# Run it on a quiet machine: the figures are about the daemon's own cost.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 BUILD_DIR [--rate N] [--seconds S] [--replay N] [--json]" >&2
    exit 2
fi
build=$1
shift
bench="$build/bench/telemetry_bench"
daemon="$build/app/tenkaid"
for program in "$bench" "$daemon"; do
    if [[ ! -x $program ]]; then
        echo "$0: $program is missing; build it with: ninja -C $build telemetry_bench tenkaid" >&2
        exit 1
    fi
done

echo "## Telemetry figures ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r))"
echo
echo "Machine load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$bench" --tenkaid "$daemon" "$@"

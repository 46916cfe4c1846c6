#!/usr/bin/env bash
# The bare training step (no data pipeline) in Tenkai (build/bench/train_step) and in PyTorch
# (bench/reference/train_step.py), alternating A B A B, median GFLOP/s of each, against the
# machine's FP32 FMA peak: cores x base clock x FLOPs per cycle (FLOPS_PER_CYCLE, default 32: two
# 256-bit FMA pipes, as on AMD Zen 3/4 and Intel client cores; AVX-512 server cores with two
# 512-bit FMA units have 64).
#   bench/compare_step.sh BUILD_DIR [ROUNDS] [--models "lenet alexnet"] [--batch 128] [--threads 2]
set -euo pipefail
usage="usage: compare_step.sh BUILD_DIR [ROUNDS] [--models M] [--batch N] [--threads N]"
build=${1:?$usage}
shift
rounds=5
if [ $# -gt 0 ] && [[ $1 != --* ]]; then rounds=$1; shift; fi
models="lenet alexnet" batch=128 threads=2
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
    case $1 in
        --models) models=$2 ;;
        --batch) batch=$2 ;;
        --threads) threads=$2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
    shift 2
done
python=${PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
mhz=$(awk '/^bogomips/ {print $3 / 2; exit}' /proc/cpuinfo)
per_cycle=${FLOPS_PER_CYCLE:-32}
peak=$(python3 -c "print(round($threads * $mhz / 1000 * $per_cycle, 1))")
echo "FP32 FMA peak for $threads cores at ${mhz} MHz x $per_cycle FLOP/cycle: $peak GFLOP/s"
echo
echo "| model | MFLOP per image (train step) | Tenkai GFLOP/s | PyTorch GFLOP/s | Tenkai / PyTorch | Tenkai / peak |"
echo "|---|---|---|---|---|---|"
for model in $models; do
    a=() b=() mflop=0
    for _ in $(seq "$rounds"); do
        ra=$("$build/bench/train_step" --model "$model" --batch "$batch" --threads "$threads")
        rb=$("$python" "$here/reference/train_step.py" --model "$model" --batch "$batch" --threads "$threads")
        a+=("$(echo "$ra" | python3 -c 'import json,sys; print(json.load(sys.stdin)["gflops"])')")
        b+=("$(echo "$rb" | python3 -c 'import json,sys; print(json.load(sys.stdin)["gflops"])')")
        mflop=$(echo "$ra" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["mflop_per_image"],2))')
    done
    python3 - "$model" "$mflop" "$peak" "${a[*]}" "${b[*]}" <<'PY'
import statistics, sys
model, mflop, peak, a, b = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4].split(), sys.argv[5].split()
ma, mb = statistics.median(map(float, a)), statistics.median(map(float, b))
print(f"| {model} | {mflop} | {ma:.1f} | {mb:.1f} | {ma / mb:.2f}x | {ma / peak * 100:.0f}% |")
PY
done

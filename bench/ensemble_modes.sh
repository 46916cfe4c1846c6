#!/usr/bin/env bash
# Packed against threaded ensemble members (issue 3: "one packed model of grouped convolutions or
# CUDA streams on GPU; measure which wins"), on this machine's CPU, alternating the modes for
# ROUNDS rounds, each side by side with PyTorch doing the same (bench/reference/ensemble_gpu.py:
# packed, and the members stepped one after another). No augmentation, so only the way the
# members share the machine differs.
#   bench/ensemble_modes.sh [BUILD_DIR] [ROUNDS]
# Prints one JSON line per run; member_images_per_second is the figure to compare.
set -euo pipefail
build=${1:-build}
rounds=${2:-2}
data=${DATA:-/usr/share/datasets/fashion-mnist}
py=/usr/bin/python3
for ((r = 1; r <= rounds; r++)); do
    for spec in "lenet 10000 128" "alexnet 4000 128"; do
        read -r model limit batch <<<"$spec"
        for mode in threads packed; do
            "$build/bench/train_throughput" --data-dir "$data" --model "$model" --members 5 --ensemble "$mode" \
                --augment none --epochs 1 --limit "$limit" --batch "$batch" --threads 2
        done
        for mode in separate packed; do
            OMP_NUM_THREADS=2 "$py" "$(dirname "$0")/reference/ensemble_gpu.py" --device cpu --data "$data" \
                --model "$model" --members 5 --epochs 1 --limit "$limit" --batch "$batch" --mode "$mode"
        done
    done
done

#!/usr/bin/env bash
# The prepared GPU check (issue 3): on a machine with only LibTorch and a GPU, build tenkai_train and
# its Qt-free programs, check that the CUDA path trains to a sensible accuracy, and measure it.
# Before (on the development machine, once):
#   mkdir -p build-data/fashion-mnist && cp /usr/share/datasets/fashion-mnist/*.gz build-data/fashion-mnist/
# Then run this script on the GPU machine with build-data carried along (it is git-ignored).
# Results: one JSON line per run on stdout and in $OUT/gpu-check.jsonl when OUT is set.
# Rehearsal on a machine without a GPU (checks the script, not the GPU):
#   DEVICE=cpu LIMIT=2000 TORCH_PREFIX=/usr/lib/x86_64-linux-gnu/cmake PYTHON=/usr/bin/python3 \
#       DATA=/usr/share/datasets/fashion-mnist scripts/gpu-check.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${DATA:-$here/build-data/fashion-mnist}
build=${BUILD_DIR:-$here/build-gpu}
results=${OUT:-/tmp}/gpu-check.jsonl
device=${DEVICE:-cuda}
python=${PYTHON:-python3}
limit=()
[ -z "${LIMIT:-}" ] || limit=(--limit "$LIMIT")
: >"$results"

[ -e "$data/train-images-idx3-ubyte.gz" ] || { echo "gpu-check: no Fashion-MNIST files in $data (see the header)" >&2; exit 1; }
echo '#include <zlib.h>' | ${CXX:-c++} -E -x c++ - >/dev/null 2>&1 ||
    { echo "gpu-check: zlib headers missing (zlib1g-dev); tenkai_train reads gzip IDX files with zlib" >&2; exit 1; }
prefix=${TORCH_PREFIX:-$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')}
"$python" -c 'import torch; print("gpu-check: torch", torch.__version__, "cuda", torch.version.cuda,
    torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU")'

configure() {
    cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
        -DTENKAI_GUI=OFF -DTENKAI_FLEET=OFF -DTENKAI_TESTS=OFF -DTENKAI_PCH=OFF \
        -DTENKAI_WERROR=OFF "$@" >/dev/null
    cmake --build "$build" --parallel "$(nproc)" --target train_throughput augment_throughput
}
# The GPU machine's compiler and LibTorch are not this project's: warnings stay warnings there.
# The CUDA-stream code has never been compiled before a GPU machine runs this: if it does not
# build, say so and measure the rest without it.
configure -DTENKAI_CUDA_STREAMS=ON || {
    echo "gpu-check: BUILD WITH CUDA STREAMS FAILED; building without (threaded members share one stream)" >&2
    configure -DTENKAI_CUDA_STREAMS=OFF
}

run() {
    echo "+ train_throughput $*" >&2
    "$build/bench/train_throughput" --data-dir "$data" --device "$device" "${limit[@]}" "$@" | tee -a "$results"
}

# 1. The CUDA path trains: LeNet-5, 1 epoch, must pass 80% (CPU reaches ~81%).
run --model lenet --epochs 1 --batch 128
"$python" - "$results" "$device" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
rehearsal = sys.argv[2] != "cuda"
assert r["cuda"] or rehearsal, "LibTorch sees no CUDA device"
assert r["ensemble_accuracy"] > (0.05 if rehearsal else 0.80), f"CUDA LeNet-5 reached only {r['ensemble_accuracy']:.3f}"
print("gpu-check: CUDA path trains LeNet-5 to", r["ensemble_accuracy"])
PY
# 2. The ensemble figure (goal: 400k member-img/s on an H200): 5 members of the small AlexNet at
#    batch 512, packed into grouped layers against threads with a CUDA stream each, each side by
#    side with PyTorch doing the same (packed, and 5 models stepped in turn).
run --model alexnet --epochs 3 --batch 512 --augment none
run --model alexnet --epochs 3 --batch 512 --members 5 --ensemble packed --augment none
run --model alexnet --epochs 3 --batch 512 --members 5 --ensemble threads --augment none
for mode in packed separate; do
    echo "+ ensemble_gpu.py --mode $mode" >&2
    "$python" "$here/bench/reference/ensemble_gpu.py" --data "$data" --device "$device" "${limit[@]}" \
        --model alexnet --members 5 --batch 512 --epochs 3 --mode "$mode" | tee -a "$results"
done
# With teacher data: every member its own policy, augmented on the GPU.
run --model alexnet --epochs 3 --batch 512 --members 5 --ensemble packed
run --model lenet --epochs 3 --batch 512 --members 5 --ensemble packed --augment none
# 3. Augmentation alone (CPU implementations; the device path is timed inside training above).
"$build/bench/augment_throughput" heavy "$data" | tee -a "${OUT:-/tmp}/gpu-check-augment.txt"

#!/usr/bin/env bash
# One augmented training epoch end to end (load, augment, train): `tenkai-cli train --augment POLICY`
# against PyTorch + torchvision + DataLoader (bench/reference/train_epoch.py), same model, policy,
# batch, threads and images, side by side: runs alternate A B A B so drift hits both alike.
# Prints a markdown table of the medians of the training images per second each reports
# (evaluation excluded on both sides) and the ratio Tenkai / reference.
#   bench/compare_training.sh BUILD_DIR [ROUNDS] [--models "lenet alexnet"] [--policies "geometric heavy"]
#       [--batch 128] [--threads 2] [--limit 0] [--test-limit 0] [--epochs 1] [--workers 0] [--backend pil]
# --limit / --test-limit 0 mean all 60,000 / 10,000 images. PYTHON (default /usr/bin/python3, Debian's,
# which has python3-torch and python3-torchvision) runs the reference.
set -euo pipefail
usage="usage: compare_training.sh BUILD_DIR [ROUNDS] [--models M] [--policies P] [--batch N] [--threads N] [--limit N] [--test-limit N] [--epochs N] [--workers N] [--backend pil|tensor]"
build=${1:?$usage}
shift
rounds=3
if [ $# -gt 0 ] && [[ $1 != --* ]]; then rounds=$1; shift; fi
models="lenet alexnet" policies="geometric heavy" batch=128 threads=2 limit=0 test_limit=0 epochs=1 workers=0 backend=pil
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
    case $1 in
        --models) models=$2 ;;
        --policies) policies=$2 ;;
        --batch) batch=$2 ;;
        --threads) threads=$2 ;;
        --limit) limit=$2 ;;
        --test-limit) test_limit=$2 ;;
        --epochs) epochs=$2 ;;
        --workers) workers=$2 ;;
        --backend) backend=$2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
    shift 2
done
python=${PYTHON:-/usr/bin/python3}
cli="$build/app/tenkai-cli"
reference="$(cd "$(dirname "$0")" && pwd)/reference/train_epoch.py"
[ -x "$cli" ] || { echo "$cli missing: build tenkai-cli first" >&2; exit 1; }
"$python" -c 'import torch, torchvision' 2>/dev/null ||
    { echo "$python lacks torch/torchvision: apt-get install python3-torch python3-torchvision" >&2; exit 1; }

# Reads the JSON lines of one run on stdin; prints "images/s accuracy BLAS" from its summary (and
# the start line's BLAS for tenkai-cli).
summary() {
    "$python" -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin if l.startswith("{")]
s = [l for l in lines if l.get("type") == "summary"][-1]
blas = s.get("blas") or next((l["blas"] for l in lines if l.get("type") == "start"), "unknown")
print(s["images_per_second"], s["test_accuracy"], blas.replace(" ", "_"))'
}

tenkai() { # model policy
    "$cli" train --json --model "$1" --augment "$2" --epochs "$epochs" --batch "$batch" --threads "$threads" \
        --limit "$limit" --test-limit "$test_limit" | summary
}
pytorch() { # model policy
    "$python" "$reference" --model "$1" --policy "$2" --epochs "$epochs" --batch "$batch" --threads "$threads" \
        --limit "$limit" --test-limit "$test_limit" --workers "$workers" --backend "$backend" | summary
}

median() { "$python" -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

images=$([ "$limit" -gt 0 ] && echo "$limit" || echo 60000)
echo "batch $batch, $threads threads, $epochs epoch(s), $images training images, $rounds round(s);" \
    "reference: torchvision $backend pipeline, DataLoader num_workers $workers"
echo
printf '| model | policy | Tenkai img/s | PyTorch+torchvision img/s | Tenkai / reference | Tenkai acc | reference acc |\n'
printf '|---|---|---|---|---|---|---|\n'
blas_seen=()
for model in $models; do
    for policy in $policies; do
        a=() b=() acc_a=() acc_b=()
        for _ in $(seq "$rounds"); do
            read -r ips acc blas < <(tenkai "$model" "$policy") ||
                { echo "the tenkai-cli run failed ($model, $policy)" >&2; exit 1; }
            a+=("$ips") acc_a+=("$acc") blas_seen+=("tenkai:$blas")
            read -r ips acc blas < <(pytorch "$model" "$policy") ||
                { echo "the reference run failed ($model, $policy)" >&2; exit 1; }
            b+=("$ips") acc_b+=("$acc") blas_seen+=("reference:$blas")
        done
        ma=$(median "${a[@]}") mb=$(median "${b[@]}")
        printf '| %s | %s | %.0f | %.0f | %.2fx | %.1f%% | %.1f%% |\n' "$model" "$policy" "$ma" "$mb" \
            "$("$python" -c "print($ma/$mb)")" "$("$python" -c "print(100*$(median "${acc_a[@]}"))")" \
            "$("$python" -c "print(100*$(median "${acc_b[@]}"))")"
    done
done
echo
echo "BLAS loaded: $(printf '%s\n' "${blas_seen[@]}" | sort -u | tr '_' ' ' | paste -sd ';' | sed 's/;/; /g')"

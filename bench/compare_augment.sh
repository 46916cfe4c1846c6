#!/usr/bin/env bash
# Augmentation alone on the 60,000 Fashion-MNIST training images: Tenkai's build/bench/augment_throughput
# (OpenCV per image, uint8; LibTorch batched tensors) against torchvision's equivalent transforms
# (bench/reference/augment_torchvision.py: PIL images and uint8 tensors, image by image), same policy
# and thread counts, side by side: runs alternate A B A B so drift hits both alike. Prints a markdown
# table of the medians of images per second and the ratio Tenkai / torchvision.
#   bench/compare_augment.sh BUILD_DIR [ROUNDS] [--policy heavy] [--limit N]
# Threads: 1 and 2 (what augment_throughput measures). --limit N makes only the reference use the first
# N images (augment_throughput always takes all 60,000): for smoke tests, not for figures.
# PYTHON (default /usr/bin/python3, Debian's, with python3-torch and python3-torchvision) runs the reference.
set -euo pipefail
usage="usage: compare_augment.sh BUILD_DIR [ROUNDS] [--policy NAME-OR-TEXT] [--limit N]"
build=${1:?$usage}
shift
rounds=3
if [ $# -gt 0 ] && [[ $1 != --* ]]; then rounds=$1; shift; fi
policy=heavy limit=0
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
    case $1 in
        --policy) policy=$2 ;;
        --limit) limit=$2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
    shift 2
done
python=${PYTHON:-/usr/bin/python3}
tool="$build/bench/augment_throughput"
reference="$(cd "$(dirname "$0")" && pwd)/reference/augment_torchvision.py"
[ -x "$tool" ] || { echo "$tool missing: build with TENKAI_BENCH on (ninja -C $build augment_throughput)" >&2; exit 1; }
"$python" -c 'import torch, torchvision' 2>/dev/null ||
    { echo "$python lacks torch/torchvision: apt-get install python3-torch python3-torchvision" >&2; exit 1; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT

# One line "KEY images/s" per figure of one run, appended to $results.
# augment_throughput prints e.g. "opencv cpu  threads 2  uint8       130319 images/s  (...)".
tenkai() {
    "$tool" "$policy" | awk '
        $2 == "cpu" && $3 == "threads" { for (i = 1; i < NF; i++) if ($(i + 1) == "images/s") print "tenkai-" $1 "-" $4, $i }' \
        >>"$results"
}
torchvision() {
    "$python" "$reference" --policy "$policy" --threads 1,2 --limit "$limit" | "$python" -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("tv-%s-%s-%s" % (r["input"], r["parallel"], r["threads"]), r["images_per_second"])' >>"$results"
}

for _ in $(seq "$rounds"); do
    tenkai
    torchvision
done

# The median of every KEY, then the table.
"$python" - "$results" "$policy" "$rounds" "$limit" <<'EOF'
import statistics, sys
path, policy, rounds, limit = sys.argv[1:]
values = {}
for line in open(path):
    key, v = line.split()
    values.setdefault(key, []).append(float(v))
med = {k: statistics.median(v) for k, v in values.items()}
images = f"{limit} (reference only; Tenkai 60,000)" if int(limit) > 0 else "60,000"
print(f"policy {policy}, {images} Fashion-MNIST training images, median of {rounds} round(s)\n")
print("| threads | Tenkai | img/s | torchvision | img/s | Tenkai / torchvision |")
print("|---|---|---|---|---|---|")
rows = []
for t in (1, 2):
    rows.append((t, f"tenkai-opencv-{t}", "OpenCV per image, uint8", f"tv-pil-processes-{t}",
                 f"PIL images, {t} process{'es' if t > 1 else ''}"))
    rows.append((t, f"tenkai-tensor-{t}", "LibTorch batched tensors (1,024)", f"tv-tensor-processes-{t}",
                 f"uint8 tensors, {t} process{'es' if t > 1 else ''}"))
    if t > 1:
        rows.append((t, f"tenkai-tensor-{t}", "LibTorch batched tensors (1,024)", f"tv-tensor-torch-threads-{t}",
                     f"uint8 tensors, 1 process, torch.set_num_threads({t})"))
for t, a, a_name, b, b_name in rows:
    if a in med and b in med:
        print(f"| {t} | {a_name} | {med[a]:.0f} | {b_name} | {med[b]:.0f} | {med[a] / med[b]:.1f}x |")
    else:
        print(f"| {t} | {a_name} | {med.get(a, float('nan')):.0f} | {b_name} | {med.get(b, float('nan')):.0f} | missing |")
EOF

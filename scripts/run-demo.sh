#!/usr/bin/env bash
# The main job in one command: set up (as root on a fresh Debian 12), build, and run Tenkai.
# With a display it opens the console; without one it runs the same training headless through
# tenkai-cli and prints what happened.
#   BUILD_DIR   build folder (default: build-release next to this repository's sources)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-release}

"$here/scripts/setup-debian.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTENKAI_TESTS=OFF -DTENKAI_BENCH=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo.sh: starting the console ($build/app/tenkai)"
    exec "$build/app/tenkai" "$@"
fi

echo "run-demo.sh: no display found; running the demo headless with tenkai-cli"
cli="$build/app/tenkai-cli"
work=$(mktemp -d -t tenkai-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$cli" --version
echo
echo "== 1. Cloud: pretrain LeNet-5 on generic data (20,000 Fashion-MNIST images, 2 epochs)"
"$cli" pretrain --dataset fashion-mnist --model lenet --epochs 2 --batch 128 --limit 20000 --lr 0.05 \
    --out "$work/cloud"
echo
echo "== 2. Edge: fine-tune an ensemble of 3 members on the site's data, each on its own teacher data"
"$cli" finetune --from "$work/cloud/model.pt" --members 3 --freeze features --epochs 2 --limit 3000 \
    --lr 0.05 --out "$work/site"
echo
echo "== 3. Evaluate the site's ensemble from its saved member files"
"$cli" evaluate "$work"/site/member-*.pt

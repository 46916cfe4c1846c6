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

echo "run-demo.sh: no display found; running the demo headless with tenkai-cli and a local tenkaid"
cli="$build/app/tenkai-cli"
work=$(mktemp -d -t tenkai-demo.XXXXXX)
daemon_pid=
cleanup() {
    if [ -n "$daemon_pid" ]; then kill -TERM "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
"$cli" --version
echo
echo "== 1. The scenario: generic data for the cloud, and two edge sites with their own camera conditions"
"$cli" demo-data --sites 2 --out "$work/demo"
echo
echo "== 2. Cloud: pretrain LeNet-5 on the generic data (3 epochs)"
"$cli" pretrain --data-dir "$work/demo/generic" --model lenet --epochs 3 --batch 128 --lr 0.05 --out "$work/cloud"
echo
echo "== 3. Site 2 (a mirrored, tilted camera): how the cloud model does there before fine-tuning"
"$cli" evaluate "$work/cloud/model.pt" --dataset image-folder --data-dir "$work/demo/sites/site-02"
echo
echo "== 4. Edge: the site's daemon fine-tunes an ensemble of 5, each member on its own teacher data"
"$build/app/tenkaid" --state-dir "$work/state" --port 0 --site site-02 >"$work/tenkaid.out" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -s "$work/state/tenkaid.port" ] && break; sleep 0.1; done
port=$(cat "$work/state/tenkaid.port")
policies=(geometric photometric noise cutout heavy)
members=""
for i in 0 1 2 3 4; do members+="${members:+,}{\"augment\":\"${policies[$i]}\",\"seed\":$((i + 1))}"; done
cat >"$work/run.json" <<RUN
{"dataset": "image-folder", "data_dir": "$work/demo/sites/site-02", "init_from": "$work/cloud/model.pt",
 "members": [$members], "epochs": 10, "batch": 64, "lr": 0.05}
RUN
"$cli" start-run --local "$port" --state-dir "$work/state" --run-id site-02-run1 --config "$work/run.json"
"$cli" monitor --local "$port" --state-dir "$work/state" --run site-02-run1 --until-done |
    grep -E "test_accuracy|majority_accuracy|: (queued|running|done|failed|stopped)" || true
echo
echo "== 5. The ensemble the daemon saved, scored on the site's test split"
"$cli" evaluate "$work"/state/runs/site-02-run1/model/member-*.pt --dataset image-folder \
    --data-dir "$work/demo/sites/site-02"

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
"$build/app/tenkai-cli" --version
echo
echo "\$ tenkai-cli train --dataset fashion-mnist --model lenet --epochs 2 --batch 128"
"$build/app/tenkai-cli" train --dataset fashion-mnist --model lenet --epochs 2 --batch 128

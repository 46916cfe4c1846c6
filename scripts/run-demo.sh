#!/usr/bin/env bash
# The main job in one command: set up (as root on a fresh Debian 12), build, and run Tenkai's demo.
# The demo workspace (tenkai-cli demo-data --workspace): generic data for the cloud, three local
# sites with their own camera conditions, the demo flow and an inventory of those sites.
# With a display it opens the console on that workspace; without one it runs the same flow
# headless with tenkai-cli and prints what happened.
#   BUILD_DIR       build folder (default: build-release next to this repository's sources)
#   TENKAI_DEMO_DIR the demo workspace (default: ~/tenkai-demo; made once, reused afterwards)
#   TENKAI_CMAKE_ARGS more CMake options, after the demo's own (scripts/test-all.sh builds the
#                   suite in the same folder: "-DTENKAI_TESTS=ON -DTENKAI_WERROR=ON ...")
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-release}
workspace=${TENKAI_DEMO_DIR:-$HOME/tenkai-demo}

"$here/scripts/setup-debian.sh"
# shellcheck disable=SC2086 # TENKAI_CMAKE_ARGS is a list of words
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTENKAI_TESTS=OFF -DTENKAI_BENCH=OFF \
    ${TENKAI_CMAKE_ARGS:-} >/dev/null
start=$SECONDS
cmake --build "$build" --parallel "$(nproc)"
echo "run-demo.sh: built $build in $((SECONDS - start)) s"
cli="$build/app/tenkai-cli"

if [ ! -f "$workspace/demo.tenkai-flow.json" ]; then
    echo "run-demo.sh: making the demo workspace in $workspace"
    "$cli" demo-data --sites 3 --out "$workspace" --workspace
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo.sh: starting the console on $workspace"
    exec "$build/app/tenkai" --workspace "$workspace" "$@"
fi

echo "run-demo.sh: no display found; running the demo flow headless with tenkai-cli"
# The daemons the flow starts are the sites' services; stop them when the demo ends.
stop_daemons() {
    for pid_file in "$workspace"/sites/*/run/tenkaid.pid; do
        [ -s "$pid_file" ] && kill -TERM "$(cat "$pid_file")" 2>/dev/null || true
    done
}
trap stop_daemons EXIT
"$cli" --version
echo
"$cli" validate "$workspace/demo.tenkai-flow.json" --inventory "$workspace/inventory.yaml"
echo
"$cli" run "$workspace/demo.tenkai-flow.json" --inventory "$workspace/inventory.yaml"
echo
echo "== The report of the three sites ($workspace/reports/demo/report.md)"
cat "$workspace/reports/demo/report.md"

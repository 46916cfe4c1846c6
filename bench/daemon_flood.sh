#!/usr/bin/env bash
# Issue 17's flood figure (docs/benchmarks.md): how long the console's client takes to be welcomed
# and answered by tenkaid while another local user holds N silent connections to it, against the
# same with no flood. One real tenkaid with a temporary state folder; the flood is bash holding N
# /dev/tcp connections as the user nobody (root is needed for runuser). Each timed run is a whole
# `tenkai-cli stop-run` process (start, handshake, one request, exit), timed by farm-bench; its
# start-up is the same in both cases, so the difference is what the flood costs.
#
# Usage: bench/daemon_flood.sh BUILD_DIR [CONNECTIONS]   (default 1000)
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 BUILD_DIR [CONNECTIONS]" >&2
    exit 2
fi
build=$1
count=${2:-1000}
daemon="$build/app/tenkaid"
cli="$build/app/tenkai-cli"
for program in "$daemon" "$cli"; do
    [[ -x $program ]] || { echo "$0: $program is missing; build it first" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "$0: the flood runs as the user nobody: run this as root" >&2; exit 1; }
command -v farm-bench >/dev/null || { echo "$0: farm-bench is not installed" >&2; exit 1; }

state=$(mktemp -d)
flood_pid=
cleanup() {
    [[ -n $flood_pid ]] && kill "$flood_pid" 2>/dev/null || true
    [[ -n ${daemon_pid:-} ]] && kill "$daemon_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$state"
}
trap cleanup EXIT

"$daemon" --state-dir "$state" --port 0 --site bench >"$state/daemon.out" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [[ -s $state/tenkaid.port ]] && break; sleep 0.1; done
port=$(cat "$state/tenkaid.port")
request=("$cli" stop-run --local "$port" --state-dir "$state" --run no-such-run)

echo "## tenkaid under a flood of $count silent connections ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
echo
echo "Machine load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "### quiet"
farm-bench -n 10 -- "${request[@]}"
echo
fifo="$state/flood.out"
mkfifo "$fifo"
sh -c "ulimit -n $((count + 100)) && exec runuser -u nobody -- bash -c 'for i in \$(seq 1 $count); do exec {fd}<>/dev/tcp/127.0.0.1/$port || exit 1; done; echo opened; exec sleep 600'" >"$fifo" &
flood_pid=$!
read -r opened <"$fifo"
[[ $opened == opened ]] || { echo "$0: the flood did not open its connections" >&2; exit 1; }
echo "### while nobody holds $count connections"
farm-bench -n 10 -- "${request[@]}"

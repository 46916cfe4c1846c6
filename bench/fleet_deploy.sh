#!/bin/sh
# Deploying tenkaid plus a 20 MB model (checksum verified) to N real sshd sites on this machine:
# `tenkai-fleet sites apply` (tenkai-cli's fleet commands without LibTorch; FLEET_CLI=tenkai-cli
# times `tenkai-cli sites apply` instead) against `ansible-playbook bench/fleet_deploy.yml` (forks
# 10, pipelining, ControlPersist: bench/ansible.cfg), alternating A B A B, each from empty site
# roots and then again with nothing to change. Prints a markdown table of medians.
#
#   bench/fleet_deploy.sh BUILD_DIR [ROUNDS]      (ROUNDS default 5; FLEET_SITES=N default 10)
#
# The sites log in as root unless FLEET_SITE_USER names another user: every remote command starts
# that user's shell, and bash run by sshd reads the user's ~/.bashrc, so the login user's start-up
# files are part of every figure (root's on a developer machine may start pyenv and the like; a
# fresh edge host has Debian's stock files). Such a user, made once:
#   useradd -m -s /bin/bash -p '*' tenkai-edge     ('*': no password, but not a locked account)
#
# Needs BUILD_DIR/app/tenkai-fleet, BUILD_DIR/app/tenkaid and BUILD_DIR/bench/fleet_sites; Ansible is
# Debian's package `ansible` (scripts/setup-debian.sh --bench). Without ansible-playbook the Ansible
# column is skipped with a message. Runs as root (the sites log in as root).
set -eu

build=${1:?usage: bench/fleet_deploy.sh BUILD_DIR [ROUNDS]}
rounds=${2:-5}
sites=${FLEET_SITES:-10}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
cli=$build/app/${FLEET_CLI:-tenkai-fleet}
daemon=$build/app/tenkaid
helper=$build/bench/fleet_sites
for program in "$cli" "$daemon" "$helper"; do
    [ -x "$program" ] || { echo "fleet_deploy: $program is missing (build it first)" >&2; exit 2; }
done
ansible=1
if ! command -v ansible-playbook >/dev/null 2>&1; then
    ansible=0
    echo "fleet_deploy: ansible-playbook is not installed (scripts/setup-debian.sh --bench installs Debian's" \
         "ansible); the Ansible side is skipped." >&2
fi

work=$(mktemp -d /tmp/tenkai-fleet-bench-XXXXXX)
# The packages ship tenkaid stripped (CPACK_STRIP_FILES); a RelWithDebInfo build's binary carries
# ~40 MB of debug information no site needs. Both sides deploy the same stripped copy.
strip --strip-debug -o "$work/tenkaid" "$daemon"
daemon=$work/tenkaid
helper_pid=
cleanup() {
    stop_daemons || true
    exec 7>&- 2>/dev/null || true
    if [ -n "$helper_pid" ]; then
        kill -TERM "$helper_pid" 2>/dev/null || true
        wait "$helper_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The sites: fleet_sites runs until its stdin (a fifo held open on fd 7) closes.
mkfifo "$work/ctl"
"$helper" "$sites" "$work/sites" "${FLEET_SITE_USER:-root}" <"$work/ctl" 2>"$work/fleet_sites.log" &
helper_pid=$!
exec 7>"$work/ctl"
i=0
while [ ! -f "$work/sites/ready" ]; do
    i=$((i + 1))
    if [ $i -gt 300 ] || ! kill -0 "$helper_pid" 2>/dev/null; then
        echo "fleet_deploy: the sites did not start:" >&2
        cat "$work/fleet_sites.log" >&2
        exit 1
    fi
    sleep 0.1
done

# Stops the daemons both sides started (by the PIDs in their pid files) and removes their roots.
stop_daemons() {
    [ -f "$work/sites/roots" ] || return 0
    while IFS= read -r root; do
        pidfile=$root/run/tenkaid.pid
        if [ -s "$pidfile" ]; then
            pid=$(cat "$pidfile")
            if kill -TERM "$pid" 2>/dev/null; then
                n=0
                while kill -0 "$pid" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)" != Z ] &&
                    [ $n -lt 100 ]; do
                    sleep 0.1
                    n=$((n + 1))
                done
            fi
        fi
    done <"$work/sites/roots"
}
reset_sites() {
    stop_daemons
    while IFS= read -r root; do rm -rf "$root"; done <"$work/sites/roots"
}

# The payload: the 20 MB model and the recipe.
head -c $((20 * 1024 * 1024)) /dev/urandom >"$work/model.pt"
sha256=$(sha256sum <"$work/model.pt" | cut -d' ' -f1)
sha1=$(sha1sum <"$work/model.pt" | cut -d' ' -f1)
version=$("$daemon" --version | head -n 1)
cat >"$work/recipe.yaml" <<RECIPE
format: tenkai-recipe
resources:
  - tenkaid: "{{ root }}/bin/tenkaid"
    source: "$daemon"
  - model: "{{ root }}/models/model.pt"
    source: model.pt
    sha256: $sha256
RECIPE

now() { date +%s.%N; }
log=$work/runs.log
run_tenkai() {
    "$cli" sites apply --inventory "$work/sites/inventory.yaml" --recipe "$work/recipe.yaml" --accept-new \
        --ssh-config "$work/sites/ssh_config" --forks 10 --timeout 60 >"$work/last.log" 2>&1
    status=$?
    cat "$work/last.log" >>"$log"
    return $status
}
run_ansible() {
    ANSIBLE_CONFIG=$here/ansible.cfg ANSIBLE_SSH_CONTROL_PATH_DIR=$work/cp \
        ansible-playbook -i "$work/sites/hosts.ini" "$here/fleet_deploy.yml" \
        -e "tenkaid_src=$daemon" -e "tenkaid_version='$version'" -e "model_src=$work/model.pt" \
        -e "model_sha1=$sha1" -e "model_sha256=$sha256" >>"$log" 2>&1
}
# timed NAME COMMAND: runs it, appends "NAME SECONDS" to the results, fails loudly.
timed() {
    name=$1
    shift
    start=$(now)
    if ! "$@"; then
        echo "fleet_deploy: $name failed; the end of the log:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    end=$(now)
    echo "$name $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')" >>"$work/results"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "fleet_deploy: $sites sites logging in as ${FLEET_SITE_USER:-root}, $rounds rounds, tenkaid $(du -h "$daemon" | cut -f1), model 20 MiB, load $load_before" >&2
: >"$work/results"
r=0
while [ $r -lt "$rounds" ]; do
    r=$((r + 1))
    reset_sites
    timed tenkai_fresh run_tenkai
    timed tenkai_again run_tenkai
    grep -q "Nothing changed" "$work/last.log" || { echo "fleet_deploy: the re-apply changed something" >&2; tail -n 20 "$log" >&2; exit 1; }
    if [ $ansible -eq 1 ]; then
        reset_sites
        timed ansible_fresh run_ansible
        timed ansible_again run_ansible
    fi
    echo "fleet_deploy: round $r done" >&2
done

median() {
    grep "^$1 " "$work/results" | cut -d' ' -f2 | sort -n |
        awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) printf "%.3f", v[(NR + 1) / 2];
             else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
ratio() {
    if [ "$1" = - ] || [ "$2" = - ]; then echo -; else echo "$1 $2" | awk '{printf "%.2fx", $1 / $2}'; fi
}
tf=$(median tenkai_fresh)
ta=$(median tenkai_again)
af=$(median ansible_fresh)
aa=$(median ansible_again)
echo
echo "Deploying tenkaid ($(du -h "$daemon" | cut -f1)) + a 20 MiB model to $sites sshd sites on 127.0.0.1" \
    "(login ${FLEET_SITE_USER:-root}), median of $rounds" \
    "($(nproc) cores; $(ansible-playbook --version 2>/dev/null | head -n 1 || echo 'no Ansible'); load $load_before" \
    "before, $(cut -d' ' -f1-3 /proc/loadavg) after):"
echo
echo "| run | $(basename "$cli") sites apply (s) | ansible-playbook (s) | tenkai / ansible |"
echo "| --- | ---: | ---: | ---: |"
echo "| first deployment | $tf | $af | $(ratio "$tf" "$af") |"
echo "| no-change re-apply | $ta | $aa | $(ratio "$ta" "$aa") |"

#!/usr/bin/env bash
# bare_site.sh: a bare Debian 12 (bookworm) edge host for integration tests, reached over SSH on
# 127.0.0.1. The host is a minimal Debian root (minbase + openssh-server + sudo) with no Tenkai in
# it, so provisioning tests exercise what a real fresh host has: apt must resolve every Depends of
# tenkaid_*.deb from the Debian registry, starting from the root's own dpkg state.
#
#   bare_site.sh prepare [CACHE_DIR]                   build the root once, cache it as a tarball
#   bare_site.sh start WORK_DIR PORT AUTHORIZED_PUBKEY start sshd in WORK_DIR/root on 127.0.0.1:PORT
#   bare_site.sh exec WORK_DIR CMD [ARG...]            run CMD as root inside the running site
#   bare_site.sh stop WORK_DIR [--keep]                kill everything in the site, remove WORK_DIR
#
# Login: ssh -i KEY -p PORT edge@127.0.0.1 (user edge, NOPASSWD sudo). `start` prints the host's
# public key file. Needs root (mounts, namespaces, chroot). The network namespace is the host's.
# Environment:
#   BARE_SITE_CACHE      cache folder for `start` (default /var/cache/tenkai-test)
#   BARE_SITE_APT_CACHE  host folder bind-mounted as the root's /var/cache/apt/archives, so repeated
#                        installs reuse downloaded .debs (apt still resolves and verifies them);
#                        default /var/cache/apt/archives, "none" for a truly empty archive cache.
# `stop --keep` keeps WORK_DIR/root; a later `start` reuses it (a "reboot": files kept, processes gone).
set -euo pipefail

RECIPE_REV=1 # bump when the recipe changes in a way the cache key below cannot see
SUITE=bookworm
VARIANT=minbase
INCLUDE=openssh-server,sudo
DEFAULT_CACHE=/var/cache/tenkai-test
SSH_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

die() { echo "bare_site.sh: $*" >&2; exit 1; }
need_root() { [[ $EUID -eq 0 ]] || die "must run as root"; }

# The site's outer process (unshare) if it is alive, else nothing.
site_pid() {
    local pid
    pid=$(cat "$1/site.pid" 2>/dev/null) || return 0
    [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == unshare ]] && echo "$pid" || true
}

prepare() {
    need_root
    local dir=${1:-$DEFAULT_CACHE} src f key tar tmp
    # Use this machine's own apt sources, so the root reaches the same registry as the host.
    for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
        [[ -s $f ]] && { src=$f; break; }
    done
    [[ -n ${src:-} ]] || die "no apt sources file on this host"
    local include=$INCLUDE aptopt=()
    grep -q 'https://' "$src" && include+=,ca-certificates # apt needs CA roots for https sources
    # Keep the host's choice about expired Release files (snapshot mirrors need it off).
    [[ $(apt-config dump Acquire::Check-Valid-Until) == *'"false"'* ]] &&
        aptopt=(--aptopt='Acquire::Check-Valid-Until "false"')
    # Cache key: everything the root is built from, so a changed recipe or sources rebuilds it.
    key=$(printf '%s\n' "$RECIPE_REV" "$SUITE" "$VARIANT" "$include" "${aptopt[@]}" | cat - "$src" |
        sha256sum | cut -c1-12)
    tar=$dir/bare-$SUITE-$VARIANT-$key.tar
    mkdir -p "$dir"
    exec 9>"$dir/.lock" # parallel tests: one build, the others wait for it
    flock 9
    if [[ ! -s $tar ]]; then
        command -v mmdebstrap >/dev/null ||
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap >&2 ||
            { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap >&2; }
        tmp=$dir/.building-$$.tar
        rm -f "$dir"/.building-*.tar
        # Host keys are made per site by `start`; no site shares one.
        mmdebstrap --mode=root --variant="$VARIANT" --include="$include" --format=tar "${aptopt[@]}" \
            --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
            "$SUITE" "$tmp" "$src" >&2 || { rm -f "$tmp"; die "mmdebstrap failed"; }
        find "$dir" -maxdepth 1 -name "bare-$SUITE-*.tar" -delete # drop stale recipes
        mv "$tmp" "$tar"
    fi
    exec 9>&-
    echo "$tar"
}

start() {
    need_root
    [[ $# -eq 3 ]] || die "usage: start WORK_DIR PORT AUTHORIZED_PUBKEY_FILE"
    local work port=$2 pub=$3 root pid
    work=$(realpath -m "$1")
    root=$work/root
    [[ $port =~ ^[0-9]+$ ]] || die "bad port: $port"
    [[ -s $pub ]] || die "no public key file: $pub"
    if [[ -n $(site_pid "$work") ]]; then # already running: same answer as the first start
        [[ $(cat "$work/site.port") == "$port" ]] || die "$work already runs on port $(cat "$work/site.port")"
        echo "$root/etc/ssh/ssh_host_ed25519_key.pub"
        return
    fi
    stop "$work" --keep # leftovers of a crashed run
    if [[ ! -x $root/usr/sbin/sshd ]]; then
        local tar
        tar=$(prepare "${BARE_SITE_CACHE:-$DEFAULT_CACHE}")
        rm -rf --one-file-system "$root"
        mkdir -p "$root"
        tar -xpf "$tar" -C "$root" --numeric-owner
    fi
    # The operator's login: an ordinary user with passwordless sudo, as on a provisioned edge host.
    chroot "$root" id edge >/dev/null 2>&1 || chroot "$root" useradd -m -d /home/edge -s /bin/bash edge
    echo 'edge ALL=(ALL:ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/edge"
    chmod 0440 "$root/etc/sudoers.d/edge"
    install -d -m 700 "$root/home/edge/.ssh"
    install -m 600 "$pub" "$root/home/edge/.ssh/authorized_keys"
    chroot "$root" chown -R edge:edge /home/edge/.ssh
    [[ -s $root/etc/ssh/ssh_host_ed25519_key ]] ||
        chroot "$root" ssh-keygen -q -t ed25519 -N '' -C bare-site -f /etc/ssh/ssh_host_ed25519_key
    cp --remove-destination /etc/resolv.conf "$root/etc/resolv.conf"
    cp --remove-destination /etc/hosts "$root/etc/hosts" # has this hostname (sudo resolves it)
    # The root's own sshd_config stays as Debian ships it (UsePAM yes, which lets the locked `!`
    # account log in with a key); this drop-in only pins the address and what the console needs.
    cat >"$root/etc/ssh/sshd_config.d/bare-site.conf" <<EOF
# Written by tests/support/bare_site.sh
ListenAddress 127.0.0.1:$port
HostKey /etc/ssh/ssh_host_ed25519_key
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowTcpForwarding yes
EOF
    echo "$port" >"$work/site.port"
    local cache=${BARE_SITE_APT_CACHE-/var/cache/apt/archives}
    [[ $cache == none || -d $cache ]] || die "BARE_SITE_APT_CACHE is not a folder: $cache"
    # Private mount and pid namespaces: the mounts vanish with the site, and killing unshare
    # (--kill-child) kills the namespace's init, sshd, which takes every process inside with it.
    # shellcheck disable=SC2016
    setsid unshare --mount --propagation private --pid --fork --kill-child --mount-proc="$root/proc" \
        bash -c 'set -e; r=$1
            mount --rbind /dev "$r/dev"
            mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm"
            mount -t sysfs sysfs "$r/sys"
            mount -t tmpfs -o mode=755 tmpfs "$r/run"
            mkdir -p "$r/run/sshd" "$r/run/lock"
            [ "$2" = none ] || mount --bind "$2" "$r/var/cache/apt/archives"
            exec chroot "$r" env -i PATH="$3" /usr/sbin/sshd -D -e' \
        bare-site "$root" "$cache" "$SSH_PATH" </dev/null >"$work/sshd.log" 2>&1 &
    pid=$!
    echo "$pid" >"$work/site.pid"
    local _
    for _ in $(seq 100); do # wait for the SSH banner
        if timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" && head -c4 <&3' "$port" 2>/dev/null |
            grep -q SSH-; then
            echo "$root/etc/ssh/ssh_host_ed25519_key.pub"
            return
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    tail -n 20 "$work/sshd.log" >&2 || true
    stop "$work" --keep
    die "sshd did not come up on 127.0.0.1:$port"
}

# Runs a command as root inside the running site (its mounts, pids and root), e.g.
#   bare_site.sh exec W runuser -u tenkai -- /usr/bin/tenkaid ...
exec_in() {
    need_root
    [[ $# -ge 2 ]] || die "usage: exec WORK_DIR CMD [ARG...]"
    local work pid init
    work=$(realpath -m "$1")
    shift
    pid=$(site_pid "$work")
    [[ -n $pid ]] || die "no running site in $work"
    init=$(pgrep -P "$pid" | head -n1)
    exec nsenter --target "$init" --mount --pid -- chroot "$work/root" env -i PATH="$SSH_PATH" "$@"
}

stop() {
    need_root
    local work pid root p _
    work=$(realpath -m "${1:?usage: stop WORK_DIR [--keep]}")
    root=$work/root
    pid=$(site_pid "$work")
    [[ -z $pid ]] || kill -KILL "$pid" # --kill-child: the pid namespace goes down with it
    # Also whatever was entered from outside (chroot, nsenter): every process rooted in the site.
    if [[ -d $root ]]; then
        for _ in $(seq 100); do
            local pids=()
            for p in /proc/[0-9]*; do
                [[ $p/root -ef $root ]] && pids+=("${p#/proc/}")
            done
            ((${#pids[@]})) || break
            kill -KILL "${pids[@]}" 2>/dev/null || true
            sleep 0.1
        done
    fi
    rm -f "$work/site.pid"
    # The site's mounts live only in its own mount namespace, so rm here never reaches /dev.
    [[ ${2:-} == --keep ]] || rm -rf --one-file-system "$work"
}

cmd=${1:-}
shift || true
case $cmd in
prepare) prepare "$@" ;;
start) start "$@" ;;
exec) exec_in "$@" ;;
stop) stop "$@" ;;
*) die "usage: $0 prepare [CACHE_DIR] | start WORK_DIR PORT PUBKEY | exec WORK_DIR CMD... | stop WORK_DIR [--keep]" ;;
esac

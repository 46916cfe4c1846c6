#!/bin/bash
# Checks the systemd units of tenkaid and their companion script (issue 16):
#  - systemd-analyze security --offline=yes rates packaging/tenkaid.service 3.0 or below and
#    packaging/tenkaid-user.service 4.0 or below;
#  - systemd-analyze verify finds nothing wrong in either;
#  - their Documentation= names a file that packaging/CMakeLists.txt installs;
#  - /usr/lib/tenkaid/tenkaid-service (packaging/daemon/tenkaid-service) starts the unit's program
#    with the unit's arguments, user, group and umask where systemd is not PID 1 (run with stand-ins
#    for start-stop-daemon, id, getent and install that record what they are asked), is idempotent,
#    reports its errors, and calls systemctl where systemd runs;
#  - the shell scripts parse (sh -n; shellcheck where installed).
# Usage: check_units.sh SOURCE_DIR
set -u

src=${1:?usage: check_units.sh SOURCE_DIR}
pkg=$src/packaging
system_unit=$pkg/tenkaid.service
user_unit=$pkg/tenkaid-user.service
script=$pkg/daemon/tenkaid-service
postinst=$pkg/daemon/postinst
defaults=$pkg/daemon/default
max_system=3.0
max_user=4.0

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() {
    echo "ok: $*"
}

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "FAIL: systemd-analyze is missing: install systemd (apt-get install systemd) to check the units." >&2
    exit 1
fi
for f in "$system_unit" "$user_unit" "$script" "$postinst" "$defaults"; do
    [ -f "$f" ] || { echo "FAIL: $f is missing" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
systemd-analyze --version | head -n 1

# --- Exposure scores. systemd-analyze names the unit after the file: both are copied as
# tenkaid.service, as they are installed.
score() { # score UNIT_FILE LABEL MAX
    local dir=$work/security-$2 out line value
    mkdir -p "$dir"
    cp "$1" "$dir/tenkaid.service"
    out=$(systemd-analyze security --offline=yes --no-pager "$dir/tenkaid.service" 2>&1)
    line=$(grep -m 1 'Overall exposure level for' <<<"$out")
    value=$(sed -n 's/.*Overall exposure level for [^:]*: *\([0-9][0-9]*\.[0-9]\).*/\1/p' <<<"$line")
    if [ -z "$value" ]; then
        fail "$2 unit: no exposure level in the output of systemd-analyze security:"$'\n'"$out"
        return
    fi
    echo "$2 unit ($(basename "$1")): $line"
    if awk -v s="$value" -v m="$3" 'BEGIN { exit !(s + 0 <= m + 0) }'; then
        pass "$2 unit exposure $value <= $3"
    else
        fail "$2 unit exposure $value > $3; what counts:"$'\n'"$(grep '✗' <<<"$out")"
    fi
}
score "$system_unit" system "$max_system"
score "$user_unit" user "$max_user"

# --- systemd-analyze verify: it exits 0 on unknown keys and bad values and only warns, so any
# line that names the unit fails. /usr/bin/tenkaid is not installed here: the copies run /bin/true.
# The user unit is verified as a system unit (a user manager is not at hand; the keys are the same).
verify() { # verify UNIT_FILE LABEL
    local dir=$work/verify-$2 out
    mkdir -p "$dir"
    sed 's|/usr/bin/tenkaid|/bin/true|g' "$1" >"$dir/tenkaid.service"
    out=$(systemd-analyze verify "$dir/tenkaid.service" 2>&1)
    local rc=$?
    if [ $rc -ne 0 ] || grep -q 'tenkaid\.service' <<<"$out"; then
        fail "systemd-analyze verify $(basename "$1") ($rc):"$'\n'"$out"
    else
        pass "systemd-analyze verify $(basename "$1")"
    fi
}
verify "$system_unit" system
verify "$user_unit" user

# --- Documentation= must name a file the package installs: file:///usr/DIR/NAME, where
# packaging/CMakeLists.txt installs a file NAME to DIR (CMAKE_INSTALL_DATADIR: share).
documentation() { # documentation UNIT_FILE
    local url path dir name line dest
    url=$(sed -n 's/^Documentation=//p' "$1" | head -n 1)
    path=${url#file://}
    if [ -z "$url" ] || [ "$path" = "$url" ] || [ "${path#/usr/}" = "$path" ]; then
        fail "$(basename "$1"): Documentation= should be file:///usr/..., is '$url'"
        return
    fi
    dir=$(dirname "${path#/usr/}")
    name=$(basename "$path")
    while IFS= read -r line; do
        dest=$(sed -n 's/.*DESTINATION[[:space:]]\{1,\}\([^[:space:])]*\).*/\1/p' <<<"$line")
        dest=${dest//\$\{CMAKE_INSTALL_DATADIR\}/share}
        if [ "$dest" = "$dir" ] && [ -f "$pkg/$(sed -n 's/.*install(FILES[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' <<<"$line")" ]; then
            pass "$(basename "$1"): Documentation=$url is installed ($line)"
            return
        fi
    done < <(grep -E "install\(FILES[[:space:]]+[^[:space:]]*/?${name}[[:space:]]" "$pkg/CMakeLists.txt")
    fail "$(basename "$1"): Documentation=$url, but packaging/CMakeLists.txt installs no $name to ${dir}"
}
documentation "$system_unit"
documentation "$user_unit"

# --- The shell scripts parse.
for f in "$script" "$postinst" "$defaults"; do
    if sh -n "$f"; then pass "sh -n $(basename "$f")"; else fail "sh -n $(basename "$f")"; fi
done
if command -v shellcheck >/dev/null 2>&1; then
    if out=$(shellcheck -s sh "$script" "$postinst" 2>&1); then
        pass "shellcheck tenkaid-service postinst"
    else
        fail "shellcheck:"$'\n'"$out"
    fi
else
    echo "shellcheck is not installed: skipped"
fi
[ -x "$script" ] || fail "$script is not executable"

# --- tenkaid-service without systemd, with stand-ins. Its paths live under TENKAID_SERVICE_ROOT.
root=$work/root
stubs=$work/stubs
rec=$work/rec
mkdir -p "$root/usr/bin" "$root/etc/default" "$root/run" "$stubs" "$rec"
printf '#!/bin/sh\nexit 0\n' >"$root/usr/bin/tenkaid"
chmod 0755 "$root/usr/bin/tenkaid"
# The options file: the package's, with options and another variable (EnvironmentFile= exports it).
{
    grep -v '^TENKAID_OPTS=' "$defaults"
    echo 'TENKAID_OPTS="--max-runs 2  --site l*"'
    echo 'OMP_NUM_THREADS=3'
} >"$root/etc/default/tenkaid"
opts=(--max-runs 2 --site 'l*')

cat >"$stubs/start-stop-daemon" <<EOF
#!/bin/sh
mode=
for a in "\$@"; do case \$a in --start|--stop|--status) mode=\$a ;; esac; done
case \$mode in
    --status) [ -e "$rec/running" ] || exit 3 ;;
    --start)
        printf '%s\n' "\$@" >"$rec/start.args"
        env >"$rec/start.env"
        echo start >>"$rec/calls"
        [ -e "$rec/dies" ] && exit 0
        echo 4242 >"$root/run/tenkaid.pid"
        touch "$rec/running" ;;
    --stop)
        printf '%s\n' "\$@" >"$rec/stop.args"
        echo stop >>"$rec/calls"
        rm -f "$rec/running" "$root/run/tenkaid.pid" ;;
esac
exit 0
EOF
cat >"$stubs/id" <<EOF
#!/bin/sh
cat "$rec/uid"
EOF
cat >"$stubs/getent" <<EOF
#!/bin/sh
[ -e "$rec/nouser" ] && exit 2
case \$1 in
    passwd) echo "tenkai:x:998:998:Tenkai edge daemon:/var/lib/tenkaid:/usr/sbin/nologin" ;;
    group) echo "tenkai:x:998:" ;;
esac
EOF
cat >"$stubs/install" <<EOF
#!/bin/sh
echo "\$*" >>"$rec/install"
EOF
cat >"$stubs/sleep" <<'EOF'
#!/bin/sh
exit 0
EOF
cat >"$stubs/systemctl" <<EOF
#!/bin/sh
echo "\$*" >>"$rec/systemctl"
case \$* in
    "is-active --quiet tenkaid") [ -e "$rec/active" ] || exit 3 ;;
    "is-active tenkaid") if [ -e "$rec/active" ]; then echo active; else echo inactive; exit 3; fi ;;
    "enable --now tenkaid"|"restart tenkaid") touch "$rec/active" ;;
    "stop tenkaid") rm -f "$rec/active" ;;
esac
exit 0
EOF
chmod 0755 "$stubs"/*
echo 0 >"$rec/uid"

service() { # service ACTION: runs tenkaid-service; its output in $out, its status in $rc
    out=$(TENKAID_SERVICE_ROOT=$root PATH="$stubs:$PATH" TENKAI_LEAK=1 sh "$script" "$@" 2>&1)
    rc=$?
}
expect() { # expect RC PATTERN WHAT
    if [ "$rc" -eq "$1" ] && grep -qE -- "$2" <<<"$out"; then
        pass "$3: $out"
    else
        fail "$3: expected status $1 and /$2/, got $rc: $out"
    fi
}

service status
expect 3 'not running' "status, stopped"
service start
expect 0 'started' "start"

# The arguments, user, group and umask of start-stop-daemon against the unit's.
mapfile -t ssd <"$rec/start.args"
exec_line=$(sed -n 's/^ExecStart=//p' "$system_unit")
read -r -a unit_words <<<"$exec_line"
unit_argv=()
for w in "${unit_words[@]}"; do
    # shellcheck disable=SC2016
    if [ "$w" = '$TENKAID_OPTS' ]; then unit_argv+=("${opts[@]}"); else unit_argv+=("$w"); fi
done
ssd_exec='' ssd_chuid='' ssd_umask='' ssd_argv=()
for ((i = 0; i < ${#ssd[@]}; i++)); do
    case ${ssd[i]} in
        --exec) ssd_exec=${ssd[i + 1]#"$root"} ;;
        --chuid) ssd_chuid=${ssd[i + 1]} ;;
        --umask) ssd_umask=${ssd[i + 1]} ;;
        --) ssd_argv=("${ssd[@]:i+1}"); break ;;
    esac
done
script_argv=("$ssd_exec" "${ssd_argv[@]}")
if [ "${script_argv[*]}" = "${unit_argv[*]}" ] && [ ${#script_argv[@]} -eq ${#unit_argv[@]} ]; then
    pass "tenkaid-service runs the unit's command: ${script_argv[*]}"
else
    fail "ExecStart= of tenkaid.service and tenkaid-service differ:"$'\n'"  unit:   ${unit_argv[*]}"$'\n'"  script: ${script_argv[*]}"
fi
unit_user=$(sed -n 's/^User=//p' "$system_unit")
unit_group=$(sed -n 's/^Group=//p' "$system_unit")
unit_umask=$(sed -n 's/^UMask=//p' "$system_unit")
[ "$ssd_chuid" = "$unit_user:$unit_group" ] || fail "--chuid $ssd_chuid, the unit runs as $unit_user:$unit_group"
[ "$ssd_umask" = "$unit_umask" ] || fail "--umask $ssd_umask, the unit's UMask=$unit_umask"
printf '%s\n' "${ssd[@]}" | grep -qx -- --background || fail "start-stop-daemon --start without --background"
grep -q -- "-d -o $unit_user -g $unit_group -m $(sed -n 's/^StateDirectoryMode=//p' "$system_unit") $root/var/lib/tenkaid" \
    "$rec/install" || fail "the state folder is not made as StateDirectory= makes it: $(cat "$rec/install")"
# The environment: systemd's, not the caller's.
for v in HOME=/var/lib/tenkaid USER=tenkai LOGNAME=tenkai OMP_NUM_THREADS=3 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin "TENKAID_OPTS=--max-runs 2  --site l\*"; do
    grep -qx -- "$v" "$rec/start.env" || fail "the daemon's environment lacks $v"
done
grep -q '^TENKAI_LEAK=' "$rec/start.env" && fail "the caller's environment reaches the daemon"

service start
expect 0 'already running' "start, running"
[ "$(grep -c start "$rec/calls")" -eq 1 ] || fail "a second start started another daemon"
service status
expect 0 'is running \(pid 4242\)' "status, running"
service restart
expect 0 'started' "restart"
grep -x -A1 -- '--retry' "$rec/stop.args" | grep -qx 'TERM/120/KILL/5' ||
    fail "stop does not wait 120 s after TERM: $(tr '\n' ' ' <"$rec/stop.args")"
service stop
expect 0 'stopped' "stop"
service stop
expect 0 'not running' "stop, stopped"

touch "$rec/dies"
service start
expect 1 'stopped at once' "start, the daemon exits at once"
rm -f "$rec/dies"

# Errors: one line each.
echo 1000 >"$rec/uid"
service start
expect 1 '^tenkaid-service: run me as root' "start, not root"
echo 0 >"$rec/uid"
touch "$rec/nouser"
service start
expect 1 "^tenkaid-service: there is no user 'tenkai'" "start, no user tenkai"
rm "$rec/nouser"
mv "$root/usr/bin/tenkaid" "$root/usr/bin/tenkaid.away"
service start
expect 1 '^tenkaid-service: /usr/bin/tenkaid is missing' "start, no /usr/bin/tenkaid"
mv "$root/usr/bin/tenkaid.away" "$root/usr/bin/tenkaid"
service frobnicate
expect 2 '^usage: tenkaid-service start\|stop\|restart\|status' "a wrong action"

# --- With systemd as PID 1: systemctl.
mkdir -p "$root/run/systemd/system"
service start
expect 0 '' "start with systemd"
service start
expect 0 'already running' "start with systemd, running"
service status
expect 0 'active' "status with systemd"
service stop
expect 0 '' "stop with systemd"
service status
expect 3 'inactive' "status with systemd, stopped"
calls=$(grep -v '^is-active' "$rec/systemctl" | tr '\n' ';')
[ "$calls" = "enable --now tenkaid;enable --quiet tenkaid;stop tenkaid;" ] ||
    fail "systemctl was asked: $calls"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all unit checks passed"

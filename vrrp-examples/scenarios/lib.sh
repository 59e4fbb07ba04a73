# Shared helpers for the scenario scripts; sourced, not run.
#
# Topology: one "switch" namespace holding a bridge per segment; every other namespace (router or host)
# is attached to a segment by a veth pair created directly in the two namespaces, so nothing is ever
# created in the root namespace. Segment 0 is 192.0.2.0/24, segment 1 is 198.51.100.0/24 (documentation
# ranges, RFC 5737). Every name starts with a per-run prefix, and cleanup (trap EXIT) stops every
# process it started and every process left in those namespaces, then deletes them.
#
# Waits are bounded polls of kernel state or logs with deadlines derived from the protocol
# (Master_Down_Interval = 3 x advert_int + skew), never sleeps standing in for an assertion; the one
# kind of fixed wait is "nothing must happen within Master_Down_Interval + 1 s" (a no-failback check),
# which cannot be observed any other way.

set -euo pipefail

SCEN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE_DIR=$(dirname "$SCEN_DIR")
REPO_DIR=$(dirname "$MODULE_DIR")
JAR=${VRRP_JAR:-$REPO_DIR/vrrp-tool/target/vrrp.jar}
CONF_DIR=$SCEN_DIR/conf

SCENARIO=${SCENARIO:-$(basename "$0" .sh)}
PFX="vs$$"                     # unique per run: several scenarios may run at once
RUN=$(mktemp -d "/tmp/vrrp-$SCENARIO.XXXXXX")
NAMESPACES=()
PIDS=()
RESULT_PRINTED=0

say() { printf '[%s] %s\n' "$(date +%T.%3N)" "$*"; }

pass() {
    RESULT_PRINTED=1
    echo "PASS: $SCENARIO"
    exit 0
}

fail() {
    RESULT_PRINTED=1
    say "logs are in $RUN"
    echo "FAIL: $SCENARIO: $*"
    KEEP_RUN=1
    exit 1
}

cleanup() {
    local rc=$?
    set +e
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${PIDS[@]}"; do
        # A graceful stop takes well under a second; give it 5 s before SIGKILL.
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    for ns in "${NAMESPACES[@]}"; do
        # Whatever is left inside (notify-started services, keepalived's VRRP child): by pid.
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    if [[ $RESULT_PRINTED == 0 ]]; then
        echo "FAIL: $SCENARIO: script error (exit $rc) before a verdict; logs are in $RUN"
        rc=1
        KEEP_RUN=1
    fi
    [[ ${KEEP_RUN:-0} == 1 || ${KEEP_LOGS:-0} == 1 ]] || rm -rf "$RUN"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

require_root_and_tools() {
    [[ $(id -u) == 0 ]] || fail "must run as root (network namespaces, raw sockets)"
    local t
    for t in ip java keepalived ping "$@"; do
        command -v "$t" >/dev/null || fail "$t is not installed"
    done
    if [[ ! -f $JAR ]]; then
        say "building $JAR"
        (cd "$REPO_DIR" && mvn -B -q -pl vrrp-tool -am package -DskipTests) \
            || fail "build of vrrp.jar failed"
    fi
}

ns() { echo "$PFX-$1"; }

# new_ns NAME: a namespace with lo up and IPv6 DAD off (addresses usable at once).
new_ns() {
    local n; n=$(ns "$1")
    ip netns add "$n"
    NAMESPACES+=("$n")
    ip -n "$n" link set lo up
    ip netns exec "$n" sh -c 'echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad'
}

# new_segments N: the switch namespace with bridges br0..br(N-1).
new_segments() {
    new_ns sw
    local i
    for ((i = 0; i < $1; i++)); do
        ip -n "$(ns sw)" link add "br$i" type bridge forward_delay 0
        ip -n "$(ns sw)" link set "br$i" up
    done
}

seg_prefix() { [[ $1 == 0 ]] && echo 192.0.2 || echo 198.51.100; }

# attach NAME SEG HOSTNUM: NAME's eth<SEG> on bridge br<SEG> with address <seg prefix>.<HOSTNUM>/24.
attach() {
    local n; n=$(ns "$1")
    local port="$1-$2"
    ip link add "eth$2" netns "$n" type veth peer name "$port" netns "$(ns sw)"
    ip -n "$(ns sw)" link set "$port" master "br$2" up
    ip -n "$n" addr add "$(seg_prefix "$2").$3/24" dev "eth$2"
    ip -n "$n" link set "eth$2" up
}

# set_port NAME SEG up|down: the switch side of NAME's eth<SEG>; down means NAME loses carrier.
set_port() { ip -n "$(ns sw)" link set "$1-$2" "$3"; }

forwarding() { ip netns exec "$(ns "$1")" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'; }

# conf TEMPLATE OUT KEY=VALUE...: a config template of conf/ with @KEY@ replaced.
conf() {
    local template=$CONF_DIR/$1 out=$2; shift 2
    cp "$template" "$out"
    local kv
    for kv in "$@"; do
        sed -i "s|@${kv%%=*}@|${kv#*=}|g" "$out"
    done
    if grep -q '@[A-Z]*@' "$out"; then fail "unfilled placeholder in $out: $(grep -o '@[A-Z]*@' "$out" | head -1)"; fi
}

# start_vrrp NAME CONF: our tool in NAME's namespace; log in $RUN/NAME.log, control socket $RUN/NAME.sock
# (`vrrp status --socket $RUN/NAME.sock`); the default socket path is one per host.
start_vrrp() {
    ip netns exec "$(ns "$1")" java -jar "$JAR" run -f "$2" --control-socket "$RUN/$1.sock" >"$RUN/$1.log" 2>&1 &
    PIDS+=($!)
    eval "PID_$1=$!"
}

# start_keepalived NAME CONF [NAMESPACE]: keepalived (VRRP process only, foreground) in NAME's namespace
# (or NAMESPACE's, to run it in place of another router); log in $RUN/NAME.log.
start_keepalived() {
    ip netns exec "$(ns "${3:-$1}")" keepalived --dont-fork --log-console --log-detail --vrrp \
        -p "$RUN/$1.pid" -r "$RUN/$1-vrrp.pid" -c "$RUN/$1-checkers.pid" -f "$2" >"$RUN/$1.log" 2>&1 &
    PIDS+=($!)
    eval "PID_$1=$!"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.1 s; fails the scenario at the deadline.
wait_until() {
    local secs=$1 what=$2; shift 2
    local deadline=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "$what: not within ${secs}s"
        sleep 0.1
    done
}

# has_vip NAME DEV ADDR: the kernel of NAME has ADDR on DEV. (No "| grep -q": grep quitting early
# makes the writer die of SIGPIPE, which pipefail turns into a false negative.)
has_vip() { [[ $(ip -n "$(ns "$1")" -o addr show dev "$2") == *" $3/"* ]]; }
no_vip() { ! has_vip "$@"; }

# log_has NAME TEXT [AFTER_LINE]: the log of NAME contains TEXT after line AFTER_LINE (a log_lines
# result taken before the event, so that a line printed earlier does not count).
log_has() { awk -v after="${3:-0}" -v text="$2" 'NR > after && index($0, text) { found = 1; exit }
    END { exit !found }' "$RUN/$1.log"; }
log_lines() { wc -l <"$RUN/$1.log"; }

# start_ping FROM TARGET TAG: 100 pings a second, timestamped, in the background.
start_ping() {
    ip netns exec "$(ns "$1")" ping -D -n -i 0.01 "$2" >"$RUN/ping-$3.txt" 2>&1 &
    eval "PING_$3=$!"
    PIDS+=($!)
    wait_until 5 "first ping reply from $2" grep -q "bytes from" "$RUN/ping-$3.txt"
}

# report_ping TAG WHAT: stops the ping (in this shell, so that its summary is written before it is read)
# and says how many replies were lost and the longest gap between two replies: the outage as hosts see it.
# Sets GAP_<TAG> (ms) and LOST_<TAG>.
report_ping() {
    local pid; eval "pid=\$PING_$1"
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local sent lost gap
    read -r sent lost gap < <(awk '
        /bytes from/ { gsub(/[\[\]]/, "", $1); t = $1 + 0; if (last) { g = t - last; if (g > max) max = g }; last = t; got++ }
        /packets transmitted/ { sent = $1 }
        END { printf "%d %d %d\n", sent, sent - got, max * 1000 }' "$RUN/ping-$1.txt")
    say "$2: $lost of $sent pings lost, longest gap between replies ${gap} ms"
    eval "GAP_$1=$gap LOST_$1=$lost"
}

# transitions NAME: the "(INSTANCE) FROM -> TO: reason" lines of our tool's log.
transitions() { grep -E '\) [A-Z]+ -> [A-Z]+' "$RUN/$1.log" | sed 's/^.*\] //' || true; }

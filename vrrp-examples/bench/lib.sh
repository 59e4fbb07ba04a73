# Common functions of the network benchmarks (issue 6). Sourced by the scripts beside it; not run alone.
# Needs root (network namespaces). Every script calls bench_init, which installs a trap that kills the
# processes it started (by pid) and deletes its namespaces, whatever happens.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/../.." && pwd)"
JAR="$REPO/vrrp-tool/target/vrrp.jar"
# The bench drivers (org.vrrp.examples.bench) run on the tool's jar plus the example classes.
CP="$JAR:$REPO/vrrp-examples/target/vrrp-examples.jar"
P="vb$$"
WORK=""
PIDS=()
NAMESPACES=()

bench_init() {
  if [ "$(id -u)" != 0 ]; then echo "$0: needs root (network namespaces)" >&2; exit 1; fi
  WORK="$(mktemp -d "/tmp/vrrp-bench-$1.XXXXXX")"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  OUT_DATA="${BENCH_DATA:-$REPO/docs/bench-data}"   # raw figures
  OUT_IMG="${BENCH_IMG:-$REPO/docs/img}"            # charts
  mkdir -p "$OUT_DATA" "$OUT_IMG"
  bench_tools
  bench_build
}

bench_tools() {
  local missing=()
  command -v keepalived >/dev/null || missing+=(keepalived)
  command -v tcpdump >/dev/null || missing+=(tcpdump)
  command -v ping >/dev/null || missing+=(iputils-ping)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

bench_build() {
  if [ ! -f "$JAR" ] || [ ! -f "${CP#*:}" ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
    echo "== building $JAR"
    (cd "$REPO" && mvn -B -q -pl vrrp-examples -am package -DskipTests)
  fi
}

bench_cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  [ ${#PIDS[@]} -gt 0 ] && sleep 0.5
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "(kept $WORK)"; else rm -rf "$WORK"; fi
  exit $rc
}

# ns NAME: creates namespace $P-NAME with lo up.
ns() {
  ip netns add "$P-$1"
  NAMESPACES+=("$P-$1")
  ip -n "$P-$1" link set lo up
}

# bridge NAME: a bridge in the switch namespace, no multicast snooping.
bridge() {
  ip -n "$P-sw" link add "$1" type bridge mcast_snooping 0 forward_delay 0
  ip -n "$P-sw" link set "$1" up
}

# port HOST IFNAME BRIDGE PORTNAME ADDR/LEN: a veth from HOST's IFNAME to the switch bridge.
port() {
  ip -n "$P-sw" link add "$4" type veth peer name "$2" netns "$P-$1"
  ip -n "$P-sw" link set "$4" master "$3" up
  ip -n "$P-$1" addr add "$5" dev "$2"
  ip -n "$P-$1" link set "$2" up
}

# start_router IMPL HOST CONF LOG [EXTRA...]: starts keepalived or ours (vrrp run -f) in $P-HOST;
# sets STARTED_PID. EXTRA for ours: words put before "run" (BenchJvm options); RUN_FLAGS (ours only):
# words put after it, e.g. RUN_FLAGS=--hand-over.
start_router() {
  local impl=$1 host=$2 conf=$3 log=$4
  shift 4
  if [ "$impl" = keepalived ]; then
    ip netns exec "$P-$host" keepalived --dont-fork --log-console --log-detail --vrrp \
      --pid "$WORK/$host.kpid" --vrrp_pid "$WORK/$host.vpid" --checkers_pid "$WORK/$host.cpid" \
      --use-file "$conf" >"$log" 2>&1 &
  elif [ $# -gt 0 ]; then
    ip netns exec "$P-$host" java ${JAVA_OPTS:-} -cp "$CP" org.vrrp.examples.bench.BenchJvm "$@" -- \
      run -f "$conf" --control-socket "$WORK/$host.sock" ${RUN_FLAGS:-} >"$log" 2>&1 &
  else
    ip netns exec "$P-$host" java ${JAVA_OPTS:-} -jar "$JAR" run -f "$conf" --control-socket "$WORK/$host.sock" \
      ${RUN_FLAGS:-} >"$log" 2>&1 &
  fi
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

# forget_pid PID: the process has ended; the trap must not signal its number again (it may be reused).
forget_pid() {
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# stop_pid PID: SIGTERM and wait for it (at most 10 s, then SIGKILL).
stop_pid() {
  if kill -TERM "$1" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || true
  forget_pid "$1"
}

# has_addr HOST ADDR: true if ADDR is on an interface of $P-HOST.
# (not `ip | grep -q`: grep -q exits at the first match, ip may then die of SIGPIPE, and pipefail says false)
has_addr() { grep -q " $2/" <<<"$(ip -n "$P-$1" -4 -o addr show)"; }

# wait_addr HOST ADDR SECONDS [absent]: waits until ADDR is (or is not) on HOST.
wait_addr() {
  local end=$(( $(date +%s%N) + $3 * 1000000000 ))
  while [ "$(date +%s%N)" -lt "$end" ]; do
    if [ "${4:-}" = absent ]; then has_addr "$1" "$2" || return 0; else has_addr "$1" "$2" && return 0; fi
    sleep 0.05
  done
  return 1
}

# wait_files SECONDS FILE...: waits until every FILE is non-empty (BenchJvm writes its stats file once, at the end
# of its stats window), at most SECONDS; the caller reads what is there either way.
wait_files() {
  local limit=$1 f missing _
  shift
  for _ in $(seq 1 $(( limit * 10 ))); do
    missing=""
    for f in "$@"; do [ -s "$f" ] || { missing=$f; break; }; done
    [ -z "$missing" ] && return 0
    sleep 0.1
  done
  return 0
}

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# max_gap PINGLOG: the longest gap in seconds between consecutive replies of `ping -D`, and its end
# time (epoch s), as "GAP END".
max_gap() {
  awk '/bytes from/ { t = substr($1, 2, length($1) - 2) + 0; if (p && t - p > g) { g = t - p; e = t }; p = t }
       END { printf "%.3f %.6f\n", g, e }' "$1"
}

# stats: reads numbers (one a line), prints "median min max n".
stats() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan nan nan 0"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f %d\n", m, v[1], v[NR], NR }'
}

# percentiles: reads numbers, prints "p50 p99 max n" (nearest rank).
percentiles() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan nan nan 0"; exit }
    i50 = int(0.50 * NR + 0.999999); i99 = int(0.99 * NR + 0.999999); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1;
    printf "%.3f %.3f %.3f %d\n", v[i50], v[i99], v[NR], NR }'
}

# machine_line: date, CPU model, cores, kernel, load average, Java and keepalived versions.
machine_line() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, kernel $(uname -r)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "busiest processes at start (%CPU since their start): $(ps -eo pcpu=,comm= --sort=-pcpu | head -3 | awk '{ printf "%s %s%%; ", $2, $1 }')"
  echo "java: $(java -version 2>&1 | head -1); keepalived: $(keepalived --version 2>&1 | head -1)"
}

# The two-segment network of failover.sh and takeover.sh -w:
#   hostA 192.0.2.10 --- seg0 (br0) ---+--- r1 eth0 .1 / eth1 .1 ---+--- seg1 (br1) --- hostB 198.51.100.10
#                                      +--- r2 eth0 .2 / eth1 .2 ---+
# with r1 and r2 in a sync group of SEG0 (vrid 51, VIP 192.0.2.254) and SEG1 (vrid 52, VIP 198.51.100.254).

# twoseg_conf NAME PRIORITY VERSION ADVERT [keepalived-health]: the keepalived.conf of a router.
twoseg_conf() {
  local name=$1 prio=$2 version=$3 advert=$4 health=${5:-}
  local auth=""
  [ "$version" = 2 ] && auth="  authentication {
    auth_type PASS
    auth_pass bench6
  }"
  echo "global_defs {
  router_id $name
  vrrp_version $version"
  if [ -n "$health" ]; then
    echo "  enable_script_security
  script_user root
}
vrrp_script app {
  script \"/bin/sh -c '! test -e $WORK/$name.unhealthy'\"
  interval 1
  fall 1
  rise 1
  weight 0
}"
  else
    echo "}"
  fi
  echo "vrrp_sync_group G {
  group {
    SEG0
    SEG1
  }
}"
  local i=0
  for seg in SEG0:eth0:51:192.0.2.254/24 SEG1:eth1:52:198.51.100.254/24; do
    IFS=: read -r iname dev vrid vip <<<"$seg"
    echo "vrrp_instance $iname {
  state BACKUP
  interface $dev
  virtual_router_id $vrid
  priority $prio
  advert_int $advert
  nopreempt
$auth
  virtual_ipaddress {
    $vip
  }"
    [ -n "$health" ] && printf '  track_script {\n    app\n  }\n'
    echo "}"
  done
}

twoseg_network() {
  ns sw; ns hostA; ns hostB; ns r1; ns r2
  bridge br0; bridge br1
  port hostA eth0 br0 a0 192.0.2.10/24
  port hostB eth0 br1 b1 198.51.100.10/24
  for r in 1 2; do
    port r$r eth0 br0 r${r}s0 192.0.2.$r/24
    port r$r eth1 br1 r${r}s1 198.51.100.$r/24
    ip netns exec "$P-r$r" sysctl -qw net.ipv4.ip_forward=1
  done
  ip -n "$P-hostA" route add default via 192.0.2.254
  ip -n "$P-hostB" route add default via 198.51.100.254
}


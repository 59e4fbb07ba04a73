#!/usr/bin/env bash
# Scale benchmark, ours vs keepalived 2.2.7 (issue 6 item 4; issue 17 item 5): one process runs N virtual
# routers (VRRPv3, advert_int 0.1, priority 200, one /32 or /128 VIP each) as master, spread evenly over
# I interfaces (default 255 on one: VRID 1..255 on eth0, 2,550 adverts/s). Each interface eth0..eth(I-1)
# of the router's namespace is on its own bridge (the same VRID is used on every interface, so they must
# not hear each other). VRIDs are 1..255 per interface and family, and only 192.0.2.0/24 and
# 198.51.100.0/24 may be used for IPv4: an interface is IPv4 while the IPv4 pool (198.51.100.1..254, then
# 192.0.2.5..254; the interfaces' own addresses are 192.0.2.1..4) still holds a VIP for each of its
# instances, otherwise IPv6 (VIPs 2001:db8:K::VRID/128 on ethK, source the link-local). So 1,000 over 4
# interfaces is 500 IPv4 instances (eth0, eth1) and 500 IPv6 ones (eth2, eth3).
# Both run the same keepalived.conf text (ours: `vrrp run -f`, one VrrpRouter with all instances, one
# protocol thread, inside BenchJvm, which only measures). After a warm-up of WARM s, for WINDOW s (default 60):
#   CPU of the process from /proc/PID/stat (utime+stime, all its processes and threads), divided by the
#   adverts it sent in the window (the advert rate counted in the captures, times the window), and the
#   kernel's part of it alone (stime: the sends, and the softirqs that forward the frames in its context;
#   the kernel apportions user and system time from tick samples, which can alias with a process that
#   wakes periodically, as ours does: see docs/benchmarks-network.md before trusting it for ours);
#   advert interval jitter, |interval - 100 ms| per interface and VRID, p50/p99/max, from a nanosecond
#   tcpdump capture on each of the router's bridge ports;
#   RSS at the end (keepalived: its two processes together, and the VRRP child alone); for ours also the
#   heap used after a System.gc() at the end of the window and the bytes the JVM's threads allocated in
#   the window (allocation rate).
# keepalived and ours alternate (the order alternates per repetition). Draws docs/img/scale[-N].png; raw
# figures in docs/bench-data/scale[-N].txt (no suffix for the default 255).
#
# usage: sudo vrrp-examples/bench/scale.sh [-n REPS] [-w WINDOW_S] [-i INSTANCES] [-f INTERFACES]
#        [-o ours|keepalived]   (only one of them, for trying changes; not for published figures)
#        [-r RT_PRIORITY]       (vrrp_rt_priority RT_PRIORITY in global_defs, so both run their VRRP work at
#                                SCHED_RR: keepalived its VRRP process, ours its protocol thread; the figures
#                                go to scale[-N]-rtRT_PRIORITY.txt). With it, also vrrp_rlimit_rttime 60000000:
#                                keepalived's default RLIMIT_RTTIME (10 ms of CPU without blocking) kills its
#                                VRRP process while it starts 1,000 instances ("exited due to signal 9 ... has
#                                rlimit_rttime been exceeded?"); ours warns that it does not apply it.
#        (default: 1 rep, 60 s, 255 instances on 1 interface, both; issue 17: -i 1000 -f 4)
source "$(dirname "$0")/lib.sh"
REPS=1; WINDOW=60; WARM=15; COUNT=255; IFACES=1; ONLY=""; RT=""
# Ours' stats window (BenchJvm: allocation, and the heap after the System.gc() that ends it) runs from WARM s after
# the JVM started to STATS_TAIL s after the capture would end if every instance were master at once: the JVM takes
# about 2 s to get there, so its full collection (a 29 ms pause of the protocol thread) falls after the capture, not
# in its last seconds, where it used to add about 450 intervals over 1 ms to ours' jitter.
STATS_TAIL=12
while getopts n:w:i:f:o:r: o; do
  case $o in
    n) REPS=$OPTARG ;; w) WINDOW=$OPTARG ;; i) COUNT=$OPTARG ;; f) IFACES=$OPTARG ;; o) ONLY=$OPTARG ;;
    r) RT=$OPTARG ;;
    *) exit 2 ;;
  esac
done
PER=$(( (COUNT + IFACES - 1) / IFACES ))
if [ "$IFACES" -lt 1 ] || [ "$IFACES" -gt 4 ] || [ "$PER" -gt 255 ] || [ "$COUNT" -lt 1 ]; then
  echo "$0: -i $COUNT -f $IFACES: need 1..4 interfaces and at most 255 instances per interface (VRIDs 1..255)" >&2
  exit 2
fi
SUFFIX=""; [ "$COUNT" = 255 ] && [ "$IFACES" = 1 ] || SUFFIX="-$COUNT"
[ -n "$RT" ] && SUFFIX="$SUFFIX-rt$RT"
bench_init scale
TCK=$(getconf CLK_TCK)

# The IPv4 VIP pool, in order.
V4_POOL=()
for a in $(seq 1 254); do V4_POOL+=("198.51.100.$a"); done
for a in $(seq 5 254); do V4_POOL+=("192.0.2.$a"); done

# layout: one line per interface, "IFNAME FAMILY COUNT FIRST_POOL_INDEX".
layout() {
  local k left=$COUNT used=0 n fam
  for k in $(seq 0 $((IFACES - 1))); do
    n=$(( left < PER ? left : PER )); left=$((left - n))
    if [ $((used + n)) -le ${#V4_POOL[@]} ]; then
      echo "eth$k 4 $n $used"; used=$((used + n))
    else
      echo "eth$k 6 $n -"
    fi
  done
}

conf() {
  echo "global_defs {
  router_id scale
  vrrp_version 3${RT:+
  vrrp_rt_priority $RT
  vrrp_rlimit_rttime 60000000}
}"
  local dev fam n first v vip
  while read -r dev fam n first; do
    for v in $(seq 1 "$n"); do
      if [ "$fam" = 4 ]; then vip="${V4_POOL[$((first + v - 1))]}/32"
      else vip="$(printf '2001:db8:%x::%x/128' "${dev#eth}" "$v")"; fi
      echo "vrrp_instance ${dev}_V$v {
  state BACKUP
  interface $dev
  virtual_router_id $v
  priority 200
  advert_int 0.1
  virtual_ipaddress {
    $vip
  }
}"
    done
  done < <(layout)
}

# clock ticks of a process and its children, summed over the fields of /proc/PID/stat that the awk
# expression $2 adds up (after the "pid (comm) " prefix: $12 utime, $13 stime)
ticks() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk "{ print $2 }")))
  done
  echo "$total"
}
# cpu_ticks PID: utime+stime of PID and its child processes, in clock ticks.
cpu_ticks() { ticks "$1" '$12 + $13'; }
# the kernel's part of cpu_ticks (stime): system calls, and softirqs run in the process's context, such as the
# forwarding of its frames through veth and bridge
sys_ticks() { ticks "$1" '$13'; }
rss_kb() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/status" ] && total=$((total + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status")))
  done
  echo "$total"
}

# mib KB: kibibytes as mebibytes with one decimal (keepalived's RSS grows by less than 1 MiB per 1,000 instances).
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# vip_count: the /32 and /128 addresses on the router's interfaces (lo's ::1 is not one of them).
vip_count() {
  local n; n=$(ip -n "$P-r1" -o addr show 2>/dev/null | grep -v ' lo ' | grep -c -E '/(32|128) ' || true)
  echo "$n"
}

one_run() {
  local impl=$1 rep=$2 tag="$1-$2"
  ns sw; ns r1
  # IPv6 instances send from the link-local address, which must not wait for DAD
  ip netns exec "$P-r1" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
  local k
  for k in $(seq 0 $((IFACES - 1))); do
    bridge "br$k"
    port r1 "eth$k" "br$k" "r1s$k" "192.0.2.$((k + 1))/24"
  done
  conf >"$WORK/scale.conf"
  if [ "$impl" = ours ]; then
    start_router ours r1 "$WORK/scale.conf" "$WORK/$tag.log" --stats-after "$WARM" --stats-window "$((WINDOW + STATS_TAIL))" \
      --stats-out "$WORK/$tag.jvm"
  else
    start_router keepalived r1 "$WORK/scale.conf" "$WORK/$tag.log"
  fi
  local pid=$STARTED_PID
  # keepalived takes about 20 s to make 1,000 instances master (ours about 2 s, the JVM start included): the warm-up
  # starts when every VIP is in the kernel (at most 120 s), so both are measured in steady state
  local up0; up0=$(date +%s%N)
  local masters=0
  for _ in $(seq 1 1200); do
    masters=$(vip_count)
    [ "$masters" -ge "$COUNT" ] && break
    sleep 0.1
  done
  local all_up_s; all_up_s=$(awk -v a="$up0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  sleep "$WARM"
  masters=$(vip_count)
  local caps=()
  for k in $(seq 0 $((IFACES - 1))); do
    ip netns exec "$P-sw" tcpdump -i "r1s$k" -n -B 32768 --time-stamp-precision=nano -w "$WORK/$tag.eth$k.pcap" \
      'ip proto 112 or ip6 proto 112' 2>"$WORK/$tag.eth$k.tcpdump" &
    caps+=("$!"); PIDS+=("$!")
  done
  local c0; c0=$(cpu_ticks "$pid")
  local k0; k0=$(sys_ticks "$pid")
  local t0; t0=$(date +%s%N)
  sleep "$WINDOW"
  local c1; c1=$(cpu_ticks "$pid")
  local k1; k1=$(sys_ticks "$pid")
  local t1; t1=$(date +%s%N)
  local cap
  for cap in "${caps[@]}"; do kill -INT "$cap"; wait "$cap" 2>/dev/null || true; forget_pid "$cap"; done
  local rss; rss=$(rss_kb "$pid")
  local rss_child=0
  [ "$impl" = keepalived ] && rss_child=$(awk '/^VmRSS/ { print $2 }' "/proc/$(cat "$WORK/r1.vpid")/status")
  if [ "$impl" = ours ]; then   # BenchJvm writes its stats at WARM + WINDOW + STATS_TAIL s after the JVM started
    wait_files $(( STATS_TAIL + 5 )) "$WORK/$tag.jvm"
  fi
  stop_pid "$pid"
  for n in "${NAMESPACES[@]}"; do ip netns del "$n"; done; NAMESPACES=()
  # one router per bridge: every advert in a port's capture is the router's (IPv6 ones come from the
  # link-local address, so no source filter); the VRID key is prefixed with the interface
  : >"$WORK/$tag.jit"
  for k in $(seq 0 $((IFACES - 1))); do
    tcpdump -tt -n --time-stamp-precision=nano -r "$WORK/$tag.eth$k.pcap" 2>/dev/null >"$WORK/$tag.eth$k.txt"
    awk -v src= -v nominal=100 -f "$BENCH_DIR/jitter.awk" "$WORK/$tag.eth$k.txt" \
      | awk -v k="$k" '{ $1 = "eth" k "/" $1; print }' >>"$WORK/$tag.jit"
  done
  # adverts per second: the sum over the VRIDs of intervals / span in the capture (tcpdump starts a
  # little after the CPU window does, so the count of the capture is not the count of the window)
  local rate; rate=$(awk '{ v = $1; n[v]++; s[v] += $2 } END { for (v in n) r += n[v] / (s[v] / 1000); printf "%.1f", r }' \
    "$WORK/$tag.jit")
  local p50 p99 max n
  read -r p50 p99 max n < <(awk '{ print $3 }' "$WORK/$tag.jit" | percentiles)
  local secs; secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  local cpu_s; cpu_s=$(awk -v c=$((c1 - c0)) -v t="$TCK" 'BEGIN { printf "%.2f", c / t }')
  local us_per; us_per=$(awk -v c="$cpu_s" -v r="$rate" -v s="$secs" 'BEGIN { printf "%.1f", (r > 0 ? c * 1e6 / (r * s) : 0) }')
  local pct; pct=$(awk -v c="$cpu_s" -v s="$secs" 'BEGIN { printf "%.1f", 100 * c / s }')
  local sys_per; sys_per=$(awk -v c=$((k1 - k0)) -v t="$TCK" -v r="$rate" -v s="$secs" \
    'BEGIN { printf "%.1f", (r > 0 ? c / t * 1e6 / (r * s) : 0) }')
  local heap="-" alloc="-"
  if [ -f "$WORK/$tag.jvm" ]; then
    heap=$(awk -F= '$1 == "heap_after_gc_bytes" { printf "%.1f", $2 / 1048576 }' "$WORK/$tag.jvm")
    alloc=$(awk -F= '$1 == "vrrp_alloc_mb_per_s" { printf "%.3f", $2 }' "$WORK/$tag.jvm")
  fi
  local dropped; dropped=$(cat "$WORK/$tag".eth*.tcpdump | grep -o '[0-9]* packets dropped by kernel' | awk '{ d += $1 } END { print d + 0 }')
  local child="-"; [ "$impl" = keepalived ] && child=$(mib "$rss_child")
  echo "$impl $rep $masters $all_up_s $rate $secs $cpu_s $pct $us_per $p50 $p99 $max $(mib "$rss") $child $heap $alloc ${dropped:-?} $sys_per"
  cp "$WORK/$tag.jit" "$WORK/last-$impl.jit"
}

echo "== scale benchmark: $COUNT instances on $IFACES interface(s) at 100 ms, ${WINDOW} s window after ${WARM} s warm-up, $REPS repetition(s)"
machine_line | tee "$WORK/machine.txt"
RESULTS="$WORK/results.txt"; : >"$RESULTS"
HDR="impl rep masters all_master_s adverts/s window_s cpu_s cpu_% cpu_us/advert jitter_p50_ms jitter_p99_ms jitter_max_ms rss_MiB rss_vrrp_child_MiB heap_after_gc_MiB alloc_MB/s tcpdump_dropped kernel_us/advert"
echo "$HDR" | column -t
for rep in $(seq 1 "$REPS"); do
  if [ $((rep % 2)) = 1 ]; then order="keepalived ours"; else order="ours keepalived"; fi
  [ -n "$ONLY" ] && order=$ONLY
  for impl in $order; do
    one_run "$impl" "$rep" >"$WORK/line"   # not $(...): its namespaces and pids must reach the trap
    line=$(cat "$WORK/line")
    echo "$line" | tee -a "$RESULTS"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/machine.txt"
echo
{ echo "$HDR"; cat "$RESULTS"; } | column -t
{ cat "$WORK/machine.txt"; echo "command: $0 -n $REPS -w $WINDOW -i $COUNT -f $IFACES${RT:+ -r $RT}"; echo "layout (interface family instances first-IPv4-pool-index):"; layout | sed 's/^/  /'; echo "# $HDR"; cat "$RESULTS"; } >"$OUT_DATA/scale$SUFFIX.txt"

# chart: CPU per advert (left), jitter percentiles (right), medians over the repetitions
med() { awk -v i="$1" -v c="$2" '$1 == i { print $c }' "$RESULTS" | stats | cut -d' ' -f1; }
{
  echo "\"keepalived 2.2.7\" $(med keepalived 9) $(med keepalived 10) $(med keepalived 11) $(med keepalived 12)"
  echo "\"vrrp (ours)\" $(med ours 9) $(med ours 10) $(med ours 11) $(med ours 12)"
} >"$WORK/plot.dat"
gnuplot <<GP
set terminal pngcairo size 1000,450 font "sans,11"
set output "$OUT_IMG/scale$SUFFIX.png"
set multiplot layout 1,2 title "$COUNT VRRPv3 instances on $IFACES interface(s) at 100 ms adverts in one process ($((COUNT * 10)) adverts/s), ${WINDOW} s${RT:+, vrrp_rt_priority $RT}"
set style fill solid 0.8 border -1
set grid ytics
set yrange [0:*]
set boxwidth 0.6
set title "CPU per advert sent (µs)"
unset key
plot "$WORK/plot.dat" using 0:2:(\$0 == 0 ? 0xd95f02 : 0x1b9e77):xtic(1) with boxes lc rgb variable, \
     "" using 0:2:(sprintf("%.1f", \$2)) with labels offset 0,0.7
set title "advert interval jitter |interval - 100 ms| (ms)"
set style data histogram
set style histogram clustered gap 1
set key top left
set logscale y
set yrange [0.001:*]
plot "$WORK/plot.dat" using 3:xtic(1) title "p50" lc rgb "#66c2a5", "" using 4 title "p99" lc rgb "#fc8d62", \
     "" using 5 title "max" lc rgb "#8da0cb"
unset multiplot
GP
echo "wrote $OUT_IMG/scale$SUFFIX.png and $OUT_DATA/scale$SUFFIX.txt"

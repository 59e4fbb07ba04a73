#!/usr/bin/env bash
# Scale benchmark, ours vs keepalived 2.2.7 (issue 6, item 4): one process runs 255 virtual routers
# (VRID 1..255, VRRPv3, advert_int 0.1, one /32 VIP each) on one interface as master, 2,550 adverts/s.
# Both run the same keepalived.conf text (ours: `vrrp run -f`, one VrrpRouter with 255 instances, one
# socket and one protocol thread, inside BenchJvm, which only measures). After a warm-up of WARM s, for
# WINDOW s (default 60):
#   CPU of the process from /proc/PID/stat (utime+stime, all its processes and threads), divided by the
#   adverts it sent in the window (the advert rate counted in a capture, times the window);
#   advert interval jitter, |interval - 100 ms| per VRID, p50/p99/max, from a nanosecond tcpdump capture
#   on the router's bridge port;
#   RSS at the end; for ours also the heap used after a System.gc() at the end of the window and the
#   bytes the JVM's threads allocated in the window (allocation rate).
# keepalived and ours alternate (the order alternates per repetition). Draws docs/img/scale.png; raw
# figures in docs/bench-data/scale.txt.
#
# usage: sudo vrrp-examples/bench/scale.sh [-n REPS] [-w WINDOW_S]     (default: 1 rep, 60 s)
source "$(dirname "$0")/lib.sh"
REPS=1; WINDOW=60; WARM=15
while getopts n:w: o; do case $o in n) REPS=$OPTARG ;; w) WINDOW=$OPTARG ;; *) exit 2 ;; esac; done
bench_init scale
TCK=$(getconf CLK_TCK)

conf() {
  echo "global_defs {
  router_id scale
  vrrp_version 3
}"
  for v in $(seq 1 255); do
    local vip="198.51.100.$v/32"; [ "$v" = 255 ] && vip="203.0.113.1/32"
    echo "vrrp_instance V$v {
  state BACKUP
  interface eth0
  virtual_router_id $v
  priority 200
  advert_int 0.1
  virtual_ipaddress {
    $vip
  }
}"
  done
}

# cpu_ticks PID: utime+stime of PID and its child processes, in clock ticks.
cpu_ticks() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}
rss_kb() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/status" ] && total=$((total + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status")))
  done
  echo "$total"
}

one_run() {
  local impl=$1 rep=$2 tag="$1-$2"
  ns sw; ns r1
  bridge br0
  port r1 eth0 br0 r1s0 192.0.2.1/24
  conf >"$WORK/scale.conf"
  if [ "$impl" = ours ]; then
    start_router ours r1 "$WORK/scale.conf" "$WORK/$tag.log" --stats-after "$WARM" --stats-window "$WINDOW" \
      --stats-out "$WORK/$tag.jvm"
  else
    start_router keepalived r1 "$WORK/scale.conf" "$WORK/$tag.log"
  fi
  local pid=$STARTED_PID
  sleep "$WARM"
  local masters; masters=$(ip -n "$P-r1" -4 -o addr show dev eth0 | grep -c '/32' || true)
  ip netns exec "$P-sw" tcpdump -i r1s0 -n -B 32768 --time-stamp-precision=nano -w "$WORK/$tag.pcap" vrrp \
    2>"$WORK/$tag.tcpdump" & local cap=$!
  PIDS+=("$cap")
  local c0; c0=$(cpu_ticks "$pid")
  local t0; t0=$(date +%s%N)
  sleep "$WINDOW"
  local c1; c1=$(cpu_ticks "$pid")
  local t1; t1=$(date +%s%N)
  kill -INT "$cap"; wait "$cap" 2>/dev/null || true; forget_pid "$cap"
  local rss; rss=$(rss_kb "$pid")
  sleep 1.5   # BenchJvm writes its stats at WARM + WINDOW s after the JVM started
  stop_pid "$pid"
  for n in "${NAMESPACES[@]}"; do ip netns del "$n"; done; NAMESPACES=()
  tcpdump -tt -n --time-stamp-precision=nano -r "$WORK/$tag.pcap" 2>/dev/null >"$WORK/$tag.txt"
  awk -v src=192.0.2.1 -v nominal=100 -f "$BENCH_DIR/jitter.awk" "$WORK/$tag.txt" >"$WORK/$tag.jit"
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
  local heap="-" alloc="-"
  if [ -f "$WORK/$tag.jvm" ]; then
    heap=$(awk -F= '$1 == "heap_after_gc_bytes" { printf "%.1f", $2 / 1048576 }' "$WORK/$tag.jvm")
    alloc=$(awk -F= '$1 == "vrrp_alloc_mb_per_s" { printf "%.3f", $2 }' "$WORK/$tag.jvm")
  fi
  local dropped; dropped=$(grep -o '[0-9]* packets dropped by kernel' "$WORK/$tag.tcpdump" | awk '{ print $1 }')
  echo "$impl $rep $masters $rate $secs $cpu_s $pct $us_per $p50 $p99 $max $((rss / 1024)) $heap $alloc ${dropped:-?}"
  cp "$WORK/$tag.jit" "$WORK/last-$impl.jit"
}

echo "== scale benchmark: 255 instances at 100 ms, ${WINDOW} s window after ${WARM} s warm-up, $REPS repetition(s)"
machine_line | tee "$WORK/machine.txt"
RESULTS="$WORK/results.txt"; : >"$RESULTS"
HDR="impl rep masters adverts/s window_s cpu_s cpu_% cpu_us/advert jitter_p50_ms jitter_p99_ms jitter_max_ms rss_MiB heap_after_gc_MiB alloc_MB/s tcpdump_dropped"
echo "$HDR" | column -t
for rep in $(seq 1 "$REPS"); do
  if [ $((rep % 2)) = 1 ]; then order="keepalived ours"; else order="ours keepalived"; fi
  for impl in $order; do
    one_run "$impl" "$rep" >"$WORK/line"   # not $(...): its namespaces and pids must reach the trap
    line=$(cat "$WORK/line")
    echo "$line" | tee -a "$RESULTS"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/machine.txt"
echo
{ echo "$HDR"; cat "$RESULTS"; } | column -t
{ cat "$WORK/machine.txt"; echo "command: $0 -n $REPS -w $WINDOW"; echo "# $HDR"; cat "$RESULTS"; } >"$OUT_DATA/scale.txt"

# chart: CPU per advert (left), jitter percentiles (right), medians over the repetitions
med() { awk -v i="$1" -v c="$2" '$1 == i { print $c }' "$RESULTS" | stats | cut -d' ' -f1; }
{
  echo "\"keepalived 2.2.7\" $(med keepalived 8) $(med keepalived 9) $(med keepalived 10) $(med keepalived 11)"
  echo "\"vrrp (ours)\" $(med ours 8) $(med ours 9) $(med ours 10) $(med ours 11)"
} >"$WORK/plot.dat"
gnuplot <<GP
set terminal pngcairo size 1000,450 font "sans,11"
set output "$OUT_IMG/scale.png"
set multiplot layout 1,2 title "255 VRRPv3 instances at 100 ms adverts in one process (2,550 adverts/s), ${WINDOW} s"
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
echo "wrote $OUT_IMG/scale.png and $OUT_DATA/scale.txt"

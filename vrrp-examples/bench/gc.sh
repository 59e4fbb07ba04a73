#!/usr/bin/env bash
# Timing under GC pressure (issue 6, item 5): a master (r1, priority 100) and a backup (r2, priority 10)
# of ours, VRRPv3 at 50 ms adverts, one instance (vrid 51, VIP 192.0.2.254/24, state BACKUP, nopreempt),
# each in a JVM (BenchJvm) whose application threads allocate ALLOC MB/s (default 600) of short- and
# some longer-lived objects, with the default collector (or JAVA_OPTS) - for DURATION s (default 300).
# Reports: false failovers (state changes after start-up in either log, adverts from the backup in
# the capture), the master's advert interval jitter |interval - 50 ms| p50/p99/max from a nanosecond
# capture on its bridge port, the allocation rate the application threads reached, GC counts and the
# longest GC pause (from -Xlog:gc). Draws docs/img/gc-jitter.png; raw figures in docs/bench-data/gc.txt.
#
# usage: sudo vrrp-examples/bench/gc.sh [-d DURATION_S] [-a ALLOC_MB_PER_S]
#        (JAVA_OPTS=... selects collector settings; the default is none: the JVM's default collector)
source "$(dirname "$0")/lib.sh"
DURATION=300; ALLOC=600; WARM=8
while getopts d:a: o; do case $o in d) DURATION=$OPTARG ;; a) ALLOC=$OPTARG ;; *) exit 2 ;; esac; done
bench_init gc

conf() {
  echo "global_defs {
  router_id $1
  vrrp_version 3
}
vrrp_instance SEG0 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority $2
  advert_int 0.05
  nopreempt
  virtual_ipaddress {
    192.0.2.254/24
  }
}"
}

echo "== GC pressure: master and backup of ours at 50 ms adverts, ${ALLOC} MB/s allocated per JVM, ${DURATION} s"
machine_line | tee "$WORK/machine.txt"
echo "JAVA_OPTS: ${JAVA_OPTS:-(none: default collector)}" | tee -a "$WORK/machine.txt"
ns sw; ns r1; ns r2
bridge br0
port r1 eth0 br0 r1s0 192.0.2.1/24
port r2 eth0 br0 r2s0 192.0.2.2/24
conf r1 100 >"$WORK/r1.conf"; conf r2 10 >"$WORK/r2.conf"
for r in r1 r2; do
  JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$WORK/$r.gc.log" \
    start_router ours "$r" "$WORK/$r.conf" "$WORK/$r.log" --alloc-mb-per-s "$ALLOC" --alloc-threads 2 \
    --stats-after "$WARM" --stats-window "$DURATION" --stats-out "$WORK/$r.jvm"
  eval "${r}pid=$STARTED_PID"
  if [ $r = r1 ]; then wait_addr r1 192.0.2.254 20 || { echo "r1 never became master" >&2; exit 1; }; fi
done
sleep "$WARM"
ip netns exec "$P-sw" tcpdump -i br0 -n -B 16384 --time-stamp-precision=nano -w "$WORK/cap.pcap" vrrp \
  2>"$WORK/tcpdump.err" & cap=$!
PIDS+=("$cap")
sleep "$DURATION"
kill -INT "$cap"; wait "$cap" 2>/dev/null || true; forget_pid "$cap"
sleep 3   # the stats files are written at WARM + DURATION s after each JVM started
stop_pid "$r2pid"; stop_pid "$r1pid"   # the backup first: the master's priority 0 would hand over

tcpdump -tt -n --time-stamp-precision=nano -r "$WORK/cap.pcap" 2>/dev/null >"$WORK/cap.txt"
from_master=$(grep -c '192.0.2.1 > 224.0.0.18: VRRPv3' "$WORK/cap.txt" || true)
from_backup=$(grep -c '192.0.2.2 > 224.0.0.18: VRRPv3' "$WORK/cap.txt" || true)
awk -v src=192.0.2.1 -v nominal=50 -f "$BENCH_DIR/jitter.awk" "$WORK/cap.txt" >"$WORK/jitter.txt"
read -r p50 p99 max n < <(awk '{ print $3 }' "$WORK/jitter.txt" | percentiles)
read -r ip50 ip99 imax _ < <(awk '{ print $2 }' "$WORK/jitter.txt" | percentiles)
# transitions after start-up: r1's only expected one is BACKUP -> MASTER at start, r2's none; the
# shutdown's "-> INITIALIZE: shutdown" lines do not count
t1=$(grep -- ' -> ' "$WORK/r1.log" | { grep -v 'INITIALIZE -> BACKUP\|BACKUP -> MASTER: master down\|: shutdown' || true; } | wc -l)
t2=$(grep -- ' -> ' "$WORK/r2.log" | { grep -v 'INITIALIZE -> BACKUP\|: shutdown' || true; } | wc -l)
kv() { awk -F= -v k="$2" '$1 == k { print $2 }' "$WORK/$1.jvm"; }
maxpause() { grep -o 'Pause[^)]*)[^0-9]*[0-9.]*M->[0-9.]*M([0-9.]*M) [0-9.]*ms' "$WORK/$1.gc.log" \
  | awk '{ v = $NF; sub(/ms/, "", v); if (v + 0 > m) m = v + 0 } END { printf "%.1f", m }'; }
pauses() { grep -c 'Pause' "$WORK/$1.gc.log" || true; }
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/machine.txt"
{
  echo
  echo "adverts captured: master $from_master, backup $from_backup (a false failover would make the backup advertise)"
  echo "state changes after start-up: r1 $t1, r2 $t2"
  echo "false failovers: $(( (from_backup > 0 ? 1 : 0) + t1 + t2 > 0 ? 1 : 0 )) (0 = none)"
  echo "master advert interval (ms): p50 $ip50, p99 $ip99, max $imax over $n intervals"
  echo "master jitter |interval - 50 ms| (ms): p50 $p50, p99 $p99, max $max"
  for r in r1 r2; do
    echo "$r: collectors $(kv $r collectors), application threads allocated $(kv $r app_alloc_mb_per_s) MB/s," \
      "vrrp threads $(kv $r vrrp_alloc_mb_per_s) MB/s, $(kv $r gc_count) GCs ($(kv $r gc_time_ms) ms) in the window," \
      "$(pauses $r) pauses logged, longest pause $(maxpause $r) ms, heap after GC $(( $(kv $r heap_after_gc_bytes) / 1048576 )) MiB" \
      "of max $(( $(kv $r heap_max_bytes) / 1048576 )) MiB"
  done
} | tee "$WORK/summary.txt"
{ cat "$WORK/machine.txt"; echo "command: $0 -d $DURATION -a $ALLOC"; cat "$WORK/summary.txt"; } >"$OUT_DATA/gc.txt"

awk '{ print $2 }' "$WORK/jitter.txt" | sort -g | awk '{ v[NR] = $1 } END { for (i = 1; i <= NR; i++) print v[i], (NR - i + 1) / NR }' \
  >"$WORK/ccdf.dat"
gnuplot <<GP
set terminal pngcairo size 900,500 font "sans,11"
set output "$OUT_IMG/gc-jitter.png"
set title "Master's advert intervals (50 ms adverts) while both JVMs allocate ${ALLOC} MB/s, ${DURATION} s\n(${JAVA_OPTS:-default collector}; p99 ${ip99} ms, max ${imax} ms)"
set xlabel "interval between adverts (ms)"
set ylabel "fraction of intervals longer (log)"
set logscale y
set grid
set key off
set xrange [0:210]
# r2 (priority 10) declares the master down after 3 x 50 ms + skew (246/256 x 50 ms) of silence
set arrow from 198.05, graph 0 to 198.05, graph 1 nohead dt 2 lw 2 lc rgb "#d95f02"
set label "backup's Master_Down_Interval 198 ms" at 196, graph 0.5 right tc rgb "#d95f02" noenhanced
plot "$WORK/ccdf.dat" using 1:2 with steps lw 2 lc rgb "#1b9e77"
GP
echo "wrote $OUT_IMG/gc-jitter.png and $OUT_DATA/gc.txt"

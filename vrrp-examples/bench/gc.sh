#!/usr/bin/env bash
# Timing under GC pressure (issue 6 item 5, issue 17 item 3): a master (r1, priority 100, the router under
# test) and a backup (r2, priority 10) of ours, VRRPv3 at ADVERT s adverts (default 0.05), one instance
# (vrid 51, VIP 192.0.2.254/24, state BACKUP, nopreempt), each in a JVM (BenchJvm) whose two application
# threads allocate byte arrays of 16 B to 32 KiB (most die at once, 1 in 256 lives a few seconds): r1 at
# ALLOC MB/s (default 600), r2 at BACKUP_ALLOC MB/s (default: the same). Both allocate by default because
# each router is embedded in an application and either one's pause can cause a false failover: the
# master's silences the adverts, the backup's leaves its down timer overdue. -b 0 isolates the master.
# Collector settings from JAVA_OPTS (default none: the JVM's default collector), for DURATION s (default 300).
# Reports: false failovers (state changes after start-up in either log, adverts from the backup in
# the capture), the master's advert interval and jitter |interval - ADVERT| p50/p99/max from a nanosecond
# capture on its bridge port, the allocation rate the application threads reached, each JVM's CPU, GC
# counts and pauses (-Xlog:gc,gc+phases: G1's "Pause ..." lines, ZGC's "Pause Mark Start" etc.), every
# stop-the-world safepoint (-Xlog:safepoint, whatever caused it), and the protocol thread's timer
# wake-ups by lateness over the window (vrrp status --json at its start and end). Draws
# docs/img/NAME-jitter.png; raw figures in docs/bench-data/NAME.txt (NAME default gc). -r RT_PRIORITY
# puts vrrp_rt_priority RT_PRIORITY in both routers' global_defs: their protocol threads run SCHED_RR.
#
# usage: sudo vrrp-examples/bench/gc.sh [-d DURATION_S] [-a ALLOC_MB_PER_S] [-b BACKUP_ALLOC_MB_PER_S]
#                                       [-w ADVERT_S] [-r RT_PRIORITY] [-o NAME]
#        e.g. the 10 ms run of issue 17: JAVA_OPTS=-XX:+UseZGC gc.sh -w 0.01 -a 500 -d 600 -o gc10-zgc
source "$(dirname "$0")/lib.sh"
DURATION=300; ALLOC=600; BACKUP_ALLOC=""; ADVERT=0.05; NAME=gc; WARM=8; RT=
# The JVMs' stats window outlasts the capture by STATS_TAIL s: it ends in a System.gc() (for the live heap),
# whose full collection and the heap shrinking after it must not fall inside the captured adverts.
STATS_TAIL=4
while getopts d:a:b:w:o:r: o; do
  case $o in
    d) DURATION=$OPTARG ;; a) ALLOC=$OPTARG ;; b) BACKUP_ALLOC=$OPTARG ;; w) ADVERT=$OPTARG ;; o) NAME=$OPTARG ;;
    r) RT=$OPTARG ;;
    *) exit 2 ;;
  esac
done
BACKUP_ALLOC=${BACKUP_ALLOC:-$ALLOC}
NOMINAL_MS=$(awk -v a="$ADVERT" 'BEGIN { print a * 1000 }')
# r2 (priority 10) declares the master down after 3 x ADVERT + its skew time (246/256 x ADVERT) of silence
DOWN_MS=$(awk -v a="$ADVERT" 'BEGIN { printf "%.2f", (3 + 246 / 256) * a * 1000 }')
bench_init gc

conf() {
  echo "global_defs {
  router_id $1
  vrrp_version 3${RT:+
  vrrp_rt_priority $RT}
}
vrrp_instance SEG0 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority $2
  advert_int $ADVERT
  nopreempt
  virtual_ipaddress {
    192.0.2.254/24
  }
}"
}

echo "== GC pressure: master and backup of ours at ${NOMINAL_MS} ms adverts, allocating ${ALLOC} MB/s (r1, master)" \
  "and ${BACKUP_ALLOC} MB/s (r2, backup), ${DURATION} s"
machine_line | tee "$WORK/machine.txt"
echo "JAVA_OPTS: ${JAVA_OPTS:-(none: default collector)}" | tee -a "$WORK/machine.txt"
if [ -n "$RT" ]; then SCHED="SCHED_RR priority $RT (vrrp_rt_priority)"; else SCHED="normal priority (no vrrp_rt_priority)"; fi
echo "protocol threads: $SCHED" | tee -a "$WORK/machine.txt"
ns sw; ns r1; ns r2
bridge br0
port r1 eth0 br0 r1s0 192.0.2.1/24
port r2 eth0 br0 r2s0 192.0.2.2/24
conf r1 100 >"$WORK/r1.conf"; conf r2 10 >"$WORK/r2.conf"
for r in r1 r2; do
  rate=$ALLOC; [ $r = r2 ] && rate=$BACKUP_ALLOC
  JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc,gc+phases:file=$WORK/$r.gc.log -Xlog:safepoint:file=$WORK/$r.sp.log" \
    start_router ours "$r" "$WORK/$r.conf" "$WORK/$r.log" --alloc-mb-per-s "$rate" --alloc-threads 2 \
    --stats-after "$WARM" --stats-window "$(( DURATION + STATS_TAIL ))" --stats-out "$WORK/$r.jvm"
  eval "${r}pid=$STARTED_PID"
  if [ $r = r1 ]; then wait_addr r1 192.0.2.254 20 || { echo "r1 never became master" >&2; exit 1; }; fi
done
sleep "$WARM"
# the protocol thread's wake-ups by lateness since start-up, as `vrrp status --json` gives them
lateness() { java -jar "$JAR" status --json --socket "$WORK/$1.sock" | head -1 \
  | grep -o '"timer_lateness_micros\.[a-z_0-9]*":[0-9]*' | tr -d '"' | sed 's/^timer_lateness_micros\.//; s/:/ /'; }
for r in r1 r2; do lateness $r >"$WORK/$r.late0"; done
# the load beside the run, every 10 s: the 1-minute load average and any other bench script running
( while sleep 10; do
    echo "$(cut -d' ' -f1 /proc/loadavg) $(pgrep -f 'bench/(scale|takeover|failover).sh' | wc -l)"
  done ) >"$WORK/load.txt" & sampler=$!
PIDS+=("$sampler")
W0=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
ip netns exec "$P-sw" tcpdump -i br0 -n -B 16384 --time-stamp-precision=nano -w "$WORK/cap.pcap" vrrp \
  2>"$WORK/tcpdump.err" & cap=$!
PIDS+=("$cap")
sleep "$DURATION"
kill -INT "$cap"; wait "$cap" 2>/dev/null || true; forget_pid "$cap"
W1=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
kill "$sampler"; wait "$sampler" 2>/dev/null || true; forget_pid "$sampler"
for r in r1 r2; do lateness $r >"$WORK/$r.late1"; done
# the stats files are written at WARM + DURATION + STATS_TAIL s after each JVM started
wait_files $(( STATS_TAIL + 10 )) "$WORK/r1.jvm" "$WORK/r2.jvm"
stop_pid "$r2pid"; stop_pid "$r1pid"   # the backup first: the master's priority 0 would hand over

tcpdump -tt -n --time-stamp-precision=nano -r "$WORK/cap.pcap" 2>/dev/null >"$WORK/cap.txt"
from_master=$(grep -c '192.0.2.1 > 224.0.0.18: VRRPv3' "$WORK/cap.txt" || true)
from_backup=$(grep -c '192.0.2.2 > 224.0.0.18: VRRPv3' "$WORK/cap.txt" || true)
awk -v src=192.0.2.1 -v nominal="$NOMINAL_MS" -f "$BENCH_DIR/jitter.awk" "$WORK/cap.txt" >"$WORK/jitter.txt"
read -r p50 p99 max n < <(awk '{ print $3 }' "$WORK/jitter.txt" | percentiles)
read -r ip50 ip99 imax _ < <(awk '{ print $2 }' "$WORK/jitter.txt" | percentiles)
# unexpected transitions: r1's only expected one is BACKUP -> MASTER at start, r2's none; the shutdown's
# "-> INITIALIZE: shutdown" lines do not count. Split by the log's timestamp: in the measured window
# (false failovers) and during the WARM s before it (the JVMs starting up).
unexpected() { grep -- ' -> ' "$WORK/$1.log" | { grep -v "$2" || true; }; }
in_window() { awk -v a="$W0" -v b="$W1" '$1 >= a && $1 <= b' | wc -l; }
before_window() { awk -v a="$W0" '$1 < a' | wc -l; }
t1=$(unexpected r1 'INITIALIZE -> BACKUP\|BACKUP -> MASTER: master down\|: shutdown' | in_window)
t2=$(unexpected r2 'INITIALIZE -> BACKUP\|: shutdown' | in_window)
takeovers=$({ grep -- ' -> MASTER' "$WORK/r2.log" || true; } | in_window)
w1=$(unexpected r1 'INITIALIZE -> BACKUP\|BACKUP -> MASTER: master down\|: shutdown' | before_window)
w2=$(unexpected r2 'INITIALIZE -> BACKUP\|: shutdown' | before_window)
kv() { awk -v k="$2" 'index($0, k "=") == 1 { print substr($0, length(k) + 2) }' "$WORK/$1.jvm"; }
# GC pauses: G1's "Pause Young (Normal) (G1 Evacuation Pause) 30M->4M(64M) 2.345ms", ZGC's (gc+phases)
# "Pause Mark Start 0.012ms"; "count max_ms"
pauses() { awk '/Pause/ && $NF ~ /^[0-9.]+ms$/ { v = $NF; sub(/ms/, "", v); n++; if (v + 0 > m) m = v + 0 }
  END { printf "%d %.2f\n", n, m }' "$WORK/$1.gc.log"; }
# every safepoint (stop-the-world, whatever its cause): "count max_ms total_ms", from
# 'Safepoint "G1CollectForAllocation", Time since last: ... ns, Reaching safepoint: ... ns, At safepoint: ... ns, Total: N ns'
safepoints() { awk '/Total: [0-9]+ ns/ { v = $NF == "ns" ? $(NF - 1) : 0; n++; s += v; if (v > m) m = v }
  END { printf "%d %.2f %.0f\n", n, m / 1e6, s / 1e6 }' "$WORK/$1.sp.log"; }
# the window's wake-ups by lateness: end minus start, "lt_100 N lt_500 N ... ge_25000 N"
window_lateness() { paste -d' ' "$WORK/$1.late0" "$WORK/$1.late1" | awk '{ printf "%s%s %d", (NR > 1 ? " " : ""), $1, $4 - $2 }'; }
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/machine.txt"
awk '{ n++; s += $1; if ($1 > m) m = $1; if ($2 > 0) o++ } END { printf "load average during the window (every 10 s): mean %.2f, max %.2f; samples with another bench script running: %d of %d\n", s / n, m, o, n }' \
  "$WORK/load.txt" | tee -a "$WORK/machine.txt"
{
  echo
  echo "adverts captured: master $from_master, backup $from_backup (a false failover would make the backup advertise)"
  echo "state changes in the window: r1 $t1, r2 $t2 (during the ${WARM} s warm-up before it: r1 $w1, r2 $w2)"
  # A count, not a flag: each time the backup took over is one. Unexpected changes of r1 with no takeover of
  # r2 (or adverts from r2 with neither) still count as one, so that 0 always means a clean run.
  echo "false failovers in the window: $(( takeovers > 0 ? takeovers : ((from_backup > 0 ? 1 : 0) + t1 + t2 > 0 ? 1 : 0) ))" \
    "(takeovers by the backup: $takeovers; 0 = none)"
  echo "master advert interval (ms): p50 $ip50, p99 $ip99, max $imax over $n intervals"
  echo "master jitter |interval - $NOMINAL_MS ms| (ms): p50 $p50, p99 $p99, max $max"
  echo "backup's Master_Down_Interval: $DOWN_MS ms; intervals of the master longer than half of it:" \
    "$(awk -v h="$DOWN_MS" '$2 > h / 2' "$WORK/jitter.txt" | wc -l)"
  for r in r1 r2; do
    read -r pn pmax < <(pauses $r)
    read -r sn smax stotal < <(safepoints $r)
    echo "$r: collectors $(kv $r collectors), application threads allocated $(kv $r app_alloc_mb_per_s) MB/s," \
      "vrrp threads $(kv $r vrrp_alloc_mb_per_s) MB/s, $(kv $r gc_count) GCs ($(kv $r gc_time_ms) ms) in the window," \
      "$pn GC pauses logged (longest $pmax ms), $sn safepoints (longest $smax ms, $stotal ms in all)," \
      "CPU: process $(kv $r process_cpu_percent)% of a core, vrrp threads $(kv $r vrrp_cpu_percent)%," \
      "heap after GC $(( $(kv $r heap_after_gc_bytes) / 1048576 )) MiB of max $(( $(kv $r heap_max_bytes) / 1048576 )) MiB"
    echo "$r: protocol thread's timer wake-ups by lateness (us) in the window: $(window_lateness $r)"
    echo "$r: jvm args: $(kv $r jvm_args)"
    [ -z "$RT" ] || echo "$r: $(grep -o 'protocol runs at [a-z -]*priority[ 0-9]*' "$WORK/$r.log" | head -1)"
  done
} | tee "$WORK/summary.txt"
{ cat "$WORK/machine.txt"; echo "command: $0 -d $DURATION -a $ALLOC -b $BACKUP_ALLOC -w $ADVERT${RT:+ -r $RT} -o $NAME"
  cat "$WORK/summary.txt"; } >"$OUT_DATA/$NAME.txt"

awk '{ print $2 }' "$WORK/jitter.txt" | sort -g | awk '{ v[NR] = $1 } END { for (i = 1; i <= NR; i++) print v[i], (NR - i + 1) / NR }' \
  >"$WORK/ccdf.dat"
# the chart's x range: up to the backup's Master_Down_Interval, or the longest interval if it was longer
XMAX=$(awk -v d="$DOWN_MS" -v m="$imax" 'BEGIN { x = (m > d ? m : d) * 1.06; printf "%.0f", x }')
IMG="$OUT_IMG/gc-jitter.png"; [ "$NAME" = gc ] || IMG="$OUT_IMG/$NAME-jitter.png"
# the dashed line's label on the side of it with room
if awk -v d="$DOWN_MS" -v x="$XMAX" 'BEGIN { exit !(d > x / 2) }'; then
  ALIGN=right; LABEL="backup's Master_Down_Interval $DOWN_MS ms "
else
  ALIGN=left; LABEL=" backup's Master_Down_Interval $DOWN_MS ms"
fi
gnuplot <<GP
set terminal pngcairo size 900,500 font "sans,11"
set output "$IMG"
set title "Master's advert intervals (${NOMINAL_MS} ms adverts), JVMs allocating ${ALLOC} (r1) and ${BACKUP_ALLOC} (r2) MB/s, ${DURATION} s\n(${JAVA_OPTS:-default collector}; p99 ${ip99} ms, max ${imax} ms)" noenhanced
set xlabel "interval between adverts (ms)"
set ylabel "fraction of intervals longer (log)"
set logscale y
set grid
set key off
set xrange [0:$XMAX]
set arrow from $DOWN_MS, graph 0 to $DOWN_MS, graph 1 nohead dt 2 lw 2 lc rgb "#d95f02"
set label "$LABEL" at $DOWN_MS, graph 0.5 $ALIGN tc rgb "#d95f02" noenhanced
plot "$WORK/ccdf.dat" using 1:2 with steps lw 2 lc rgb "#1b9e77"
GP
echo "wrote $IMG and $OUT_DATA/$NAME.txt"

#!/usr/bin/env bash
# Where a graceful takeover's time goes, from a nanosecond capture (beside item 1's SIGTERM case):
# r1 (priority 100, master) and r2 (priority 10) on one segment, VRRPv2 at 1 s, the same
# keepalived.conf for both implementations; SIGTERM to r1, and from the capture on the bridge:
#   prio0 -> advert: r1's priority-0 advert to r2's first advert (RFC: Skew_Time = 246/256 s = 960.9 ms)
#   advert -> GARP:  r2's first advert to its first gratuitous ARP
# for keepalived, for ours with a cold backup (the JVM has never been master: first run of that
# code path) and for ours with a warm backup (before the measured takeover, r2 was made master once
# and handed back, with `vrrp resign` / `vrrp set-priority`). Raw figures in docs/bench-data/takeover.txt.
#
# usage: sudo vrrp-examples/bench/takeover.sh [-n REPS]     (default 3)
#
# With -w ADVERT (seconds, e.g. 0.01, 0.05, 1): the takeover decomposed instead (issue 17 item 1), on
# failover.sh's two-segment network (sync group SEG0/SEG1, VRRPv3 at ADVERT, r1 priority 20 against r2's 10,
# hostA pinging hostB every 2 ms through the master): r1's bridge port on seg1 goes down, and each run reports,
# in ms after that carrier event, when each step of the takeover happened:
#   fault    r1 logs SEG1 -> FAULT (ours only: keepalived's console log has no sub-second times)
#   prio0    r1's priority-0 advert for SEG0 on seg0 (capture on br0)
#   heard    r2 receives it (capture on r2's eth0)
#   timer    r2 logs SEG0 BACKUP -> MASTER, the step in which its down timer fired (ours only)
#   master   r2's first advert on seg0
#   vip      192.0.2.254 appears in r2's kernel (`ip -ts monitor address` in r2)
#   garp     r2's first gratuitous ARP for 192.0.2.254 on seg0
#   neigh    hostA's neighbour entry for 192.0.2.254 moves to r2's MAC (`ip -ts monitor neigh` in hostA)
#   fwd      the first echo request r2 forwards onto seg1 (capture on br1, r2's MAC as source)
# The carrier event is when `ip -ts monitor link` in r1 reads the kernel's notice that eth1 lost carrier (else
# when `ip link set ... down` returned; ipcmd is that command's duration). The monitors' times (carrier,
# vip, neigh) are taken by `ip` as it reads each notice: a little late on a busy machine. Runs alternate
# keepalived and ours.
# The last column, r2_master_before, counts the times r2 had become master before the failure (a false failover
# while its JVM started, on a busy machine): such a run's r2 is not cold. Each step is taken as the last of its
# kind (or, for hostA's entry, the first notice with r2's MAC since it last held another), so such earlier
# takeovers do not stand in for the measured one. Draws docs/img/takeover-waterfall-ADVERT.png (gnuplot).
#        sudo vrrp-examples/bench/takeover.sh -w 0.01 [-n REPS]
#        vrrp-examples/bench/takeover.sh -r docs/bench-data/takeover-waterfall-0.01.txt   (summary and chart again)
source "$(dirname "$0")/lib.sh"
REPS=3
WATERFALL=""
REDRAW=""
while getopts n:w:r: o; do case $o in n) REPS=$OPTARG ;; w) WATERFALL=$OPTARG ;; r) REDRAW=$OPTARG ;; *) exit 2 ;; esac; done
bench_init takeover
VRRP=(java -jar "$JAR")

one_run() {
  local kind=$1 impl=ours
  [ "$kind" = keepalived ] && impl=keepalived
  ns sw; ns r1; ns r2
  bridge br0
  port r1 eth0 br0 r1s0 192.0.2.1/24
  port r2 eth0 br0 r2s0 192.0.2.2/24
  local r
  for r in 1 2; do
    printf 'vrrp_instance SEG0 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority %s\n  advert_int 1\n  nopreempt\n  virtual_ipaddress {\n    192.0.2.254/24\n  }\n}\n' \
      "$([ $r = 1 ] && echo 100 || echo 10)" >"$WORK/r$r.conf"
  done
  start_router "$impl" r1 "$WORK/r1.conf" "$WORK/r1.log"; local r1=$STARTED_PID
  wait_addr r1 192.0.2.254 15 || { echo "$kind NA NA"; stop_pid "$r1"; teardown; return; }
  start_router "$impl" r2 "$WORK/r2.conf" "$WORK/r2.log"; local r2=$STARTED_PID
  sleep 4
  if [ "$kind" = ours-warm ]; then
    "${VRRP[@]}" resign SEG0 --socket "$WORK/r1.sock" >/dev/null
    wait_addr r2 192.0.2.254 5 || true
    "${VRRP[@]}" set-priority SEG0 100 --socket "$WORK/r1.sock" >/dev/null
    sleep 1.5
    "${VRRP[@]}" resign SEG0 --socket "$WORK/r2.sock" >/dev/null
    wait_addr r1 192.0.2.254 5 || true
    "${VRRP[@]}" set-priority SEG0 10 --socket "$WORK/r2.sock" >/dev/null
    sleep 1.5
  fi
  # --immediate-mode: without it, packets wait in the kernel's ring until a block fills or a second passes, and
  # those still waiting when tcpdump is interrupted are lost (a cold backup's takeover, at the end, often was).
  ip netns exec "$P-sw" tcpdump -i br0 -n --immediate-mode --time-stamp-precision=nano -w "$WORK/c.pcap" 2>/dev/null &
  local cap=$!
  PIDS+=("$cap")
  sleep 1
  kill -TERM "$r1"
  wait_addr r2 192.0.2.254 5 || true
  sleep 0.3
  kill -INT "$cap"; wait "$cap" 2>/dev/null || true; forget_pid "$cap"
  stop_pid "$r1"; stop_pid "$r2"
  teardown
  tcpdump -tt -n --time-stamp-precision=nano -r "$WORK/c.pcap" 2>/dev/null | awk -v kind="$kind" '
    / 192.0.2.1 > 224.0.0.18: VRRPv2.*prio 0,/ { p0 = $1; want = 1; next }
    want == 1 && / 192.0.2.2 > 224.0.0.18: VRRPv2/ { a = $1; want = 2; next }
    want == 2 && /ARP, Request who-has 192.0.2.254/ { g = $1; want = 3 }
    END { if (want == 3) printf "%s %.2f %.2f\n", kind, (a - p0) * 1000, (g - a) * 1000; else print kind, "NA", "NA" }'
}
teardown() { for n in "${NAMESPACES[@]}"; do ip netns del "$n" 2>/dev/null || true; done; NAMESPACES=(); }

STEPS="fault prio0 heard timer master vip garp neigh fwd"

# epoch_ns TEXT: nanoseconds since the epoch of an ISO-8601 time (a log line's, or ip -ts's), or NA.
epoch_ns() { if [ -n "$1" ]; then date -d "$1" +%s%N; else echo NA; fi; }

# first_after FILE T0_NS AWK-CONDITION: the capture time (ns) of the first packet after T0 that matches.
# (Reads to the end, so that tcpdump never dies of SIGPIPE; seconds are compared apart from nanoseconds, as a
# double cannot hold an epoch in ns exactly.)
first_after() {
  tcpdump -tt -n -e --time-stamp-precision=nano -r "$1" 2>/dev/null | awk -v s0="${2:0:-9}" -v n0="${2: -9}" "
    found { next }
    { split(\$1, p, \".\") }
    (p[1] > s0 || (p[1] == s0 && p[2] >= n0)) && ($3) { first = p[1] p[2]; found = 1 }
    END { print found ? first : \"NA\" }"
}

# waterfall_run IMPL REP: one link failure, decomposed; prints "IMPL REP ipcmd_ms STEP_ms..." (NA: not seen).
waterfall_run() {
  local impl=$1 rep=$2 tag="$1-$2" r1pid r2pid
  twoseg_network
  twoseg_conf r1 20 3 "$WATERFALL" >"$WORK/r1.conf"
  twoseg_conf r2 10 3 "$WATERFALL" >"$WORK/r2.conf"
  start_router "$impl" r1 "$WORK/r1.conf" "$WORK/$tag-r1.log"; r1pid=$STARTED_PID
  if ! wait_addr r1 192.0.2.254 15 || ! wait_addr r1 198.51.100.254 5; then
    echo "$impl $rep r1-never-master"; stop_pid "$r1pid"; teardown; return
  fi
  start_router "$impl" r2 "$WORK/r2.conf" "$WORK/$tag-r2.log"; r2pid=$STARTED_PID
  sleep 4
  local mac0 mac1
  mac0=$(ip -n "$P-r2" -br link show eth0 | awk '{ print $3 }')
  mac1=$(ip -n "$P-r2" -br link show eth1 | awk '{ print $3 }')
  local bg=()
  ip netns exec "$P-sw" tcpdump -i br0 -n -s 128 --time-stamp-precision=nano -w "$WORK/seg0.pcap" 2>/dev/null & bg+=($!)
  ip netns exec "$P-sw" tcpdump -i br1 -n -s 128 --time-stamp-precision=nano -w "$WORK/seg1.pcap" 2>/dev/null & bg+=($!)
  ip netns exec "$P-r2" tcpdump -i eth0 -n -s 128 --time-stamp-precision=nano -w "$WORK/r2.pcap" ip proto 112 2>/dev/null & bg+=($!)
  ip -n "$P-r2" -ts monitor address >"$WORK/r2-addr.txt" 2>&1 & bg+=($!)
  ip -n "$P-r1" -ts monitor link >"$WORK/r1-link.txt" 2>&1 & bg+=($!)
  ip -n "$P-hostA" -ts monitor neigh >"$WORK/hostA-neigh.txt" 2>&1 & bg+=($!)
  ip netns exec "$P-hostA" ping -n -i 0.002 -W 1 198.51.100.10 >/dev/null 2>&1 & bg+=($!)
  PIDS+=("${bg[@]}")
  sleep 1.5
  local before t0
  before=$(date +%s%N)
  ip -n "$P-sw" link set r1s1 down
  t0=$(date +%s%N)
  wait_addr r2 192.0.2.254 10 || true
  sleep 0.5
  local p
  # SIGINT so that tcpdump writes out its buffer; one blocked on an idle link may not see it until a packet comes.
  for p in "${bg[@]}"; do kill -INT "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${bg[@]}"; do kill -KILL "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; forget_pid "$p"; done
  stop_pid "$r1pid"; stop_pid "$r2pid"
  # The takeover's own events are the last of their kind: a backup that took over before (a false failover
  # while its JVM started, on a busy machine) has earlier ones, and was not cold (counted in "before").
  local fault="" timer="" before_master
  if [ "$impl" = ours ]; then
    fault=$(awk '/\(SEG1\) MASTER -> FAULT/ { t = $1 } END { print t }' "$WORK/$tag-r1.log")
    timer=$(awk '/\(SEG0\) BACKUP -> MASTER/ { t = $1 } END { print t }' "$WORK/$tag-r2.log")
    before_master=$(awk '/\(SEG0\) BACKUP -> MASTER/ { n++ } END { print (n > 0 ? n - 1 : 0) }' "$WORK/$tag-r2.log")
  else
    before_master=$(awk '/\(SEG0\) Entering MASTER STATE/ { n++ } END { print (n > 0 ? n - 1 : 0) }' "$WORK/$tag-r2.log")
  fi
  local vip neigh carrier
  carrier=$(awk '/: eth1[@:]/ && /NO-CARRIER|LOWERLAYERDOWN/ { print substr($1, 2, length($1) - 2); exit }' "$WORK/r1-link.txt")
  [ -n "$carrier" ] && t0=$(epoch_ns "$carrier")
  vip=$(awk '/inet 192\.0\.2\.254\// && !/Deleted/ { t = substr($1, 2, length($1) - 2) } END { print t }' "$WORK/r2-addr.txt")
  # The first notice with r2's MAC since the entry last held another.
  neigh=$(awk -v m="$mac0" '/192\.0\.2\.254 dev eth0 lladdr/ { if (!index($0, m)) t = ""; else if (t == "") t = substr($1, 2, length($1) - 2) }
    END { print t }' "$WORK/hostA-neigh.txt")
  declare -A at
  at[fault]=$(epoch_ns "$fault")
  at[prio0]=$(first_after "$WORK/seg0.pcap" "$before" '/ 192\.0\.2\.1 > 224\.0\.0\.18: VRRPv3.*vrid 51, prio 0,/')
  at[heard]=$(first_after "$WORK/r2.pcap" "$before" '/ 192\.0\.2\.1 > 224\.0\.0\.18: VRRPv3.*vrid 51, prio 0,/')
  at[timer]=$(epoch_ns "$timer")
  at[master]=$(first_after "$WORK/seg0.pcap" "$before" '/ 192\.0\.2\.2 > 224\.0\.0\.18: VRRPv3.*vrid 51,/')
  at[vip]=$(epoch_ns "$vip")
  at[garp]=$(first_after "$WORK/seg0.pcap" "$before" "\$2 == \"$mac0\" && /ARP/ && /who-has 192\.0\.2\.254/")
  at[neigh]=$(epoch_ns "$neigh")
  at[fwd]=$(first_after "$WORK/seg1.pcap" "$before" "\$2 == \"$mac1\" && /ICMP echo request/")
  local line="$impl $rep $(awk -v a="$before" -v b="$t0" 'BEGIN { printf "%.2f", (b - a) / 1e6 }')" s
  for s in $STEPS; do
    if [ "${at[$s]}" = NA ]; then line+=" NA"
    else line+=" $(awk -v d="$(( ${at[$s]} - t0 ))" 'BEGIN { printf "%.2f", d / 1e6 }')"; fi
  done
  echo "$line $before_master"
  teardown
}

# waterfall_chart: docs/img/takeover-waterfall-ADVERT.png from $WORK/summary.txt: one horizontal bar per step and
# implementation, from the implementation's step just before it in time (medians; 0 for the first) to the step's
# median, labelled with it: each bar is the time that passed since the previous event. Steps not seen (NA; keepalived's fault and timer, absent from its log) have no bar.
waterfall_chart() {
  local png="$OUT_IMG/takeover-waterfall-$WATERFALL.png" dat="$WORK/waterfall.dat" n ytics="" i=0 s
  awk -v steps="$STEPS" '
    BEGIN { ns = split(steps, name, " ") }
    $3 != "nan" { m[$1, $2] = $3 }
    END {
      for (k = 1; k <= 2; k++) {
        impl = k == 1 ? "keepalived" : "ours"
        for (i = 1; i <= ns; i++) {
          if (!((impl, name[i]) in m)) continue
          t = m[impl, name[i]]; from = 0
          for (j = 1; j <= ns; j++) if (j != i && (impl, name[j]) in m && m[impl, name[j]] <= t && m[impl, name[j]] > from) from = m[impl, name[j]]
          # implementation, row (first step on top; keepalived above ours), bar start and end
          printf "%d %.2f %.3f %.3f\n", k, ns - i + 1 + (k == 1 ? 0.18 : -0.18), from, t
        }
      }
    }' "$WORK/summary.txt" >"$dat"
  n=$(wc -w <<<"$STEPS")
  for s in $STEPS; do ytics+="\"$s\" $((n - i)),"; i=$((i + 1)); done
  gnuplot <<GP
set terminal pngcairo size 1000,560 font "sans,11"
set output "$png"
set title "Link-failure takeover decomposed, VRRPv3 at $WATERFALL s: median of $REPS runs each (bar: since the event before)"
set xlabel "ms after the carrier event"
set ytics (${ytics%,})
set yrange [0.4:$n + 0.6]
set xrange [0:*]
set grid xtics
set key top right
set style fill solid 0.8 border -1
plot "$dat" using ((\$3 + \$4) / 2):(\$1 == 1 ? \$2 : NaN):3:4:(\$2 - 0.16):(\$2 + 0.16) with boxxyerror \\
       lc rgb "#d95f02" title "keepalived 2.2.7", \\
     "" using ((\$3 + \$4) / 2):(\$1 == 2 ? \$2 : NaN):3:4:(\$2 - 0.16):(\$2 + 0.16) with boxxyerror \\
       lc rgb "#1b9e77" title "vrrp (ours)", \\
     "" using 4:2:(sprintf(" %.1f", \$4)) with labels left font ",9" notitle
GP
  echo "wrote $png"
}

# waterfall_summary: median [min..max] of each step per implementation, from $RESULTS into $WORK/summary.txt.
waterfall_summary() {
  echo "median [min..max] ms after the carrier event; NA where the step was not seen"
  for impl in keepalived ours; do
    col=4
    for s in $STEPS; do
      read -r m mn mx n < <(awk -v i="$impl" -v c="$col" '$1 == i && $c != "NA" { print $c }' "$RESULTS" | stats)
      printf '%-10s %-7s %9s [%s..%s] n=%s\n' "$impl" "$s" "$m" "$mn" "$mx" "$n"
      col=$((col + 1))
    done
  done | tee "$WORK/summary.txt"
  awk '($1 == "keepalived" || $1 == "ours") && NF >= 13 { runs[$1]++; if ($13 > 0) warm[$1]++ }
    END { for (i in runs) printf "%s: r2 had been master before the failure (a false failover while starting: not cold) in %d of %d runs\n", i, warm[i], runs[i] }' \
    "$RESULTS" | sort | tee -a "$WORK/summary.txt"
}

if [ -n "$REDRAW" ]; then
  # Summary and chart again from a data file of this script (-w mode), no runs.
  RESULTS="$WORK/results.txt"
  awk '($1 == "keepalived" || $1 == "ours") && $2 ~ /^[0-9]+$/' "$REDRAW" >"$RESULTS"
  WATERFALL=$(awk '/^command:/ { for (i = 1; i < NF; i++) if ($i == "-w") print $(i + 1) }' "$REDRAW")
  REPS=$(awk '{ if ($2 > n) n = $2 } END { print n }' "$RESULTS")
  waterfall_summary
  waterfall_chart
  exit 0
fi

if [ -n "$WATERFALL" ]; then
  echo "== takeover decomposed: link failure on the master, v3 at $WATERFALL s, keepalived and ours alternating, $REPS each"
  machine_line | tee "$WORK/machine.txt"
  RESULTS="$WORK/results.txt"; : >"$RESULTS"
  echo "impl rep ipcmd_ms ${STEPS// /_ms }_ms r2_master_before (ms after the carrier event)"
  for rep in $(seq 1 "$REPS"); do
    if [ $((rep % 2)) = 1 ]; then order="keepalived ours"; else order="ours keepalived"; fi
    for impl in $order; do
      waterfall_run "$impl" "$rep" >"$WORK/line"   # not $(...): its namespaces and pids must reach the trap
      tee -a "$RESULTS" <"$WORK/line"
    done
  done
  echo
  waterfall_summary
  { cat "$WORK/machine.txt"; echo "command: $0 -w $WATERFALL -n $REPS"; echo "# impl rep ipcmd_ms $STEPS (ms) r2_master_before";
    cat "$RESULTS"; echo; cat "$WORK/summary.txt"; } >"$OUT_DATA/takeover-waterfall-$WATERFALL.txt"
  waterfall_chart
  exit 0
fi

echo "== takeover timing from a capture: keepalived, ours (cold backup), ours (warm backup); $REPS each"
machine_line | tee "$WORK/machine.txt"
RESULTS="$WORK/results.txt"; : >"$RESULTS"
echo "kind prio0->advert_ms advert->GARP_ms"
for rep in $(seq 1 "$REPS"); do
  for kind in keepalived ours-cold ours-warm; do
    one_run "$kind" >"$WORK/line"
    tee -a "$RESULTS" <"$WORK/line"
  done
done
echo
echo "median [min..max]; Skew_Time at priority 10 = 960.94 ms"
for kind in keepalived ours-cold ours-warm; do
  read -r am amin amax _ < <(awk -v k="$kind" '$1 == k && $2 != "NA" { print $2 }' "$RESULTS" | stats)
  read -r gm gmin gmax _ < <(awk -v k="$kind" '$1 == k && $3 != "NA" { print $3 }' "$RESULTS" | stats)
  printf '%-11s prio0->advert %s [%s..%s] ms (skew + %s)   advert->GARP %s [%s..%s] ms\n' "$kind" "$am" "$amin" "$amax" \
    "$(awk -v a="$am" 'BEGIN { printf "%.1f", a - 960.94 }')" "$gm" "$gmin" "$gmax"
done | tee "$WORK/summary.txt"
{ cat "$WORK/machine.txt"; echo "command: $0 -n $REPS"; echo "# kind prio0_to_advert_ms advert_to_garp_ms"; cat "$RESULTS";
  echo; cat "$WORK/summary.txt"; } >"$OUT_DATA/takeover.txt"

#!/usr/bin/env bash
# Failover outage, ours vs keepalived 2.2.7 (issue 6, items 1 and 2), on the two-segment network:
#
#   hostA 192.0.2.10 --- seg0 (br0) ---+--- r1 eth0 .1 / eth1 .1 ---+--- seg1 (br1) --- hostB 198.51.100.10
#                                      +--- r2 eth0 .2 / eth1 .2 ---+
#
# r1 and r2 run the same keepalived.conf text (a sync group of SEG0 = vrid 51, VIP 192.0.2.254 and
# SEG1 = vrid 52, VIP 198.51.100.254; state BACKUP, nopreempt; r1 priority 100, r2 priority 10),
# either both with keepalived or both with ours (`vrrp run -f`), never mixed. hostA pings every 10 ms
# (`ping -D -i 0.01`) and the longest gap between replies is the outage. Cases:
#   link     v2, advert 1 s: r1's bridge port on seg1 goes down (r1's eth1 loses carrier); hostA pings hostB
#   term     v2, advert 1 s: SIGTERM to r1 (graceful stop); hostA pings the VIP 192.0.2.254
#   termho   as term, but ours runs `vrrp run --hand-over` (r1 keeps the VIPs until r2's first advert);
#            keepalived has no such option and runs as in term. The outage here is, for both, the
#            longest any echo request waited for its reply (its round-trip time: hostA's kernel queues
#            requests while it re-resolves the VIP, so most are answered late rather than lost) or the
#            longest span of requests never answered (by sequence number), whichever is longer; not the
#            gap between replies, so that a stall of the pinging process is not taken for an outage
#   link50   v3, advert 50 ms: as link
#   health   v2, advert 1 s: the app on r1 reports itself unhealthy (ours: HealthDriver, reportHealth("app",
#            false) on SIGUSR1; keepalived: track_script with interval 1, fall 1, weight 0, whose script
#            fails once a flag file exists); hostA pings the VIP; also reports trigger -> first answer
# Each repetition runs keepalived and ours one after the other (the order alternates), each on a fresh
# network. Prints one line per run, then median/min/max per case and implementation, and draws
# docs/img/failover.png with gnuplot. Raw figures go to docs/bench-data/failover.txt (a subset of the cases:
# failover-CASE-CASE.txt and .png).
#
# usage: sudo vrrp-examples/bench/failover.sh [-n REPS] [CASE...]     (default: 5 reps, all cases but termho)
#        PING_INTERVAL=0.002 ... pings every 2 ms instead of 10 ms
#        vrrp-examples/bench/failover.sh -r docs/bench-data/failover.txt   (table and chart again, no runs)
source "$(dirname "$0")/lib.sh"
REPS=5
REDRAW=""
while getopts n:r: o; do case $o in n) REPS=$OPTARG ;; r) REDRAW=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
CASES=("$@"); [ ${#CASES[@]} -gt 0 ] || CASES=(link term link50 health)
# The full set writes failover.txt/.png; a subset its own files (failover-termho.txt), so that it does not
# overwrite the full run's.
NAME=failover
[ "${CASES[*]}" = "link term link50 health" ] || NAME="failover-$(IFS=-; echo "${CASES[*]}")"
bench_init failover

teardown() {
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  NAMESPACES=()
}

# one_run CASE IMPL REP: prints "CASE IMPL REP GAP ANSWER VIPS_ON_R2" (ANSWER: trigger -> first reply
# after the gap, in s).
one_run() {
  local case=$1 impl=$2 rep=$3 version=2 advert=1 settle=2 target=198.51.100.10 health=""
  case $case in
    link50) version=3; advert=0.05; settle=1 ;;
    term|termho) target=192.0.2.254 ;;
    health) target=192.0.2.254; health=1 ;;
  esac
  twoseg_network
  local kh=""; [ -n "$health" ] && [ "$impl" = keepalived ] && kh=1
  twoseg_conf r1 100 $version $advert $kh >"$WORK/r1.conf"
  twoseg_conf r2 10 $version $advert $kh >"$WORK/r2.conf"
  local tag="$case-$impl-$rep" r1pid r2pid
  rm -f "$WORK"/r?.unhealthy
  if [ -n "$health" ] && [ "$impl" = ours ]; then
    ip netns exec "$P-r1" java ${JAVA_OPTS:-} -cp "$CP" org.vrrp.examples.bench.HealthDriver "$WORK/r1.conf" \
      >"$WORK/$tag-r1.log" 2>&1 & r1pid=$!; PIDS+=("$r1pid")
  else
    local flags=()
    [ "$case" = termho ] && [ "$impl" = ours ] && flags=(--hand-over)
    RUN_FLAGS="${flags[*]}" start_router "$impl" r1 "$WORK/r1.conf" "$WORK/$tag-r1.log"; r1pid=$STARTED_PID
  fi
  if ! wait_addr r1 192.0.2.254 15 || ! wait_addr r1 198.51.100.254 5; then
    echo "$case $impl $rep NA NA r1-never-master"; stop_pid "$r1pid"; teardown; return
  fi
  if [ -n "$health" ] && [ "$impl" = ours ]; then
    ip netns exec "$P-r2" java ${JAVA_OPTS:-} -cp "$CP" org.vrrp.examples.bench.HealthDriver "$WORK/r2.conf" \
      >"$WORK/$tag-r2.log" 2>&1 & r2pid=$!; PIDS+=("$r2pid")
  else
    start_router "$impl" r2 "$WORK/r2.conf" "$WORK/$tag-r2.log"; r2pid=$STARTED_PID
  fi
  sleep "$settle"
  for _ in $(seq 1 40); do grep -q "READY\|running\|Entering BACKUP" "$WORK/$tag-r2.log" && break; sleep 0.1; done
  sleep "$settle"
  ip netns exec "$P-hostA" ping -D -n -i "${PING_INTERVAL:-0.01}" -W 1 "$target" >"$WORK/$tag-ping.log" 2>&1 & local ping=$!
  PIDS+=("$ping")
  sleep 1
  local t0; t0=$(now_us)
  case $case in
    link|link50) ip -n "$P-sw" link set r1s1 down ;;
    term|termho) kill -TERM "$r1pid" ;;
    health)
      if [ "$impl" = ours ]; then kill -USR1 "$r1pid"; else touch "$WORK/r1.unhealthy"; fi ;;
  esac
  wait_addr r2 192.0.2.254 15 || true
  wait_addr r2 198.51.100.254 5 || true
  sleep 0.5
  kill -INT "$ping" 2>/dev/null; wait "$ping" 2>/dev/null || true; forget_pid "$ping"
  local vips=0
  has_addr r2 192.0.2.254 && vips=$((vips + 1))
  has_addr r2 198.51.100.254 && vips=$((vips + 1))
  stop_pid "$r1pid"; stop_pid "$r2pid"
  local gap end answer
  if [ "$case" = termho ]; then
    read -r gap end < <(unanswered_span "$WORK/$tag-ping.log" "$t0")
    echo "$case $impl $rep $gap $(awk -v t0="$t0" -v e="$end" 'BEGIN { printf "%.3f", (e > 0 ? e - t0 / 1e6 : 0) }') $vips"
    teardown; return
  fi
  read -r gap end < <(max_gap "$WORK/$tag-ping.log")
  answer=$(awk -v t0="$t0" -v e="$end" 'BEGIN { printf "%.3f", e - t0 / 1e6 }')
  # The failover's gap ends after the trigger and starts at most 2 s after it (a SIGTERMed router
  # answers until its shutdown removes the VIP); any other longest gap means the run failed.
  if awk -v t0="$t0" -v e="$end" -v g="$gap" 'BEGIN { exit !(e >= t0 / 1e6 && e - g <= t0 / 1e6 + 2) }'; then
    echo "$case $impl $rep $gap $answer $vips"
  else
    echo "$case $impl $rep NA NA $vips gap=$gap-not-at-trigger"
  fi
  teardown
}

# unanswered_span PINGLOG T0_US: "SPAN END": after T0, the longest an echo request waited for its reply
# (round-trip time) or, if longer, the longest span of requests never answered (from the reply before the
# first missing sequence number to the reply after the last); END is when that reply came.
unanswered_span() {
  awk -v t0="$2" '/bytes from/ { t = substr($1, 2, length($1) - 2) + 0; s = $0; sub(/.*icmp_seq=/, "", s); s += 0
         r = $0; sub(/.*time=/, "", r); r = r / 1000
         if (t >= t0 / 1e6) { if (ps != "" && s > ps + 1 && t - p > g) { g = t - p; e = t }; if (r > g) { g = r; e = t } }
         p = t; ps = s }
       END { printf "%.3f %.6f\n", g, e }' "$1"
}

RESULTS="$WORK/results.txt"
if [ -n "$REDRAW" ]; then
  awk '$2 == "keepalived" || $2 == "ours"' "$REDRAW" >"$RESULTS"
  grep -v '^#' "$REDRAW" | awk '$2 != "keepalived" && $2 != "ours"' | grep -v '^command:' >"$WORK/machine.txt"
  REPS=$(awk '{ if ($3 > n) n = $3 } END { print n }' "$RESULTS")
  [ $# -gt 0 ] || mapfile -t CASES < <(awk '!seen[$1]++ { print $1 }' "$RESULTS")
else
echo "== failover benchmark: ${CASES[*]}, $REPS repetitions each, keepalived and ours alternating"
machine_line | tee "$WORK/machine.txt"
: >"$RESULTS"
printf '%-7s %-10s %3s %8s %9s %s\n' case impl rep gap_s answer_s vips_on_r2
for case in "${CASES[@]}"; do
  for rep in $(seq 1 "$REPS"); do
    if [ $((rep % 2)) = 1 ]; then order="keepalived ours"; else order="ours keepalived"; fi
    for impl in $order; do
      one_run "$case" "$impl" "$rep" >"$WORK/line"   # not $(...): its namespaces and pids must reach the trap
      line=$(cat "$WORK/line")
      echo "$line" >>"$RESULTS"
      read -r c i r g a v rest <<<"$line"
      printf '%-7s %-10s %3s %8s %9s %s %s\n' "$c" "$i" "$r" "$g" "$a" "$v" "$rest"
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/machine.txt"
fi

echo
echo "== outage (longest gap between replies, s): median [min..max] over the runs"
SUMMARY="$WORK/summary.txt"
: >"$SUMMARY"
printf '%-7s %-28s %-28s %s\n' case keepalived ours "ours/keepalived"
for case in "${CASES[@]}"; do
  read -r km kmin kmax kn < <(awk -v c="$case" '$1 == c && $2 == "keepalived" && $4 != "NA" { print $4 }' "$RESULTS" | stats)
  read -r om omin omax on < <(awk -v c="$case" '$1 == c && $2 == "ours" && $4 != "NA" { print $4 }' "$RESULTS" | stats)
  ratio=$(awk -v a="$om" -v b="$km" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }')
  printf '%-7s %-28s %-28s %s\n' "$case" "$km [$kmin..$kmax] n=$kn" "$om [$omin..$omax] n=$on" "$ratio"
  case $case in   # the issue's target for ours, in s
    link) target=$(awk -v k="$km" 'BEGIN { printf "%.3f", 0.35 * k }') ;;
    term) target=$km ;;
    termho) target=$(awk -v k="$km" 'BEGIN { printf "%.3f", 0.95 * k }') ;;   # issue 17: <= 0.95 x keepalived
    link50) target=$(awk -v k="$km" 'BEGIN { printf "%.3f", 0.5 * k }') ;;
    health) target=$(awk 'BEGIN { printf "%.3f", (256 - 10) / 256 + 0.05 }') ;;   # skew time at priority 10 + 50 ms
  esac
  measured=$om
  if [ "$case" = health ]; then   # the issue's figure here: trigger -> the backup answers for the VIP
    read -r ka kamin kamax _ < <(awk '$1 == "health" && $2 == "keepalived" && $5 != "NA" { print $5 }' "$RESULTS" | stats)
    read -r oa oamin oamax _ < <(awk '$1 == "health" && $2 == "ours" && $5 != "NA" { print $5 }' "$RESULTS" | stats)
    printf '%-7s %-28s %-28s\n' "" "trigger->answer $ka [$kamin..$kamax]" "trigger->answer $oa [$oamin..$oamax]"
    measured=$oa
  fi
  met=$(awk -v o="$measured" -v t="$target" 'BEGIN { print (o <= t ? "met" : "MISSED") }')
  printf '%-7s target for ours: <= %s s: %s (ours %s s)\n' "" "$target" "$met" "$measured"
  echo "$case $km $kmin $kmax $om $omin $omax $target" >>"$SUMMARY"
done

[ -n "$REDRAW" ] || { cat "$WORK/machine.txt"; echo "command: PING_INTERVAL=${PING_INTERVAL:-0.01} $0 -n $REPS ${CASES[*]}";
  echo "# case impl rep gap_s trigger_to_answer_s vips_on_r2"; cat "$RESULTS"; } >"$OUT_DATA/$NAME.txt"
label() { case $1 in link) echo "link down, v2 1 s" ;; term) echo "SIGTERM, v2 1 s" ;;
  termho) echo "SIGTERM, v2 1 s, ours --hand-over" ;;
  link50) echo "link down, v3 50 ms" ;; health) echo "app unhealthy, v2 1 s" ;; esac; }
while read -r c rest; do echo "\"$(label "$c")\" $rest"; done <"$SUMMARY" >"$WORK/plot.dat"
gnuplot <<GP
set terminal pngcairo size 1000,500 font "sans,11"
set output "$OUT_IMG/$NAME.png"
set title "Failover outage (longest gap between $(awk -v i="${PING_INTERVAL:-0.01}" 'BEGIN { print i * 1000 }') ms pings; termho: longest wait for a reply): median, min..max of $REPS runs"
set ylabel "outage (s, log scale)"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set style fill solid 0.8 border -1
set logscale y
set yrange [0.0005:8]
set grid ytics mytics
set key top right
f(x) = x > 0.0005 ? x : 0.0005   # a 0 (under 0.5 ms) cannot be drawn on a log scale: drawn at the floor, labelled 0.000
plot "$WORK/plot.dat" using 2:3:4:xtic(1) title "keepalived 2.2.7" lc rgb "#d95f02", \
     "" using (f(\$5)):(f(\$6)):(f(\$7)) title "vrrp (ours)" lc rgb "#1b9e77", \
     "" using (\$0 + 0.14):8 with points pt 6 ps 2 lw 2 lc rgb "black" title "target for ours", \
     "" using (\$0 - 0.14):2:(sprintf("%.3f", \$2)) with labels offset 0,1 notitle, \
     "" using (\$0 + 0.14):(f(\$5)):(sprintf("%.3f", \$5)) with labels offset 0,1 notitle
GP
echo "wrote $OUT_IMG/$NAME.png and $OUT_DATA/$NAME.txt"

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
source "$(dirname "$0")/lib.sh"
REPS=3
while getopts n: o; do case $o in n) REPS=$OPTARG ;; *) exit 2 ;; esac; done
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
  ip netns exec "$P-sw" tcpdump -i br0 -n --time-stamp-precision=nano -w "$WORK/c.pcap" 2>/dev/null & local cap=$!
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

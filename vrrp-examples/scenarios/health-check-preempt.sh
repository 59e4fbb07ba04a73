#!/usr/bin/env bash
# A gateway at priority 245 with preempt and a vrrp_script health check (interval 1, timeout 1, fall 2,
# rise 2; conf/health-gateway.conf), run by our tool on R1, beside an RFC 3768 router without
# authentication at priority 240 (keepalived, conf/rfc3768-router.conf) on R2.
#
#   hostA 192.0.2.10 ---- seg0 ---- R1 (vrrp run, 245, health check)  192.0.2.1
#                              `--- R2 (keepalived, 240, VRRPv2 no auth) 192.0.2.2
#                                   VIP 192.0.2.254
#
# 1. R1 is master; hostA pings the VIP.
# 2. The health check starts failing: after fall x interval R1 goes FAULT, sends priority 0, R2 owns the VIP.
# 3. The check passes again: after rise x interval R1 is BACKUP, preempts R2 (245 > 240) and owns it again.
# Outages are measured by hostA's pings. Ends with PASS/FAIL; run as root.
source "$(dirname "$0")/lib.sh"
require_root_and_tools

say "building segment 0 with R1, R2 and hostA (namespaces $PFX-*)"
new_segments 1
new_ns r1; attach r1 0 1
new_ns r2; attach r2 0 2
new_ns a; attach a 0 10

# The health check: healthy while $RUN/healthy exists (stands for "the service answers").
cat >"$RUN/check.sh" <<CHECK
#!/bin/sh
test -f "$RUN/healthy"
CHECK
chmod 755 "$RUN/check.sh"
touch "$RUN/healthy"

conf health-gateway.conf "$RUN/r1.conf" NAME=R1 CHECK="$RUN/check.sh"
conf rfc3768-router.conf "$RUN/r2.conf" NAME=R2
say "starting R1: vrrp run -f r1.conf (priority 245, preempt, track_script chk_service)"
start_vrrp r1 "$RUN/r1.conf"
wait_until 20 "R1 master (192.0.2.254 on R1)" has_vip r1 eth0 192.0.2.254
say "R1 is master; starting R2: keepalived -f r2.conf (RFC 3768, no auth, priority 240)"
start_keepalived r2 "$RUN/r2.conf"
wait_until 10 "R2 in BACKUP" log_has r2 "(GW) Entering BACKUP STATE"
sleep 4.6   # Master_Down_Interval + 1 s: R2 hears R1 at 245, so it must stay backup
no_vip r2 eth0 192.0.2.254 || fail "R2 took the VIP while R1 was master: the two do not hear each other"

start_ping a 192.0.2.254 down
from=$(log_lines r1)
say "hostA pings the VIP (100/s); the health check of R1 starts failing"
rm "$RUN/healthy"
# fall 2 x interval 1 s (+ timeout 1 s) until FAULT, then R1 sends priority 0 and R2 takes over after
# its skew time (0.06 s); + 1 s margin.
wait_until 5 "R1 FAULT after 2 failed checks" log_has r1 "(GW) MASTER -> FAULT" "$from"
wait_until 2 "R2 owns the VIP" has_vip r2 eth0 192.0.2.254
wait_until 2 "R1 gave the VIP up" no_vip r1 eth0 192.0.2.254
wait_until 5 "pings answered again" bash -c "tail -n 5 '$RUN/ping-down.txt' | grep -q 'bytes from'"
sleep 1
report_ping down "health failed, R2 took over"
((GAP_down < 2000)) || fail "outage of ${GAP_down} ms when R1 failed its health check (priority 0 should make it quick)"

start_ping a 192.0.2.254 up
from=$(log_lines r1)
say "the health check passes again"
touch "$RUN/healthy"
# rise 2 x interval 1 s until BACKUP; then R1 ignores R2's lower-priority adverts and its
# Master_Down_Interval (3 x 1 s + (256-245)/256 s = 3.04 s) runs out: preemption; + 1 s margin each.
wait_until 4 "R1 BACKUP after 2 passed checks" log_has r1 "(GW) FAULT -> BACKUP" "$from"
wait_until 5 "R1 preempts R2 (VIP back on R1)" has_vip r1 eth0 192.0.2.254
wait_until 3 "R2 steps down (keepalived removes the VIP)" no_vip r2 eth0 192.0.2.254
sleep 1
report_ping up "health back, R1 took the VIP back"
((GAP_up < 2000)) || fail "outage of ${GAP_up} ms when R1 preempted back"

say "what R1 (our tool) logged:"
transitions r1 | sed 's/^/    /'
say "what R2 (keepalived) logged:"
grep -F "(GW)" "$RUN/r2.log" | sed 's/^/    /'
pass

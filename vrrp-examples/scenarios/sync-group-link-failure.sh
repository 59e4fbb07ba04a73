#!/usr/bin/env bash
# Two routers between two segments, two instances in a sync group, nopreempt, auth_type PASS,
# advert 1 s (conf/sync-group.conf). R1 runs our tool (priority 150), R2 runs keepalived (100).
#
#   hostA 192.0.2.10 ---- seg0 ---- R1 (vrrp run)   .1 | .1 ---- seg1 ---- hostB 198.51.100.10
#   gw 192.0.2.254              `-- R2 (keepalived) .2 | .2 --'            gw 198.51.100.254
#
# 1. R1 becomes master of both instances; hostA pings hostB through the VIPs.
# 2. R1's link on seg1 fails: VI_1 goes FAULT, the sync group takes VI_0 with it, R2 takes both VIPs;
#    the pings keep going after a short outage (printed).
# 3. The link returns: R1 goes BACKUP and, nopreempt, does not take the VIPs back (checked for
#    Master_Down_Interval + 1 s after R1 is BACKUP again).
# Ends with PASS/FAIL; run as root.
source "$(dirname "$0")/lib.sh"
require_root_and_tools

say "building two segments, routers R1 and R2, hosts A and B (namespaces $PFX-*)"
new_segments 2
for r in r1 r2; do new_ns "$r"; forwarding "$r"; done
attach r1 0 1; attach r1 1 1
attach r2 0 2; attach r2 1 2
new_ns a; attach a 0 10; ip -n "$(ns a)" route add default via 192.0.2.254
new_ns b; attach b 1 10; ip -n "$(ns b)" route add default via 198.51.100.254

conf sync-group.conf "$RUN/r1.conf" NAME=R1 PRIO=150
conf sync-group.conf "$RUN/r2.conf" NAME=R2 PRIO=100
say "starting R1: vrrp run -f r1.conf (priority 150)"
start_vrrp r1 "$RUN/r1.conf"
# Alone on the segments R1 is master after Master_Down_Interval (3.4 s) plus JVM start-up. R2 joins
# only then: with nopreempt on both, whichever is master first stays master, so starting them together
# would be a race that a slow JVM start loses.
wait_until 20 "R1 master of VI_0 (192.0.2.254 on R1)" has_vip r1 eth0 192.0.2.254
wait_until 5 "R1 master of VI_1 (198.51.100.254 on R1)" has_vip r1 eth1 198.51.100.254
say "R1 is master; starting R2: keepalived -f r2.conf (priority 100)"
start_keepalived r2 "$RUN/r2.conf"
wait_until 10 "R2 in BACKUP" log_has r2 "(VI_1) Entering BACKUP STATE"
sleep 4.6   # Master_Down_Interval + 1 s: R2 hears R1's adverts, so it must not have become master
no_vip r2 eth0 192.0.2.254 || fail "R2 took 192.0.2.254 while R1 was master"
say "R1 is master of both instances; R2 is backup"

start_ping a 198.51.100.10 fail
say "hostA pings hostB (100/s) through the VIPs; failing R1's link on seg1"
set_port r1 1 down
# R1 sees the carrier go: VI_1 FAULT at once; VI_0 follows (sync group) and sends priority 0 on seg0.
# keepalived moves a sync group to MASTER only once every member's timer has run out, and on seg1 no
# priority-0 advert can arrive (the link is down), so R2 takes over after VI_1's Master_Down_Interval
# (3 x 1 s + (256-100)/256 s = 3.6 s); + 1 s margin.
wait_until 5 "R2 takes 192.0.2.254 (Master_Down_Interval 3.6 s + 1 s)" has_vip r2 eth0 192.0.2.254
wait_until 5 "R2 takes 198.51.100.254" has_vip r2 eth1 198.51.100.254
wait_until 2 "R1 gives up 192.0.2.254" no_vip r1 eth0 192.0.2.254
wait_until 5 "pings answered again" bash -c "tail -n 5 '$RUN/ping-fail.txt' | grep -q 'bytes from'"
sleep 1   # one more second of replies, so the gap measured ends with replies flowing
report_ping fail "failover after R1's link failure"
((GAP_fail < 5000)) || fail "outage of ${GAP_fail} ms after the link failure (more than Master_Down_Interval + 1 s)"

start_ping a 198.51.100.10 back
from=$(log_lines r1)
say "restoring R1's link on seg1"
set_port r1 1 up
wait_until 10 "R1 back to BACKUP after the link returns" log_has r1 "-> BACKUP" "$from"
say "R1 is BACKUP again; checking for Master_Down_Interval + 1 s (4.6 s) that it does not preempt (nopreempt)"
sleep 4.6
has_vip r2 eth0 192.0.2.254 || fail "R2 lost 192.0.2.254 after R1's link returned"
has_vip r2 eth1 198.51.100.254 || fail "R2 lost 198.51.100.254 after R1's link returned"
no_vip r1 eth0 192.0.2.254 || fail "R1 took 192.0.2.254 back despite nopreempt"
report_ping back "while the link returned"
((LOST_back <= 5)) || fail "$LOST_back pings lost while the link returned (no failback expected)"

say "what R1 (our tool) logged:"
transitions r1 | sed 's/^/    /'
pass

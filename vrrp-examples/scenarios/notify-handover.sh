#!/usr/bin/env bash
# Notify scripts that start and stop a service, and a planned handover by lowering the priority
# (conf/notify-service.conf on both routers: notify_master starts a small HTTP service answering its
# router's name, notify_backup and notify_fault stop it).
#
#   hostA 192.0.2.10 ---- seg0 ---- R1 (vrrp run, 150)    192.0.2.1
#                              `--- R2 (keepalived, 100)  192.0.2.2
#                                   VIP 192.0.2.254, service http://192.0.2.254:8080/who
#
# 1. R1 is master and runs the service; R2 is backup and does not.
# 2. Planned handover: R1's priority goes to 50 in its file, SIGHUP. R2 (preempt) takes over, R1 goes
#    BACKUP: the service stops on R1 and starts on R2. Outage measured by hostA's pings to the VIP.
# 3. R2's link fails: R2 goes FAULT and stops its service; R1 becomes master and starts it again.
# Ends with PASS/FAIL; run as root.
source "$(dirname "$0")/lib.sh"
require_root_and_tools curl python3

# The interpreter's real path: notify scripts run without the caller's environment (pyenv shims need it).
PY=$(python3 -c 'import sys; print(sys.executable)')

say "building segment 0 with R1, R2 and hostA (namespaces $PFX-*)"
new_segments 1
new_ns r1; attach r1 0 1
new_ns r2; attach r2 0 2
new_ns a; attach a 0 10

# service.sh NAME start|stop: an HTTP server on port 8080 of the router's namespace answering NAME at
# /who; its pid in NAME.svc.pid; every call appended to NAME.events. setsid and closed descriptors,
# so the notify runner does not wait for the server.
cat >"$RUN/service.sh" <<SERVICE
#!/bin/sh
name=\$1 pidfile="$RUN/\$1.svc.pid"
echo "\$(date +%T.%3N) \$2" >>"$RUN/\$name.events"
case "\$2" in
start)
    if [ -f "\$pidfile" ] && kill -0 "\$(cat "\$pidfile")" 2>/dev/null; then exit 0; fi
    mkdir -p "$RUN/www-\$name" && echo "\$name" >"$RUN/www-\$name/who"
    setsid "$PY" -m http.server 8080 --directory "$RUN/www-\$name" </dev/null >/dev/null 2>&1 &
    echo \$! >"\$pidfile" ;;
stop)
    if [ -f "\$pidfile" ]; then kill "\$(cat "\$pidfile")" 2>/dev/null; rm -f "\$pidfile"; fi ;;
esac
SERVICE
chmod 755 "$RUN/service.sh"

# who: what http://VIP:8080/who answers from hostA (empty when nothing answers).
who() { ip netns exec "$(ns a)" curl -s -m 1 http://192.0.2.254:8080/who || true; }
answers() { [[ $(who) == "$1" ]]; }
service_running() { [[ -f $RUN/$1.svc.pid ]] && kill -0 "$(cat "$RUN/$1.svc.pid")" 2>/dev/null; }
service_stopped() { ! service_running "$1"; }

conf notify-service.conf "$RUN/r1.conf" NAME=R1 PRIO=150 SERVICE="$RUN/service.sh R1"
conf notify-service.conf "$RUN/r2.conf" NAME=R2 PRIO=100 SERVICE="$RUN/service.sh R2"
say "starting R1: vrrp run -f r1.conf (priority 150)"
start_vrrp r1 "$RUN/r1.conf"
wait_until 20 "R1 master (VIP on R1)" has_vip r1 eth0 192.0.2.254
wait_until 5 "the service answers R1 on the VIP (notify_master ran)" answers R1
say "R1 is master and its notify_master started the service: http://192.0.2.254:8080/who -> $(who)"
say "starting R2: keepalived -f r2.conf (priority 100)"
start_keepalived r2 "$RUN/r2.conf"
wait_until 10 "R2 in BACKUP" log_has r2 "(SVC) Entering BACKUP STATE"
wait_until 5 "R2's notify_backup ran" grep -q stop "$RUN/R2.events"
service_stopped R2 || fail "the service runs on R2 while it is backup"

start_ping a 192.0.2.254 handover
from=$(log_lines r1)
say "planned handover: R1's priority 150 -> 50 in r1.conf, SIGHUP to R1"
conf notify-service.conf "$RUN/r1.conf" NAME=R1 PRIO=50 SERVICE="$RUN/service.sh R1"
t0=$(date +%s.%N)
kill -HUP "$PID_r1"
wait_until 10 "R1 reloads" log_has r1 "reloaded" "$from"
# R2 (preempt) ignores adverts of priority 50 and takes over when its Master_Down_Interval
# (3 x 1 s + (256-100)/256 s = 3.6 s) runs out; R1 then hears 100 > 50 and steps down. + 1 s margin.
wait_until 5 "R2 owns the VIP" has_vip r2 eth0 192.0.2.254
wait_until 3 "R1 BACKUP" log_has r1 "(SVC) MASTER -> BACKUP" "$from"
wait_until 5 "the service answers R2 (R2's notify_master)" answers R2
took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
wait_until 5 "R1's service stopped (notify_backup)" service_stopped R1
if log_has r1 "MASTER -> BACKUP: reload" "$from"; then fail "the reload itself made R1 leave MASTER"; fi
sleep 1
report_ping handover "planned handover"
say "from SIGHUP to the service answering on R2: ${took} s (Master_Down_Interval of R2 is 3.6 s)"
((GAP_handover < 2000)) || fail "outage of ${GAP_handover} ms during a planned handover"

from=$(log_lines r1)
say "R2's link fails"
set_port r2 0 down
wait_until 3 "R2 FAULT" log_has r2 "(SVC) Entering FAULT STATE"
wait_until 5 "R2's notify_fault stopped its service" service_stopped R2
# R1 hears nothing any more: master after Master_Down_Interval (3 x 1 s + (256-50)/256 s = 3.8 s) + 1 s.
wait_until 5 "R1 master again" log_has r1 "(SVC) BACKUP -> MASTER" "$from"
wait_until 5 "the service answers R1 again" answers R1
say "after R2's fault: http://192.0.2.254:8080/who -> $(who)"

say "R1 (our tool) logged:"
transitions r1 | sed 's/^/    /'
say "notify calls: R1: $(awk '{printf "%s ", $2}' "$RUN/R1.events")| R2: $(awk '{printf "%s ", $2}' "$RUN/R2.events")"
pass

#!/usr/bin/env bash
# Two instances in a sync group (conf/sync-group.conf) where a firewall on R1 drops VRRP (IP protocol
# 112) arriving on one segment. R2 (keepalived, 150) is master, R1 (100) backup; then nftables in R1's
# namespace drops protocol 112 coming in on eth1.
#
#   hostA 192.0.2.10 ---- seg0 ---- R1 (100)             .1 | .1 ---- seg1 ---- observer 198.51.100.20
#                              `--- R2 (keepalived, 150) .2 | .2 --'            (vrrp watch -i eth1)
#
# 1. R1 runs our tool. Its VI_1 hears no master on eth1 while its sync-group partner VI_0 hears R2 on
#    eth0: a lost master on one segment only means the adverts are being dropped, not that R2 died, so
#    it stays BACKUP and logs a warning naming the interface and the firewall. `vrrp watch` on seg1
#    shows a single master. The rule is removed and R1 stays BACKUP.
# 2. For comparison, keepalived runs in R1's place with the same file and the rule back; what it does
#    and logs is shown (2.2.7 also stays BACKUP, logging "Receive advertisement timeout" only).
# PASS/FAIL is about step 1; step 2 is shown, not judged. Run as root.
source "$(dirname "$0")/lib.sh"
require_root_and_tools nft

say "building two segments, R1, R2, hostA and an observer on seg1 (namespaces $PFX-*)"
new_segments 2
for r in r1 r2; do new_ns "$r"; forwarding "$r"; done
attach r1 0 1; attach r1 1 1
attach r2 0 2; attach r2 1 2
new_ns a; attach a 0 10
new_ns obs; attach obs 1 20

firewall_on() {
    ip netns exec "$(ns r1)" nft -f - <<'NFT'
table inet scenario {
    chain input {
        type filter hook input priority filter; policy accept;
        iifname "eth1" meta l4proto 112 counter drop
    }
}
NFT
}
# wait_until_quiet SECONDS COMMAND...: like wait_until, but returns false instead of failing.
wait_until_quiet() {
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.1; done
}

conf sync-group.conf "$RUN/r1.conf" NAME=R1 PRIO=100
conf sync-group.conf "$RUN/r2.conf" NAME=R2 PRIO=150
say "starting R2: keepalived -f r2.conf (priority 150)"
start_keepalived r2 "$RUN/r2.conf"
wait_until 10 "R2 master of both instances" has_vip r2 eth1 198.51.100.254
say "starting R1: vrrp run -f r1.conf (priority 100)"
start_vrrp r1 "$RUN/r1.conf"
wait_until 20 "R1 BACKUP" log_has r1 "(VI_1) INITIALIZE -> BACKUP"
sleep 4.6   # Master_Down_Interval + 1 s: R1 hears R2 at 150 on both segments, so it must stay backup
no_vip r1 eth1 198.51.100.254 || fail "R1 became master although it hears R2"

say "vrrp watch on the observer (seg1), before the firewall rule:"
ip netns exec "$(ns obs)" java -jar "$JAR" watch -i eth1 --once 2.5s | sed 's/^/    /'

from=$(log_lines r1)
say "R1: nft drops IP protocol 112 arriving on eth1"
firewall_on
# R1 hears nothing on seg1 any more: VI_1's Master_Down_Interval (3 x 1 s + (256-100)/256 s = 3.6 s)
# runs out, and the tool decides what that means; + 1 s margin.
wait_until 5 "R1 warns that it hears no master on eth1" log_has r1 "hears no master on eth1" "$from"
say "vrrp watch on the observer (seg1), with the firewall rule:"
ip netns exec "$(ns obs)" java -jar "$JAR" watch -i eth1 --once 5s >"$RUN/watch-ours.txt"
sed 's/^/    /' "$RUN/watch-ours.txt"
no_vip r1 eth1 198.51.100.254 || fail "R1 took 198.51.100.254 although its partner VI_0 hears R2"
no_vip r1 eth0 192.0.2.254 || fail "R1 took 192.0.2.254 although it hears R2 on eth0"
if grep -q "two masters" "$RUN/watch-ours.txt"; then fail "vrrp watch saw two masters on seg1"; fi
if log_has r1 "-> MASTER" "$from"; then fail "R1 became MASTER while its VRRP input on eth1 was dropped"; fi
say "R1's firewall rule counter: $(ip netns exec "$(ns r1)" nft list chain inet scenario input | grep -o 'packets [0-9]*' || true)"
say "R1 (our tool) logged while VRRP was dropped on eth1:"
tail -n +"$((from + 1))" "$RUN/r1.log" | sed 's/^[^ ]* //' | sed 's/^/    /'

say "removing the firewall rule"
ip netns exec "$(ns r1)" nft delete table inet scenario
from=$(log_lines r1)
sleep 4.6   # Master_Down_Interval + 1 s: R1 hears R2 again on both segments and must stay BACKUP
if log_has r1 "-> MASTER" "$from"; then fail "R1 became MASTER after the rule was removed"; fi
has_vip r2 eth0 192.0.2.254 && has_vip r2 eth1 198.51.100.254 || fail "R2 is not master of both instances"
say "R1 stayed BACKUP throughout; R2 kept both VIPs"

say "for comparison: keepalived in R1's place, same file, rule back"
kill -TERM "$PID_r1"; wait "$PID_r1" || true
firewall_on
start_keepalived r1k "$RUN/r1.conf" r1
# Two of its Master_Down_Intervals (2 x 3.6 s) + 1 s: long enough for it to act on the silence twice.
wait_until_quiet 9 awk '/\(VI_1\) Receive advertisement timeout/ { n++ } END { exit n < 2 }' "$RUN/r1k.log" || true
ip netns exec "$(ns obs)" java -jar "$JAR" watch -i eth1 --once 3s >"$RUN/watch-keepalived.txt"
say "vrrp watch on seg1 with keepalived as R1:"
sed 's/^/    /' "$RUN/watch-keepalived.txt"
say "keepalived as R1 logged after start-up:"
sed -n '/Startup complete/,$p' "$RUN/r1k.log" | grep -v "gratuitous ARP" | sed 's/^/    /'
if has_vip r1 eth1 198.51.100.254; then
    say "keepalived as R1 took 198.51.100.254: two masters on seg1"
else
    say "keepalived as R1 also stays BACKUP (it moves a sync group only when every member timed out), but"
    say "only logs the timeout, without naming the segment where the adverts are lost"
fi
pass

#!/usr/bin/env bash
# The fault campaign's silent heal (docs/failure-modes.md, finding 3), made deterministic, for ours or for
# keepalived in both roles: A (priority 150) and B (100) on one bridge, a client that pings the VIP once.
# B's VRRP is dropped both ways (nftables) until B is master too and has announced its MAC; then B is
# stopped (SIGSTOP), the drop lifted, and B resumed 1.5 s later, so that it reads A's queued advert before
# it sends one of its own. Prints which router's MAC the client's neighbour entry names 2 s after SIGCONT:
# A when the heal was announced, B when it was silent.
#
# usage: sudo vrrp-examples/campaign/silent-heal.sh [ours|keepalived] ["line added to B's vrrp_instance"]
#   e.g. sudo vrrp-examples/campaign/silent-heal.sh ours "higher_prio_send_advert off"
# JAR= another vrrp.jar (default: this checkout's vrrp-tool/target/vrrp.jar, built by mvn package).
# ADVERT= advert_int in whole seconds (default 1); the waits scale with it.
set -u
IMPL=${1:-ours}
EXTRA=${2:-}
ADVERT=${ADVERT:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/vrrp-tool/target/vrrp.jar}
if [ "$(id -u)" != 0 ]; then echo "silent-heal: run as root (it creates network namespaces)" >&2; exit 2; fi
P=sh$$
D=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; done
  sleep 1
  for n in a b c d; do ip netns del ${P}$n 2>/dev/null; done
  rm -rf "$D"
}
trap cleanup EXIT
for n in a b c d; do ip netns add ${P}$n; done
ip netns exec ${P}c ip link add br0 type bridge
ip netns exec ${P}c ip link set br0 up
for h in a b d; do
  ip link add ${P}${h}0 type veth peer name ${P}${h}1
  ip link set ${P}${h}0 netns ${P}${h}
  ip link set ${P}${h}1 netns ${P}c
  ip netns exec ${P}${h} ip link set ${P}${h}0 name eth0
  ip netns exec ${P}c ip link set ${P}${h}1 master br0
  ip netns exec ${P}c ip link set ${P}${h}1 up
  ip netns exec ${P}${h} ip link set lo up
  ip netns exec ${P}${h} ip link set eth0 up
done
ip netns exec ${P}a ip addr add 192.0.2.1/24 dev eth0
ip netns exec ${P}b ip addr add 192.0.2.2/24 dev eth0
ip netns exec ${P}d ip addr add 192.0.2.10/24 dev eth0
MA=$(ip netns exec ${P}a cat /sys/class/net/eth0/address)
MB=$(ip netns exec ${P}b cat /sys/class/net/eth0/address)
conf() { # priority, extra line
  printf 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority %s\n    advert_int %s\n    %s\n    virtual_ipaddress {\n        192.0.2.254/24\n    }\n}\n' "$1" "$ADVERT" "$2"
}
conf 150 "" > "$D/a.conf"
conf 100 "$EXTRA" > "$D/b.conf"
start() { # host
  case $IMPL in
    ours) ip netns exec ${P}$1 java -jar "$JAR" run -f "$D/$1.conf" --control-socket "$D/$1.sock" > "$D/$1.log" 2>&1 & ;;
    keepalived) ip netns exec ${P}$1 keepalived -n -l -D -f "$D/$1.conf" -p "$D/$1.pid" -r "$D/$1.vpid" \
                  --no-syslog > "$D/$1.log" 2>&1 & ;;
    *) echo "silent-heal: ours or keepalived, not $IMPL" >&2; exit 2 ;;
  esac
  PIDS+=($!)
}
start a
start b
# A's second announcement (garp_master_delay, 5 s after it became master, itself about 3 adverts after
# start) must be over before the split.
sleep $((3 * ADVERT + 7))
ip netns exec ${P}d ping -c 1 -W 2 192.0.2.254 > /dev/null
ip netns exec ${P}b nft -f - <<'NFT'
table inet silentheal {
    chain in { type filter hook input priority 0; ip protocol 112 drop; }
    chain out { type filter hook output priority 0; ip protocol 112 drop; }
}
NFT
sleep $((3 * ADVERT + 3))   # B's Master_Down_Interval, and its announcement
name() { [ "$1" = "$MA" ] && echo A || { [ "$1" = "$MB" ] && echo B || echo "none($1)"; }; }
entry() { ip netns exec ${P}d ip -j neigh show to 192.0.2.254 dev eth0 | grep -o '"lladdr":"[^"]*"' | cut -d'"' -f4; }
SPLIT=$(entry)
STOP=${PIDS[1]}
[ "$IMPL" = keepalived ] && STOP=$(cat "$D/b.vpid")   # keepalived's VRRP child
kill -STOP "$STOP"
ip netns exec ${P}b nft delete table inet silentheal
sleep "$(awk -v a="$ADVERT" 'BEGIN { print 1.5 * a }')"   # one of A's adverts queues; B's own is overdue
kill -CONT "$STOP"
sleep 2
echo "impl=$IMPL advert_int=$ADVERT b-extra='$EXTRA' client-during-split=$(name "$SPLIT") client-after-heal=$(name "$(entry)")"

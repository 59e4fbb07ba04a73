#!/usr/bin/env bash
# Demo of the library's main job: two copies of an HTTP service (org.vrrp.examples.http.VipHttpService),
# each in its own network namespace, share the VIP 192.0.2.254 with VRRP; a client namespace asks
# http://192.0.2.254:8080/ every 100 ms. Then the master is stopped with SIGTERM: the answers move to
# the other host within about the skew time. Needs root (namespaces). Cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The service runs on the tool's jar (library, Linux adapter, logging) plus the example classes.
CP=vrrp-tool/target/vrrp.jar:vrrp-examples/target/vrrp-examples.jar
[ -f vrrp-tool/target/vrrp.jar ] && [ -f vrrp-examples/target/vrrp-examples.jar ] \
  || mvn -B -q -pl vrrp-examples -am package -DskipTests
P="vdemo$$"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ns in sw a b client; do ip netns del "$P-$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "== building a LAN: bridge + hosts a (192.0.2.1), b (192.0.2.2), client (192.0.2.100)"
for ns in sw a b client; do ip netns add "$P-$ns"; done
ip -n "$P-sw" link add br0 type bridge mcast_snooping 0
ip -n "$P-sw" link set br0 up
n=1
for h in a b client; do
  addr="192.0.2.$n"; [ "$h" = client ] && addr=192.0.2.100
  ip -n "$P-sw" link add "p$n" type veth peer name eth0 netns "$P-$h"
  ip -n "$P-sw" link set "p$n" master br0 up
  ip -n "$P-$h" addr add "$addr/24" dev eth0
  ip -n "$P-$h" link set eth0 up
  ip -n "$P-$h" link set lo up
  n=$((n + 1))
done

echo "== starting the service on a (priority 150) and b (priority 100)"
ip netns exec "$P-a" java -cp "$CP" org.vrrp.examples.http.VipHttpService eth0 51 150 192.0.2.254/24 8080 host-a \
  > "/tmp/$P-a.log" 2>&1 & PIDS+=($!); A=$!
ip netns exec "$P-b" java -cp "$CP" org.vrrp.examples.http.VipHttpService eth0 51 100 192.0.2.254/24 8080 host-b \
  > "/tmp/$P-b.log" 2>&1 & PIDS+=($!)

ask() { ip netns exec "$P-client" curl -s -m 0.5 http://192.0.2.254:8080/ || echo "(no answer)"; }
for _ in $(seq 1 100); do ask | grep -q "host-a" && break; sleep 0.1; done
echo "== the client asks the VIP:"
echo "   $(ask)"

echo "== stopping host-a with SIGTERM (it sends priority 0 and removes the VIP)"
kill -TERM "$A"
start=$(date +%s%N)
last=""
while :; do
  answer=$(ask)
  if [ "$answer" != "$last" ]; then
    printf '   +%4d ms  %s\n' $(( ($(date +%s%N) - start) / 1000000 )) "$answer"
    last="$answer"
  fi
  echo "$answer" | grep -q "host-b" && break
  [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 10000 ] && break
  sleep 0.1
done
echo "== logs"
sed 's/^/   a| /' "/tmp/$P-a.log"; sed 's/^/   b| /' "/tmp/$P-b.log"
rm -f "/tmp/$P-a.log" "/tmp/$P-b.log"
if echo "$last" | grep -q "host-b"; then
  echo "PASS: http-failover: host-b answers on 192.0.2.254 after host-a stopped"
else
  echo "FAIL: http-failover: host-b did not take over within 10 s"
  exit 1
fi

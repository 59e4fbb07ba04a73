#!/usr/bin/env bash
# The randomised fault campaign (issue 15) as a long run: routers in network namespaces, seeded random
# overlapping faults, invariants checked from outside; prints per-invariant and per-fault counts.
# See docs/failure-modes.md#randomised-fault-campaign.
#
# usage: sudo vrrp-examples/campaign/run.sh [--impl ours|keepalived|mixed] [--routers 3..5]
#            [--duration 20m | --rounds N] [--seed N] [--active SECONDS] [--faults N] [--out DIR]
#            [--replay FILE | --shrink FILE]
#   e.g.  sudo vrrp-examples/campaign/run.sh --impl ours --duration 2h --seed 1
#         sudo vrrp-examples/campaign/run.sh --replay campaign-out/failure-1234.txt
# SKIP_BUILD=1 uses the jars and classes already built.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [ "$(id -u)" != 0 ]; then
  echo "campaign: run as root (it creates network namespaces)" >&2
  exit 2
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl vrrp-examples -am package -DskipTests
fi
CP="$ROOT/vrrp-tool/target/vrrp.jar:$ROOT/vrrp-examples/target/test-classes:$ROOT/vrrp-examples/target/classes"
CP="$CP:$ROOT/vrrp-linux/target/test-classes"
exec java -Xmx256m -Dvrrp.jar="$ROOT/vrrp-tool/target/vrrp.jar" -cp "$CP" org.vrrp.examples.campaign.Campaign "$@"

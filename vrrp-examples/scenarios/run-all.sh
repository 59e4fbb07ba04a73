#!/usr/bin/env bash
# Runs every scenario script in this directory one after another (they share the CPU and measure
# outages, so not in parallel) and sums up: one line per scenario, then "PASS: all N scenarios" or
# "FAIL: K of N scenarios failed" and exit code 0/1. Run as root. Each scenario's full output is in
# $OUT (default: a temporary directory, printed at the end).
set -uo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(mktemp -d /tmp/vrrp-scenarios.XXXXXX)}
scenarios=(sync-group-link-failure health-check-preempt notify-handover firewall-drops-vrrp)
failed=0
summary=()
for s in "${scenarios[@]}"; do
    echo "=== $s"
    start=$SECONDS
    "$dir/$s.sh" 2>&1 | tee "$OUT/$s.log"
    verdict=$(tail -n 1 "$OUT/$s.log")
    [[ $verdict == "PASS: $s" ]] || failed=$((failed + 1))
    [[ $verdict == PASS:* || $verdict == FAIL:* ]] || verdict="FAIL: $s: no verdict line"
    summary+=("$(printf '%-26s %4ss  %s' "$s" $((SECONDS - start)) "$verdict")")
done
echo
echo "=== summary (outputs in $OUT)"
printf '%s\n' "${summary[@]}"
if ((failed == 0)); then
    echo "PASS: all ${#scenarios[@]} scenarios"
else
    echo "FAIL: $failed of ${#scenarios[@]} scenarios failed"
    exit 1
fi

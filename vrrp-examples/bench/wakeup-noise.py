#!/usr/bin/env python3
"""How late this machine wakes a sleeping thread, and how long it stalls a running one (issue 17 item 5).

The jitter floor of any VRRP implementation on the machine, ours or keepalived, with nothing of either running:
  sleep: the thread sleeps to deadlines PERIOD_MS apart (5 ms: ours' advert phases at 1,000 instances) and
         counts how late it woke; run it under `chrt -r 10` to match `vrrp_rt_priority 10`, so that no other
         thread of the machine can delay it;
  spin:  the thread reads the clock in a loop and counts the gaps between two readings over 0.5 ms: time it was
         not running although it never blocked (the hypervisor, interrupts). At normal priority, because a
         real-time thread that never blocks is throttled by the kernel (kernel.sched_rt_runtime_us: 50 ms of
         every second), which would show here as 50 ms gaps that no router ever meets.
Python's own overhead is tens of microseconds, far below the milliseconds measured.

usage: sudo chrt -r 10 python3 vrrp-examples/bench/wakeup-noise.py sleep [SECONDS] [PERIOD_MS]
       python3 vrrp-examples/bench/wakeup-noise.py spin [SECONDS]
"""
import sys
import time

LATE_BUCKETS_MS = [0.1, 0.5, 1, 2, 5]


def sleep_test(seconds, period_s):
    counts = [0] * (len(LATE_BUCKETS_MS) + 1)
    worst_ms = 0.0
    start = time.monotonic()
    deadline = start + period_s
    while time.monotonic() - start < seconds:
        left = deadline - time.monotonic()
        if left > 0:
            time.sleep(left)
        late_ms = (time.monotonic() - deadline) * 1e3
        worst_ms = max(worst_ms, late_ms)
        counts[next((i for i, lim in enumerate(LATE_BUCKETS_MS) if late_ms < lim), len(LATE_BUCKETS_MS))] += 1
        deadline += period_s
        if deadline < time.monotonic():  # as the router does after a long pause: the next one from now
            deadline = time.monotonic() + period_s
    n = sum(counts)
    late_1ms = sum(counts[LATE_BUCKETS_MS.index(1) + 1:])  # the buckets past "< 1 ms"
    names = ["<%g ms" % lim for lim in LATE_BUCKETS_MS] + [">=%g ms" % LATE_BUCKETS_MS[-1]]
    print("sleep %.0f s to deadlines %.1f ms apart: %d wake-ups; late by %s; 1 ms or more: %d (%.2f %%); worst %.2f ms"
          % (seconds, period_s * 1e3, n, ", ".join("%s %d" % (a, b) for a, b in zip(names, counts)),
             late_1ms, 100.0 * late_1ms / n, worst_ms))


def spin_test(seconds):
    gaps_ms = []
    start = last = time.monotonic()
    while last - start < seconds:
        now = time.monotonic()
        if now - last > 0.0005:
            gaps_ms.append((now - last) * 1e3)
        last = now
    over_1 = sum(1 for g in gaps_ms if g >= 1)
    over_5 = sum(1 for g in gaps_ms if g >= 5)
    print("spin %.0f s: %d stalls of 0.5 ms or more, %d of 1 ms or more (%.2f per second), %d of 5 ms or more;"
          " longest %.2f ms" % (seconds, len(gaps_ms), over_1, over_1 / seconds, over_5, max(gaps_ms + [0.0])))


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("sleep", "spin"):
        sys.exit(__doc__)
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    if sys.argv[1] == "sleep":
        sleep_test(seconds, (float(sys.argv[3]) if len(sys.argv) > 3 else 5) / 1e3)
    else:
        spin_test(seconds)


if __name__ == "__main__":
    main()

package org.vrrp.examples.differential;

import java.time.Instant;

/** Wall-clock microseconds, the unit of every observation (tcpdump -tt, ip -ts, date +%s%N). */
public final class Clock {
    private Clock() {
    }

    public static long nowMicros() {
        return micros(Instant.now());
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    /** Sleeps until {@code micros} (returns at once if it has passed). */
    public static void sleepUntil(long micros) throws InterruptedException {
        long left = micros - nowMicros();
        if (left > 0) {
            Thread.sleep(left / 1000, (int) (left % 1000) * 1000);
        }
    }
}

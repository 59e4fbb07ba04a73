package org.vrrp.runtime;

import java.util.ArrayList;
import java.util.List;
import org.vrrp.LatenessHistogram;

/**
 * Counts the protocol thread's wake-up lateness in the buckets of {@link LatenessHistogram#BOUNDS_MICROS}.
 * {@link #record} is on every timer wake-up, so it allocates nothing: a scan of seven bounds and an
 * increment. Protocol thread only (not thread-safe); {@link #snapshot} is read there too, with the other stats.
 */
final class LatenessBuckets {
    private final long[] upperBoundsNanos;
    private final long[] counts;

    LatenessBuckets() {
        List<Long> bounds = LatenessHistogram.BOUNDS_MICROS;
        upperBoundsNanos = new long[bounds.size()];
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            upperBoundsNanos[i] = bounds.get(i) * 1_000L;
        }
        counts = new long[upperBoundsNanos.length + 1];
    }

    /** Counts a wake-up {@code latenessNanos} late in the first bucket whose bound is above it. */
    void record(long latenessNanos) {
        int i = 0;
        while (i < upperBoundsNanos.length && latenessNanos >= upperBoundsNanos[i]) {
            i++;
        }
        counts[i]++;
    }

    LatenessHistogram snapshot() {
        List<Long> copy = new ArrayList<>(counts.length);
        for (long c : counts) {
            copy.add(c);
        }
        return new LatenessHistogram(LatenessHistogram.BOUNDS_MICROS, copy);
    }
}

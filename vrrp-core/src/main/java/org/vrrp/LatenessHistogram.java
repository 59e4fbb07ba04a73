package org.vrrp;

import java.util.Collections;
import java.util.List;

/**
 * How late the protocol thread woke for its timers since the router started, counted in fixed buckets: a
 * wake-up {@code L} late counts in the first bucket whose upper bound is greater than {@code L}, or in the
 * last bucket when {@code L} reaches every bound. Lateness is measured from the deadline the thread slept
 * until to the moment it read the clock after waking; most of it is the kernel's wake-up latency, the rest
 * a GC pause, a safepoint or a thread waiting for a core.
 *
 * <p>An immutable snapshot, part of {@link RouterStats}; safe to share between threads. Two snapshots of
 * the same router subtract bucket by bucket: the later minus the earlier counts the wake-ups in between.
 *
 * @param upperBoundsMicros the exclusive upper bound of every bucket but the last, ascending
 *                          (see {@link #BOUNDS_MICROS})
 * @param counts            wake-ups per bucket: one more entry than {@code upperBoundsMicros}, the last
 *                          counting those at least the last bound late
 */
public record LatenessHistogram(List<Long> upperBoundsMicros, List<Long> counts) {
    /** The bounds a router uses: 0.1, 0.5, 1, 2, 5, 10 and 25 ms. */
    public static final List<Long> BOUNDS_MICROS = List.of(100L, 500L, 1_000L, 2_000L, 5_000L, 10_000L, 25_000L);

    /**
     * @throws IllegalArgumentException if {@code counts} does not have one more entry than the bounds
     */
    public LatenessHistogram {
        upperBoundsMicros = List.copyOf(upperBoundsMicros);
        counts = List.copyOf(counts);
        if (counts.size() != upperBoundsMicros.size() + 1) {
            throw new IllegalArgumentException("a lateness histogram with " + upperBoundsMicros.size()
                    + " bounds needs " + (upperBoundsMicros.size() + 1) + " counts, got " + counts.size());
        }
    }

    /**
     * A histogram with the router's bounds and nothing counted, e.g. for a {@link RouterStats} built in a test.
     *
     * @return the empty histogram
     */
    public static LatenessHistogram empty() {
        return new LatenessHistogram(BOUNDS_MICROS, Collections.nCopies(BOUNDS_MICROS.size() + 1, 0L));
    }

    /**
     * Every wake-up counted.
     *
     * @return the sum of the counts
     */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}

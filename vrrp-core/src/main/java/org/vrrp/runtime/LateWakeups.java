package org.vrrp.runtime;

import org.vrrp.LatenessHistogram;
import org.vrrp.protocol.TimerMath;

/**
 * Late-wakeup reporting: the protocol loop says how late it woke after a deadline. Beyond half the shortest advert
 * interval the JVM is pausing us (GC, CPU starvation): say so, with the figure, so it is not blamed on the network.
 * Every wake-up, late or on time, is also counted in a {@link LatenessBuckets} histogram. Protocol thread only.
 */
final class LateWakeups {
    private final RateLimitedLog warnings;
    private long thresholdNanos = Long.MAX_VALUE;
    private long count;
    private long maxLatenessNanos;
    private final LatenessBuckets buckets = new LatenessBuckets();

    LateWakeups(RateLimitedLog warnings) {
        this.warnings = warnings;
    }

    /** An instance advertises every {@code advertIntervalCentis}: warn beyond half of the shortest. */
    void warnBeyondHalfOf(int advertIntervalCentis) {
        thresholdNanos = Math.min(thresholdNanos, TimerMath.centisToNanos(advertIntervalCentis) / 2);
    }

    void record(long latenessNanos) {
        maxLatenessNanos = Math.max(maxLatenessNanos, latenessNanos);
        buckets.record(latenessNanos);
        if (latenessNanos > thresholdNanos) {
            count++;
            warnings.warn("late-wakeup", String.format("protocol thread woke %.1f ms late (JVM pause, GC or CPU"
                    + " starvation); adverts were delayed by as much", latenessNanos / 1e6));
        }
    }

    /** Wake-ups later than the threshold. */
    long count() {
        return count;
    }

    /** The latest wake-up seen, whatever the threshold. */
    long maxLatenessNanos() {
        return maxLatenessNanos;
    }

    /** Every wake-up recorded, by lateness. */
    LatenessHistogram histogram() {
        return buckets.snapshot();
    }
}

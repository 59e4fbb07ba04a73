package org.vrrp.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.RouterStats;

/**
 * The router's last {@link RouterStats}, refreshed when older than a maximum age. A scrape reads dozens
 * of meters; each {@code stats()} call is a hop to the protocol thread, so they share one snapshot per
 * scrape instead. Thread-safe.
 */
final class StatsSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(StatsSnapshot.class);

    private final Supplier<RouterStats> source;
    private final LongSupplier nanoClock;
    private final long maxAgeNanos;
    private RouterStats last;
    private long takenAtNanos;

    StatsSnapshot(Supplier<RouterStats> source, LongSupplier nanoClock, long maxAgeNanos) {
        this.source = source;
        this.nanoClock = nanoClock;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** A snapshot at most the maximum age old; the previous one if the router cannot answer (never null after the first). */
    synchronized RouterStats get() {
        long now = nanoClock.getAsLong();
        if (last == null || now - takenAtNanos > maxAgeNanos) {
            try {
                last = source.get();
                takenAtNanos = now;
            } catch (RuntimeException e) {
                if (last == null) {
                    throw e;
                }
                LOG.debug("metrics keep the previous VRRP stats: {}", e.toString());
            }
        }
        return last;
    }
}

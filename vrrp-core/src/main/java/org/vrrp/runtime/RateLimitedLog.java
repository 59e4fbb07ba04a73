package org.vrrp.runtime;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a warning once per key per period and counts the repeats it swallowed, so that a flood of bad
 * packets cannot turn logging into the thing that delays adverts. Not thread-safe: one per thread.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final Ticker ticker;
    private final long periodNanos;
    private final Map<String, long[]> lastAndSuppressed = new HashMap<>();

    public RateLimitedLog(Logger log, Ticker ticker, long periodNanos) {
        this.log = log;
        this.ticker = ticker;
        this.periodNanos = periodNanos;
    }

    /** Logs {@code message} at WARN unless {@code key} was logged within the period. */
    public void warn(String key, String message) {
        long now = ticker.nanoTime();
        long[] entry = lastAndSuppressed.get(key);
        if (entry != null && now - entry[0] < periodNanos) {
            entry[1]++;
            return;
        }
        if (entry != null && entry[1] > 0) {
            log.warn("{} ({} more like this since the last report)", message, entry[1]);
        } else {
            log.warn(message);
        }
        if (entry == null) {
            if (lastAndSuppressed.size() > 10_000) {
                lastAndSuppressed.clear(); // keys carry peer addresses: bound the map under spoofed floods
            }
            lastAndSuppressed.put(key, new long[] {now, 0});
        } else {
            entry[0] = now;
            entry[1] = 0;
        }
    }
}

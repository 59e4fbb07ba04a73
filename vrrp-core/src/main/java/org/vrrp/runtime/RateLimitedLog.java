package org.vrrp.runtime;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a warning once per key per period and counts the repeats it swallowed, so that a flood of bad
 * packets cannot turn logging into the thing that delays adverts.
 *
 * <p>A key {@code CONDITION@PEER} names one peer. Sources are trivially forged, so per-key limits alone
 * do not bound the log: a flood from hundreds of forged sources logged a line per source (about 3,000
 * lines in 20 s in HostileFloodIT before this limit). So each condition also names at most
 * {@link #PEERS_PER_PERIOD} peers per period; warnings about further peers are only counted, and the
 * next line logged for that condition says how many were left out. Keys without {@code @} are limited
 * per key only. Not thread-safe: one per thread.
 */
public final class RateLimitedLog {
    /** Peers one condition may name per period; the rest are counted in the next line. */
    public static final int PEERS_PER_PERIOD = 5;

    private final Logger log;
    private final Ticker ticker;
    private final long periodNanos;
    private final Map<String, long[]> lastAndSuppressed = new HashMap<>();
    /** Per condition: start of its period, peers named in it, warnings about other peers left out. */
    private final Map<String, long[]> conditions = new HashMap<>();

    /**
     * @param log where the warnings go
     * @param ticker the clock the period is measured on
     * @param periodNanos the least time between two warnings with the same key
     */
    public RateLimitedLog(Logger log, Ticker ticker, long periodNanos) {
        this.log = log;
        this.ticker = ticker;
        this.periodNanos = periodNanos;
    }

    /**
     * Logs {@code message} at WARN unless {@code key} was logged within the period.
     *
     * @param key the key
     * @param message the message
     */
    public void warn(String key, String message) {
        long now = ticker.nanoTime();
        long[] entry = lastAndSuppressed.get(key);
        if (entry != null && now - entry[0] < periodNanos) {
            entry[1]++;
            return;
        }
        int at = key.indexOf('@');
        long[] condition = null;
        if (at >= 0) {
            condition = conditions.computeIfAbsent(key.substring(0, at), k -> new long[] {now, 0, 0});
            if (now - condition[0] >= periodNanos) {
                condition[0] = now;
                condition[1] = 0;
            }
            if (condition[1] >= PEERS_PER_PERIOD) {
                condition[2]++;
                return;
            }
            condition[1]++;
        }
        String text = message;
        if (entry != null && entry[1] > 0) {
            text += " (" + entry[1] + " more like this since the last report)";
        }
        if (condition != null && condition[2] > 0) {
            text += " (" + condition[2] + " more about other peers left out: at most " + PEERS_PER_PERIOD
                    + " peers named per " + periodNanos / 1_000_000_000L + " s; forged sources? the counters have every packet)";
            condition[2] = 0;
        }
        log.warn(text);
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

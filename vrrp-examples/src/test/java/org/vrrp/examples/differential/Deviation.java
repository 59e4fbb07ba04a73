package org.vrrp.examples.differential;

/**
 * Where our router deliberately differs from keepalived in a scenario, and why: the holder sequence it
 * shows instead (null: the same as keepalived's) and the range of (ours − keepalived's) takeover time of
 * each measured fault. Asserted: a run that matches keepalived instead fails, so a deviation cannot
 * silently disappear or be claimed without being seen.
 */
public record Deviation(String reason, String oursHolders, long minDeltaMillis, long maxDeltaMillis) {
    public Deviation {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a deviation needs its reason");
        }
    }
}

package org.vrrp.protocol;

/**
 * Effective priority from the configured one and the weights of tracked checks, as keepalived does:
 * a positive weight is added while its check is healthy (so not before it first passed), a negative
 * one subtracted while failing (not before it first failed), the sum clamped to 1..254; the address
 * owner (255) is never weighted; a weight-0 check that is failing or not yet known means FAULT, which
 * is decided elsewhere ({@link #isFault}).
 */
public final class PriorityCalculator {
    private PriorityCalculator() {}

    /**
     * @param configuredPriority 1..255
     * @param weights            weight of each tracked check
     * @param status             what each check is known to be now, same order
     * @return the priority the instance advertises
     */
    public static int effectivePriority(int configuredPriority, int[] weights, HealthState.Status[] status) {
        if (configuredPriority == 255) {
            return 255;
        }
        int p = configuredPriority;
        for (int i = 0; i < weights.length; i++) {
            p += contribution(weights[i], status[i]);
        }
        return Math.max(1, Math.min(254, p));
    }

    /**
     * What one check adds to the priority now: its weight if positive and healthy or negative and failing.
     *
     * @param weight the weight
     * @param status the status
     * @return what one check adds to the priority now: its weight if positive and healthy or negative and failing
     */
    public static int contribution(int weight, HealthState.Status status) {
        return (weight > 0 && status == HealthState.Status.HEALTHY)
                || (weight < 0 && status == HealthState.Status.FAILING) ? weight : 0;
    }

    /**
     * Whether a weight-0 check is failing or not yet known, which holds the instance in FAULT.
     *
     * @param weight the weight
     * @param status the status
     * @return whether a weight-0 check is failing or not yet known, which holds the instance in FAULT
     */
    public static boolean isFault(int weight, HealthState.Status status) {
        return weight == 0 && status != HealthState.Status.HEALTHY;
    }
}

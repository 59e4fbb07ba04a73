package org.vrrp.protocol;

/**
 * Effective priority from the configured one and the weights of tracked checks, as keepalived does:
 * a positive weight is added while its check is healthy, a negative one subtracted while failing, the
 * sum clamped to 1..254; the address owner (255) is never weighted; a failing weight-0 check means
 * FAULT, which is decided elsewhere ({@link #isFault}).
 */
public final class PriorityCalculator {
    private PriorityCalculator() {}

    /**
     * @param configuredPriority 1..255
     * @param weights            weight of each tracked check
     * @param healthy            whether each check is healthy now, same order
     */
    public static int effectivePriority(int configuredPriority, int[] weights, boolean[] healthy) {
        if (configuredPriority == 255) {
            return 255;
        }
        int p = configuredPriority;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0 && healthy[i]) {
                p += weights[i];
            } else if (weights[i] < 0 && !healthy[i]) {
                p += weights[i];
            }
        }
        return Math.max(1, Math.min(254, p));
    }

    /** Whether a weight-0 check is failing, which puts the instance in FAULT. */
    public static boolean isFault(int[] weights, boolean[] healthy) {
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0 && !healthy[i]) {
                return true;
            }
        }
        return false;
    }
}

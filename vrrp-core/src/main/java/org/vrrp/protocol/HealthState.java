package org.vrrp.protocol;

/**
 * Debounces one health check like keepalived's {@code vrrp_script}: it turns failing after
 * {@code fall} consecutive failures and healthy again after {@code rise} consecutive successes.
 * Starts healthy, as keepalived does not weigh a check down before it has failed. Not thread-safe.
 */
public final class HealthState {
    private final int fall;
    private final int rise;
    private boolean healthy = true;
    private int streak;

    public HealthState(int fall, int rise) {
        if (fall < 1 || rise < 1) {
            throw new IllegalArgumentException("fall and rise must be >= 1, got fall " + fall + ", rise " + rise);
        }
        this.fall = fall;
        this.rise = rise;
    }

    /**
     * Records one result.
     *
     * @return true if the debounced state flipped
     */
    public boolean record(boolean success) {
        if (success == healthy) {
            streak = 0;
            return false;
        }
        streak++;
        if (streak >= (healthy ? fall : rise)) {
            healthy = !healthy;
            streak = 0;
            return true;
        }
        return false;
    }

    /** Sets the state directly (a result pushed by the application acts at once). */
    public boolean force(boolean nowHealthy) {
        streak = 0;
        boolean flipped = nowHealthy != healthy;
        healthy = nowHealthy;
        return flipped;
    }

    public boolean healthy() {
        return healthy;
    }

    /** Consecutive results against the current state so far. */
    public int streak() {
        return streak;
    }
}

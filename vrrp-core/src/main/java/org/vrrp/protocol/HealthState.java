package org.vrrp.protocol;

/**
 * Debounces one health check like keepalived's {@code vrrp_script}. A polled check starts
 * {@link Status#UNKNOWN}: its first result counts at once, whatever {@code fall} or {@code rise} is
 * (keepalived's {@code vrrp_init_script}); after that it turns failing after {@code fall} consecutive
 * failures and healthy again after {@code rise} consecutive successes. Not thread-safe.
 */
public final class HealthState {
    /** What a check is known to be. */
    public enum Status {
        /** Not run yet: adds no positive weight, subtracts no negative one, and a weight-0 check holds FAULT. */
        UNKNOWN,
        /** Known to be healthy. */
        HEALTHY,
        /** Failing, or not yet known to be healthy. */
        FAILING
    }

    private final int fall;
    private final int rise;
    private Status status;
    private int streak;

    private HealthState(int fall, int rise, Status initial) {
        if (fall < 1 || rise < 1) {
            throw new IllegalArgumentException("fall and rise must be >= 1, got fall " + fall + ", rise " + rise);
        }
        this.fall = fall;
        this.rise = rise;
        this.status = initial;
    }

    /**
     * A check that has not run yet (a polled check, as keepalived's {@code vrrp_script}).
     *
     * @param fall the fall
     * @param rise the rise
     * @return a check that has not run yet (a polled check, as keepalived's {@code vrrp_script})
     */
    public static HealthState notYetKnown(int fall, int rise) {
        return new HealthState(fall, rise, Status.UNKNOWN);
    }

    /**
     * A check taken as healthy until told otherwise (one whose results the application pushes).
     *
     * @param fall the fall
     * @param rise the rise
     * @return a check taken as healthy until told otherwise (one whose results the application pushes)
     */
    public static HealthState healthy(int fall, int rise) {
        return new HealthState(fall, rise, Status.HEALTHY);
    }

    /**
     * The same check with a new fall and rise (a reload): it keeps what it is known to be.
     *
     * @param newFall the fall
     * @param newRise the rise
     * @return the same check with a new fall and rise (a reload): it keeps what it is known to be
     */
    public HealthState withDebounce(int newFall, int newRise) {
        return new HealthState(newFall, newRise, status);
    }

    /**
     * Records one result.
     *
     * @param success the success
     * @return true if the debounced status changed (the first result always changes it)
     */
    public boolean record(boolean success) {
        if (status == Status.UNKNOWN) {
            status = success ? Status.HEALTHY : Status.FAILING;
            streak = 0;
            return true;
        }
        boolean healthy = status == Status.HEALTHY;
        if (success == healthy) {
            streak = 0;
            return false;
        }
        streak++;
        if (streak >= (healthy ? fall : rise)) {
            status = success ? Status.HEALTHY : Status.FAILING;
            streak = 0;
            return true;
        }
        return false;
    }

    /**
     * Sets the status directly (a result pushed by the application acts at once).
     *
     * @param nowHealthy the result
     * @return whether the status changed
     */
    public boolean force(boolean nowHealthy) {
        streak = 0;
        Status next = nowHealthy ? Status.HEALTHY : Status.FAILING;
        boolean changed = next != status;
        status = next;
        return changed;
    }

    /** @return the status now */
    public Status status() {
        return status;
    }

    /**
     * Known to be healthy (not merely not yet failed).
     *
     * @return whether the check is known to be healthy
     */
    public boolean healthy() {
        return status == Status.HEALTHY;
    }

    /**
     * Consecutive results against the current status so far.
     *
     * @return consecutive results against the current status so far
     */
    public int streak() {
        return streak;
    }
}

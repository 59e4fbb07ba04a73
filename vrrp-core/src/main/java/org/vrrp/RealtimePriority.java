package org.vrrp;

/**
 * The range of {@link VrrpRouter.Builder#realtimePriority(int)}: Linux's SCHED_RR priorities, which
 * {@code sched_get_priority_min/max(SCHED_RR)} give as 1 and 99, and keepalived's {@code vrrp_rt_priority}
 * accepts as such. Immutable.
 */
public final class RealtimePriority {
    /** The value that leaves the protocol thread at normal (SCHED_OTHER) priority: the default. */
    public static final int OFF = 0;
    /** The lowest real-time priority. */
    public static final int MIN = 1;
    /** The highest real-time priority. */
    public static final int MAX = 99;

    private RealtimePriority() {
    }

    /** Refuses anything but {@link #OFF} and {@link #MIN}..{@link #MAX}, in the builder's terms. */
    static void check(int priority) {
        if (priority != OFF && (priority < MIN || priority > MAX)) {
            throw new IllegalArgumentException("realtimePriority " + priority + " is out of range: use " + MIN + ".."
                    + MAX + " (a SCHED_RR priority; higher preempts lower), or " + OFF
                    + " for normal scheduling (the default)");
        }
    }
}

package org.vrrp.protocol;

import java.util.ArrayDeque;
import org.vrrp.GarpConfig;

/**
 * The deadlines of a master's gratuitous ARPs / unsolicited NAs, per {@link GarpConfig}: a burst at
 * once, a second burst after the master delay, then refresh bursts. Times are nanoseconds of the
 * caller's clock. Not thread-safe.
 */
final class AnnounceSchedule {
    static final long NONE = Long.MAX_VALUE;

    private final GarpConfig config;
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    private long nextRefreshNanos = NONE;

    AnnounceSchedule(GarpConfig config) {
        this.config = config;
    }

    /** Becoming master at {@code nowNanos}: schedule the first and second bursts and the refreshes. */
    void start(long nowNanos) {
        due.clear();
        addBurst(nowNanos, config.masterRepeat());
        if (config.masterDelayCentis() > 0) {
            addBurst(nowNanos + TimerMath.centisToNanos(config.masterDelayCentis()), config.masterRepeat());
        }
        nextRefreshNanos = config.masterRefreshCentis() > 0
                ? nowNanos + TimerMath.centisToNanos(config.masterRefreshCentis()) : NONE;
    }

    void stop() {
        due.clear();
        nextRefreshNanos = NONE;
    }

    long nextDeadlineNanos() {
        Long head = due.peekFirst();
        return Math.min(head == null ? NONE : head, nextRefreshNanos);
    }

    /** Removes and counts the announcements due by {@code nowNanos}. */
    int takeDue(long nowNanos) {
        if (nextRefreshNanos <= nowNanos) {
            addBurst(nextRefreshNanos, config.masterRefreshRepeat());
            nextRefreshNanos += TimerMath.centisToNanos(config.masterRefreshCentis());
            if (nextRefreshNanos <= nowNanos) {
                // Woke very late (a pause): do not replay every missed refresh, resume from now.
                nextRefreshNanos = nowNanos + TimerMath.centisToNanos(config.masterRefreshCentis());
            }
        }
        int count = 0;
        while (!due.isEmpty() && due.peekFirst() <= nowNanos) {
            due.pollFirst();
            count++;
        }
        return count;
    }

    private void addBurst(long startNanos, int repeat) {
        long gapNanos = TimerMath.centisToNanos(config.intervalCentis());
        for (int i = 0; i < repeat; i++) {
            long t = startNanos + i * gapNanos;
            // Bursts may interleave (a refresh during the second burst): keep the queue sorted.
            if (due.isEmpty() || due.peekLast() <= t) {
                due.addLast(t);
            } else {
                ArrayDeque<Long> rest = new ArrayDeque<>();
                while (!due.isEmpty() && due.peekLast() > t) {
                    rest.addFirst(due.pollLast());
                }
                due.addLast(t);
                due.addAll(rest);
            }
        }
    }
}

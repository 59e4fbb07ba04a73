package org.vrrp.linux.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling of kernel state: integration tests wait for real processes and the kernel, so they
 * re-read state until it matches or a deadline passes. Never a fixed sleep as an assertion.
 */
public final class Poll {
    private static final long INTERVAL_MILLIS = 50;

    private Poll() {
    }

    /**
     * Re-reads {@code state} until {@code done} accepts it.
     *
     * @return the accepted value
     * @throws AssertionError after {@code timeout}, naming {@code what} and the last value seen
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> state, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        while (true) {
            last = state.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        until(timeout, what, condition, Boolean::booleanValue);
    }

    /**
     * Measures how long after {@code sinceNanos} (a {@link System#nanoTime()} taken just before the event)
     * {@code condition} first holds, re-reading it every {@code interval}: for timing assertions, where
     * {@link #until}'s 50 ms step would blur the figure. The result overstates the true delay by at most
     * one interval plus one read.
     *
     * @throws AssertionError if it does not hold within {@code timeout} of {@code sinceNanos}
     */
    public static Duration elapsedUntil(long sinceNanos, Duration timeout, Duration interval, String what,
                                        Supplier<Boolean> condition) {
        while (true) {
            if (condition.get()) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            long elapsed = System.nanoTime() - sinceNanos;
            if (elapsed > timeout.toNanos()) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}

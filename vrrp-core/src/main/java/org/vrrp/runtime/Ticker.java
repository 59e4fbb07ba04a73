package org.vrrp.runtime;

/** A monotonic nanosecond clock, injected so that tests can run on virtual time. */
@FunctionalInterface
public interface Ticker {
    /** The system's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /** @return the current time in nanoseconds, for deadlines (monotonic, as {@link System#nanoTime()}) */
    long nanoTime();
}

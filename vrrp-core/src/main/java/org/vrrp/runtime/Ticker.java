package org.vrrp.runtime;

/** A monotonic nanosecond clock, injected so that tests can run on virtual time. */
@FunctionalInterface
public interface Ticker {
    /** The system's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}

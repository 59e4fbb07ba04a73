package org.vrrp.runtime;

/**
 * Hands work to a router's protocol thread (or, in a simulation, to the event queue). Implementations
 * are thread-safe; the task runs later, never inside {@code post}.
 */
@FunctionalInterface
public interface TaskPoster {
    /** @param task what to run on the protocol thread, later */
    void post(Runnable task);
}

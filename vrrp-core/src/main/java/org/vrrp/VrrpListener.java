package org.vrrp;

/**
 * Told when a VRRP instance changes state.
 *
 * <p>Threading and guarantees: callbacks run on the router's listener executor (a single thread
 * {@code vrrp-<router>-listener} by default, or the one given to {@code listenerExecutor}), never on
 * the protocol thread, so a slow listener cannot delay an advert. They are edge-triggered and delivered
 * one at a time in {@link StateChange#sequence()} order. A callback may be stale by the time it runs:
 * when it is, the opposite callback follows.
 *
 * <p>For each transition {@link #stateChanged} is called first, then the callback of the new state.
 * Each call stands alone: an exception thrown by one is logged, and the others of the same transition
 * (this listener's included) still run, as does the router.
 *
 * <p>A listener added with {@link VrrpRouter#addListener} sees the transitions from then on; one removed
 * with {@link VrrpRouter#removeListener} gets no callback that starts after that returns. A listener may
 * call any method of its router, {@link VrrpRouter#close()} included (the last callbacks then follow
 * when the current callback returns), but not {@link VrrpRouter#awaitState}, which would wait for
 * its own thread (use {@link VrrpRouter#onState}).
 */
public interface VrrpListener {
    /**
     * The instance now owns its virtual addresses (they are on the interface and announced).
     *
     * @param change the change
     */
    default void becomeMaster(StateChange change) {}

    /**
     * The instance listens to another master; its virtual addresses have been removed.
     *
     * @param change the change
     */
    default void becomeBackup(StateChange change) {}

    /**
     * A tracked link or weight-0 health check failed; the instance neither owns nor claims the addresses.
     *
     * @param change the change
     */
    default void becomeFault(StateChange change) {}

    /**
     * Every transition, including to {@link VrrpState#INITIALIZE} on close.
     *
     * @param change the change
     */
    default void stateChanged(StateChange change) {}
}

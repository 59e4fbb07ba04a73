package org.vrrp.runtime;

import java.time.Duration;
import org.vrrp.Reason;
import org.vrrp.VrrpState;
import org.vrrp.protocol.Action;

/**
 * One instance's fault for a VIP the kernel would not add (issue 13): set when an add fails, cleared
 * after {@link #RETRY_NANOS} so that the instance tries again, and the bookkeeping that keeps a
 * mastership that never held its VIPs out of what listeners hear.
 *
 * <p>Not thread-safe: the protocol thread owns it, like the rest of {@link RouterEngine}.
 */
final class VipFault {
    /** How long an instance stays in FAULT after a failed add before it may try again. */
    static final long RETRY_NANOS = Duration.ofSeconds(10).toNanos();
    private Reason.VipNotAdded reason;
    private long retryNanos = Long.MAX_VALUE;
    /** The state listeners last heard, when a transition to MASTER was held back. */
    private VrrpState unpublishedFrom;
    /** Transitions to MASTER and adverts that the machine counted but that were dropped. */
    private long droppedMasters;
    private long droppedAdverts;
    /** Told whenever {@link #retryNanos} changes: the engine's timer queue keeps it. */
    private Runnable retryListener = () -> { };

    /** @param listener told, without arguments, whenever {@link #retryNanos} changes; replaces the previous one */
    void setRetryListener(Runnable listener) {
        retryListener = listener;
    }

    /** The fault reason, or null when there is none. */
    Reason.VipNotAdded reason() {
        return reason;
    }

    /** When the fault clears, or {@link Long#MAX_VALUE}. */
    long retryNanos() {
        return retryNanos;
    }

    /** @param failure the VIP the kernel refused, and why */
    void set(Reason.VipNotAdded failure, long nowNanos) {
        reason = failure;
        retryNanos = nowNanos + RETRY_NANOS;
        retryListener.run();
    }

    /** Clears the fault if its time is up; true if it did (the caller re-evaluates the instance). */
    boolean retryDue(long nowNanos) {
        if (reason == null || nowNanos < retryNanos) {
            return false;
        }
        reason = null;
        retryNanos = Long.MAX_VALUE;
        retryListener.run();
        return true;
    }

    /**
     * Whether an action the machine queued after the failed add claims a mastership we do not have: an
     * advert at our priority, an announcement, or the transition to MASTER (remembered, see
     * {@link #published}).
     */
    boolean dropsClaim(Action action) {
        if (action instanceof Action.Transition t && t.to() == VrrpState.MASTER) {
            if (unpublishedFrom == null) {
                unpublishedFrom = t.from();
            }
            droppedMasters++;
            return true;
        }
        if (action instanceof Action.SendAdvert s && s.packet().priority() > 0) {
            droppedAdverts++;
            return true;
        }
        return action instanceof Action.Announce;
    }

    /** Transitions to MASTER that were never carried out: the machine's becameMaster counts them. */
    long droppedMasters() {
        return droppedMasters;
    }

    /** Adverts that were never sent: the machine's advertsSent counts them. */
    long droppedAdverts() {
        return droppedAdverts;
    }

    /**
     * The transition as listeners must hear it: one out of a MASTER they never heard of is told from the
     * state they last heard; null if that is the state it goes to (nothing to tell).
     */
    Action.Transition published(Action.Transition t) {
        if (unpublishedFrom == null || t.from() != VrrpState.MASTER) {
            return t;
        }
        VrrpState from = unpublishedFrom;
        unpublishedFrom = null;
        return from == t.to() ? null : new Action.Transition(from, t.to(), t.reason(), t.priority());
    }
}

package org.vrrp.protocol;

import java.net.InetAddress;
import java.util.Objects;
import org.vrrp.Reason;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpPacket;

/** What can happen to a {@link VirtualRouterMachine}, besides time passing. A closed set. */
public sealed interface Input {
    /** RFC 9568 6.4.1: the Startup event. */
    record Start() implements Input {}

    /** RFC 9568 6.4.2/6.4.3: the Shutdown event (close, or the JVM stopping). */
    record Shutdown() implements Input {}

    /**
     * A planned stop that hands the traffic over before letting go: a master sends priority 0 at once but keeps
     * its addresses until another router advertises, or until Master_Down_Interval at priority 1 has passed; then
     * it goes to INITIALIZE and removes them. Other states ignore it. A {@link Shutdown} follows it.
     */
    record HandOver() implements Input {}

    /**
     * An advertisement that decoded and is for this instance's VRID.
     *
     * @param ttl IPv4 TTL or IPv6 hop limit as received; -1 when the adapter could not read it
     */
    record AdvertReceived(VrrpPacket packet, InetAddress source, int ttl, ChecksumForm checksumForm)
            implements Input {}

    /**
     * This instance's own fault condition changed: a tracked link lost or regained carrier, or a
     * weight-0 health check failed or recovered, a VIP could not be added.
     *
     * @param reason the fault while {@code fault}; when it clears, why (the fault's {@link Reason.Fault#cleared()})
     */
    record FaultChanged(boolean fault, Reason reason) implements Input {
        /**
         * Checks that the reason is given.
         *
         * @param fault whether the instance is now in fault
         * @param reason the fault while {@code fault}; when it clears, why (the fault's {@link Reason.Fault#cleared()})
         */
        public FaultChanged {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The instance is in fault for {@code fault}.
         *
         * @param fault what the instance is in fault for
         * @return the input that puts the instance in fault
         */
        public static FaultChanged raised(Reason.Fault fault) {
            return new FaultChanged(true, fault);
        }

        /**
         * {@code fault} is over.
         *
         * @param fault the fault that is over
         * @return the input that clears {@code fault}
         */
        public static FaultChanged cleared(Reason.Fault fault) {
            return new FaultChanged(false, fault.cleared());
        }
    }

    /**
     * Planned handover: a master sends priority 0 (so a backup takes over after its skew time) and
     * steps down to BACKUP. The driver lowers the priority first so that preempt does not undo it.
     */
    record Resign(Reason reason) implements Input {}

    /**
     * The effective priority is now this (API call, reload or a weighted health check), 1..255; the machine
     * reports a change with {@code reason} ({@link Action.PriorityChanged}).
     */
    record PriorityChanged(int effectivePriority, Reason reason) implements Input {}
}

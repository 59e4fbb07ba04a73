package org.vrrp.protocol;

import java.net.InetAddress;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpPacket;

/** What can happen to a {@link VirtualRouterMachine}, besides time passing. A closed set. */
public sealed interface Input {
    /** RFC 9568 6.4.1: the Startup event. */
    record Start() implements Input {}

    /** RFC 9568 6.4.2/6.4.3: the Shutdown event (close, or the JVM stopping). */
    record Shutdown() implements Input {}

    /**
     * An advertisement that decoded and is for this instance's VRID.
     *
     * @param ttl IPv4 TTL or IPv6 hop limit as received; -1 when the adapter could not read it
     */
    record AdvertReceived(VrrpPacket packet, InetAddress source, int ttl, ChecksumForm checksumForm)
            implements Input {}

    /**
     * This instance's own fault condition changed: a tracked link lost or regained carrier, or a
     * weight-0 health check failed or recovered.
     */
    record FaultChanged(boolean fault, String reason) implements Input {}

    /**
     * Planned handover: a master sends priority 0 (so a backup takes over after its skew time) and
     * steps down to BACKUP. The driver lowers the priority first so that preempt does not undo it.
     */
    record Resign(String reason) implements Input {}

    /** The effective priority changed (API call or a weighted health check), 1..255. */
    record PriorityChanged(int effectivePriority, String reason) implements Input {}
}

package org.vrrp.spi;

/**
 * Receives what a {@link VrrpChannel} reads. Called on the adapter's I/O thread: implementations must
 * be quick and must not block (the core decodes and queues to the protocol thread).
 */
@FunctionalInterface
public interface PacketHandler {
    /**
     * Called on the adapter's I/O thread with each packet received; must not block.
     *
     * @param packet the packet, with its IP source, destination, TTL and interface
     */
    void onPacket(ReceivedPacket packet);
}

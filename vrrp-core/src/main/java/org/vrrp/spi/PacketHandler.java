package org.vrrp.spi;

/**
 * Receives what a {@link VrrpChannel} reads. Called on the adapter's I/O thread: implementations must
 * be quick and must not block (the core decodes and queues to the protocol thread).
 */
@FunctionalInterface
public interface PacketHandler {
    void onPacket(ReceivedPacket packet);
}

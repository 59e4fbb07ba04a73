package org.vrrp.packet;

import java.net.InetAddress;
import java.util.List;

/**
 * The fields of one VRRP advertisement as the protocol machine reads them: an immutable {@link VrrpPacket}, or
 * an {@link AdvertView} the receive path decodes every advert into and reuses. Reading a field allocates nothing,
 * {@link #addresses()} aside.
 *
 * <p>Thread-safety: that of the implementation ({@link VrrpPacket} is immutable; an {@link AdvertView} belongs to
 * one thread at a time).
 */
public interface Advert {
    /** @return 2 or 3 */
    int version();

    /** @return IPv4 or IPv6; v2 is always IPv4 */
    AddressFamily family();

    /** @return the virtual router id, 1..255 */
    int vrid();

    /** @return 0 (master resigning) .. 255 (address owner) */
    int priority();

    /** @return the advertisement interval in centiseconds; for v2 the seconds field times 100 */
    int advertIntervalCentis();

    /** @return the v2 auth type (0 none, 1 simple text); 0 for v3 */
    int authType();

    /**
     * Whether the v2 auth data equals {@code expected} (8 bytes), without copying.
     *
     * @param expected the auth data to compare with
     * @return whether they are equal
     */
    boolean authDataEquals(byte[] expected);

    /** @return the number of addresses (0 is representable: keepalived sends it for an instance without VIPs) */
    int addressCount();

    /**
     * Whether the address at {@code index} (wire order) has exactly the bytes {@code address}; allocates nothing.
     *
     * @param index 0 .. {@link #addressCount()} - 1
     * @param address 4 or 16 bytes
     * @return whether equal; false if the lengths differ
     */
    boolean addressEquals(int index, byte[] address);

    /**
     * The addresses, in wire order, as {@link InetAddress} objects: for messages and logs. An {@link AdvertView}
     * builds the list on each call.
     *
     * @return the addresses, unmodifiable
     */
    List<InetAddress> addresses();
}

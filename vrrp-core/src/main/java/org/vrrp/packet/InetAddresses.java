package org.vrrp.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns raw 4- or 16-byte addresses into {@link InetAddress}es without name lookups. */
final class InetAddresses {
    private InetAddresses() {}

    /**
     * The address held in {@code bytes} (4 or 16 bytes). A 16-byte address stays an
     * {@link Inet6Address} even when it is IPv4-mapped ({@code ::ffff:a.b.c.d}), unlike
     * {@link InetAddress#getByAddress(byte[])}, so the family of a decoded address is the family it
     * was sent in.
     */
    static InetAddress of(byte[] bytes) {
        try {
            if (bytes.length == 16) {
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }
}

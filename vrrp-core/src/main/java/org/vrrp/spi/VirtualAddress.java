package org.vrrp.spi;

import java.net.InetAddress;
import java.util.Objects;
import org.vrrp.packet.AddressFamily;

/**
 * A virtual IP address as it is put on an interface: the address, its prefix length, and the device.
 *
 * <p>Like keepalived, an address configured without a prefix is added as a host route (/32 or /128);
 * with a prefix, as an address of that prefix. {@code device} is the interface that carries it.
 *
 * @param address       the VIP
 * @param prefixLength  0..32 for IPv4, 0..128 for IPv6
 * @param device        interface name the address is added to
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device) {
    /**
     * Checks that the components are present and the prefix length fits the address family.
     *
     * @param address the VIP
     * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
     * @param device interface name the address is added to
     */
    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        int max = family(address) == AddressFamily.IPV4 ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length of " + address.getHostAddress() + " must be in 0.."
                    + max + ", got " + prefixLength);
        }
    }

    private static AddressFamily family(InetAddress a) {
        return AddressFamily.of(a);
    }

    /**
     * IPv4 or IPv6.
     *
     * @return the family
     */
    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + device;
    }
}

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
 * @param label         IPv4 only: the address label ({@code IFA_LABEL}, e.g. {@code eth0:1}, what {@code ip addr}
 *                      and {@code ifconfig} show), at most 15 characters; null for none (the kernel then uses the
 *                      device name)
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, String label) {
    /** Longest label the kernel takes (IFNAMSIZ - 1). */
    public static final int MAX_LABEL_LENGTH = 15;

    /**
     * Checks that the components are present, the prefix length fits the address family and the label is valid.
     *
     * @param address the VIP
     * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
     * @param device interface name the address is added to
     * @param label IPv4 only: the address label, at most 15 characters, or null for none
     */
    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        if (label != null) {
            if (family(address) != AddressFamily.IPV4) {
                throw new IllegalArgumentException("label " + label + " on " + address.getHostAddress()
                        + ": only IPv4 addresses carry a label");
            }
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("label \"" + label + "\" of " + address.getHostAddress()
                        + " must be 1.." + MAX_LABEL_LENGTH + " characters");
            }
        }
        int max = family(address) == AddressFamily.IPV4 ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length of " + address.getHostAddress() + " must be in 0.."
                    + max + ", got " + prefixLength);
        }
    }

    /**
     * An address without a label.
     *
     * @param address the VIP
     * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
     * @param device interface name the address is added to
     */
    public VirtualAddress(InetAddress address, int prefixLength, String device) {
        this(address, prefixLength, device, null);
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
        return address.getHostAddress() + "/" + prefixLength + " dev " + device + (label == null ? "" : " label " + label);
    }
}

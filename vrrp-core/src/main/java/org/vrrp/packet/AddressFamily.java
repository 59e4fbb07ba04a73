package org.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The IP family a VRRP instance runs on. One instance is one family (RFC 9568 section 5.2.9). */
public enum AddressFamily {
    /** IPv4: 4-byte addresses, VRRPv2 or v3. */
    IPV4(4),
    /** IPv6: 16-byte addresses, VRRPv3 only. */
    IPV6(16);

    private final int addressLength;

    AddressFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /**
     * Length of one address of this family in bytes: 4 or 16.
     *
     * @return the address length
     */
    public int addressLength() {
        return addressLength;
    }

    /**
     * The family of {@code address}.
     *
     * @param address the address
     * @return the family of {@code address}
     */
    public static AddressFamily of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return IPV4;
        }
        if (address instanceof Inet6Address) {
            return IPV6;
        }
        throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + address);
    }
}

package org.vrrp.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import jnr.ffi.Pointer;

/**
 * Writes socket address structures into native memory, byte by byte in the order C lays them out:
 * families are host order, addresses and ports network order (pitfall 1). Stateless.
 */
final class SocketAddresses {
    private SocketAddresses() {
    }

    /** struct sockaddr_in { sa_family_t; in_port_t; struct in_addr; char zero[8]; } */
    static void writeSockaddrIn(Pointer p, Inet4Address address) {
        p.put(0, new byte[LinuxConstants.SIZEOF_SOCKADDR_IN], 0, LinuxConstants.SIZEOF_SOCKADDR_IN);
        p.putShort(0, (short) LinuxConstants.AF_INET);
        p.put(4, address.getAddress(), 0, 4);
    }

    /** struct sockaddr_in6 { family; port; flowinfo; in6_addr; scope_id } — scope id is the ifindex. */
    static void writeSockaddrIn6(Pointer p, Inet6Address address, int scopeIfindex) {
        p.put(0, new byte[LinuxConstants.SIZEOF_SOCKADDR_IN6], 0, LinuxConstants.SIZEOF_SOCKADDR_IN6);
        p.putShort(0, (short) LinuxConstants.AF_INET6);
        p.put(8, address.getAddress(), 0, 16);
        p.putInt(24, scopeIfindex);
    }

    /** struct sockaddr_ll for sending: family, protocol (network order), ifindex, hatype, halen, addr. */
    static void writeSockaddrLl(Pointer p, int ethertype, int ifindex, byte[] destinationMac) {
        p.put(0, new byte[LinuxConstants.SIZEOF_SOCKADDR_LL], 0, LinuxConstants.SIZEOF_SOCKADDR_LL);
        p.putShort(0, (short) LinuxConstants.AF_PACKET);
        p.putByte(2, (byte) (ethertype >>> 8));
        p.putByte(3, (byte) ethertype);
        p.putInt(4, ifindex);
        p.putShort(8, (short) LinuxConstants.ARPHRD_ETHER);
        p.putByte(11, (byte) destinationMac.length);
        p.put(12, destinationMac, 0, destinationMac.length);
    }

    /** struct sockaddr_nl { family; pad; pid; groups }; pid 0 addresses the kernel. */
    static void writeSockaddrNl(Pointer p, int groups) {
        p.put(0, new byte[LinuxConstants.SIZEOF_SOCKADDR_NL], 0, LinuxConstants.SIZEOF_SOCKADDR_NL);
        p.putShort(0, (short) LinuxConstants.AF_NETLINK);
        p.putInt(8, groups);
    }

    /**
     * An address from its raw 4 or 16 bytes, without scope: the interface is known from the context, and
     * unscoped addresses compare equal by their bytes, which the election tie-break relies on.
     */
    static InetAddress fromBytes(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes", e); // only 4 or 16 reach here
        }
    }
}

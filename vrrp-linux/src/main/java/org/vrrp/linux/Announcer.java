package org.vrrp.linux;

import java.io.IOException;
import java.net.Inet6Address;
import jnr.ffi.Pointer;

/**
 * Sends gratuitous ARPs (over an AF_PACKET socket, so the frame is exactly ours) and unsolicited
 * neighbor advertisements (over a raw ICMPv6 socket: the kernel computes the checksum and picks the
 * link-local source). Neither socket is ever read: the packet socket is opened with protocol 0, which
 * receives nothing, and the ICMPv6 socket filters out every type. Both are opened with the stack
 * ({@link #openSockets}), in the stack's namespace: opening one on first use would put a namespace hop (a
 * thread) and a socket() between a new master's VIP and its first gratuitous ARP. One that could not be
 * opened then is tried again on first use, where its error is reported.
 *
 * <p>Thread-safety: methods are serialised on this object.
 */
final class Announcer implements AutoCloseable {
    private final NetworkNamespace namespace;
    private final Pointer frame = Native.allocate(64);
    private final Pointer address = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_IN6);
    private int packetFd = -1;
    private int icmpv6Fd = -1;
    private boolean closed;

    /**
     * @param namespace the stack's namespace, for a socket opened on first use
     * @param sockets the sockets opened with the stack ({@link #openSockets}); a -1 is opened on first use
     */
    Announcer(NetworkNamespace namespace, Sockets sockets) {
        this.namespace = namespace;
        this.packetFd = sockets.packetFd();
        this.icmpv6Fd = sockets.icmpv6Fd();
    }

    /** The two sockets, or -1 for one not opened. */
    record Sockets(int packetFd, int icmpv6Fd) {
    }

    /**
     * Opens both sockets in the calling thread's namespace (the stack's, while it opens), best effort: a host
     * without IPv6, say, has no ICMPv6 socket, which matters only if an IPv6 address is announced.
     */
    static Sockets openSockets() {
        int packet = -1;
        int icmpv6 = -1;
        try {
            packet = openPacketSocket();
        } catch (ErrnoException e) {
            // tried again, and reported, on first use
        }
        try {
            icmpv6 = openIcmpv6Socket();
        } catch (ErrnoException e) {
            // tried again, and reported, on first use
        }
        return new Sockets(packet, icmpv6);
    }

    private static int openPacketSocket() throws ErrnoException {
        return Native.socket(LinuxConstants.AF_PACKET, LinuxConstants.SOCK_RAW, 0, "AF_PACKET, SOCK_RAW",
                Advice::netRaw);
    }

    /** Broadcasts one gratuitous ARP for {@code ipv4} from {@code mac} on interface {@code ifindex}. */
    synchronized void gratuitousArp(String interfaceName, int ifindex, byte[] mac, byte[] ipv4) throws IOException {
        if (packetFd < 0) {
            checkOpen();
            packetFd = namespace.run(Announcer::openPacketSocket);
        }
        byte[] bytes = AnnouncementFrames.gratuitousArp(mac, ipv4);
        frame.put(0, bytes, 0, bytes.length);
        SocketAddresses.writeSockaddrLl(address, LinuxConstants.ETH_P_ARP, ifindex, AnnouncementFrames.BROADCAST_MAC);
        send(packetFd, bytes.length, LinuxConstants.SIZEOF_SOCKADDR_LL, "gratuitous ARP on " + interfaceName);
    }

    /** Sends one unsolicited neighbor advertisement for {@code ipv6} to ff02::1 on interface {@code ifindex}. */
    synchronized void unsolicitedNeighborAdvert(String interfaceName, int ifindex, byte[] mac, byte[] ipv6)
            throws IOException {
        if (icmpv6Fd < 0) {
            checkOpen();
            icmpv6Fd = namespace.run(Announcer::openIcmpv6Socket);
        }
        byte[] bytes = AnnouncementFrames.unsolicitedNeighborAdvert(mac, ipv6);
        frame.put(0, bytes, 0, bytes.length);
        byte[] allNodes = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
        // The scope id picks the interface for the link-local multicast destination.
        SocketAddresses.writeSockaddrIn6(address, (Inet6Address) SocketAddresses.fromBytes(allNodes), ifindex);
        Native.setsockoptInt(icmpv6Fd, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_IF, ifindex,
                "IPV6_MULTICAST_IF " + interfaceName);
        send(icmpv6Fd, bytes.length, LinuxConstants.SIZEOF_SOCKADDR_IN6,
                "unsolicited neighbor advertisement on " + interfaceName);
    }

    private void send(int fd, int length, int addressLength, String what) throws ErrnoException {
        try {
            Native.sendto(fd, frame, length, address, addressLength);
        } catch (ErrnoException e) {
            throw e.as("sendto(" + what + ")", Advice::send);
        }
    }

    private static int openIcmpv6Socket() throws ErrnoException {
        return Native.socket(LinuxConstants.AF_INET6, LinuxConstants.SOCK_RAW, LinuxConstants.IPPROTO_ICMPV6,
                "AF_INET6, SOCK_RAW, IPPROTO_ICMPV6", Advice::netRaw, fd -> {
            Pointer blockAll = Native.allocate(32); // struct icmp6_filter: a set bit blocks that type
            for (int i = 0; i < 32; i += 4) {
                blockAll.putInt(i, -1);
            }
            Native.setsockopt(fd, LinuxConstants.IPPROTO_ICMPV6, LinuxConstants.ICMP6_FILTER, blockAll, 32,
                    "ICMP6_FILTER", null);
            // Neighbor discovery drops anything that arrives with a hop limit below 255.
            Native.setsockoptInt(fd, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_HOPS, 255,
                    "IPV6_MULTICAST_HOPS");
            Native.setsockoptInt(fd, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_LOOP, 0,
                    "IPV6_MULTICAST_LOOP");
        });
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the network stack is closed");
        }
    }

    /** Closes both sockets. Only the announcing thread uses them, and this waits for it (same lock). */
    @Override
    public synchronized void close() {
        closed = true;
        Native.close(packetFd);
        Native.close(icmpv6Fd);
        packetFd = -1;
        icmpv6Fd = -1;
    }
}

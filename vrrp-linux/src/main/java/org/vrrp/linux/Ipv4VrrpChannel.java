package org.vrrp.linux;

import static org.vrrp.linux.LinuxConstants.IPPROTO_IP;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.function.Consumer;
import jnr.ffi.Pointer;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;

/**
 * VRRP over IPv4: a raw socket for IP protocol 112 bound to one interface, sending with TTL 255, TOS
 * 0xc0 and no DF like keepalived (pitfall 10), joined to 224.0.0.18 on that interface only (pitfall 6)
 * unless it runs with unicast peers. The kernel delivers the IPv4 header with each datagram; source,
 * destination and TTL are read from it and only the VRRP payload is passed on (pitfall 7).
 *
 * <p>Thread-safety: as {@link RawVrrpChannel}.
 */
final class Ipv4VrrpChannel extends RawVrrpChannel {
    static final byte[] GROUP = {(byte) 224, 0, 0, 18};
    static final int TOS_NETWORK_CONTROL = 0xc0;

    private final Pointer receiveBuffer = Native.allocate(RECEIVE_BUFFER_BYTES);

    Ipv4VrrpChannel(Endpoint endpoint, int fd, Transmit transmit, IoLoop loop, PacketHandler handler,
                    Consumer<RawVrrpChannel> onClose) {
        super(endpoint, fd, transmit, loop, handler, onClose);
    }

    /** Creates and configures the socket in the calling thread's namespace; returns its descriptor. */
    static int openSocket(Endpoint endpoint) throws ErrnoException {
        return Native.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_NONBLOCK,
                LinuxConstants.IPPROTO_VRRP, "AF_INET, SOCK_RAW, IPPROTO_VRRP", Advice::netRaw, fd -> {
            applyCommonOptions(fd, endpoint);
            Native.setsockoptInt(fd, IPPROTO_IP, LinuxConstants.IP_TOS, TOS_NETWORK_CONTROL, "IP_TOS");
            Native.setsockoptInt(fd, IPPROTO_IP, LinuxConstants.IP_TTL, 255, "IP_TTL");
            // keepalived sends without DF; path MTU discovery means nothing for a one-hop multicast.
            Native.setsockoptInt(fd, IPPROTO_IP, LinuxConstants.IP_MTU_DISCOVER, LinuxConstants.IP_PMTUDISC_DONT,
                    "IP_MTU_DISCOVER");
            Native.setsockoptInt(fd, IPPROTO_IP, LinuxConstants.IP_MULTICAST_TTL, 255, "IP_MULTICAST_TTL");
            Native.setsockoptInt(fd, IPPROTO_IP, LinuxConstants.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            Native.setsockoptInt(fd, IPPROTO_IP, LinuxConstants.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
            // Pin the source to the primary address we advertise as: left to the kernel, a /32 VIP on the
            // interface could become the source, and peers would break priority ties on the wrong address.
            Pointer mreqn = ipMreqn(new byte[4], endpoint.interfaceIndex());
            mreqn.put(4, endpoint.localAddress().getAddress(), 0, 4);
            Native.setsockopt(fd, IPPROTO_IP, LinuxConstants.IP_MULTICAST_IF, mreqn, LinuxConstants.SIZEOF_IP_MREQN,
                    "IP_MULTICAST_IF " + endpoint.interfaceName() + " from " + endpoint.localAddress().getHostAddress(),
                    null);
            if (endpoint.chosenSource() && !endpoint.unicastPeers().isEmpty()) {
                // IP_MULTICAST_IF sets the source of multicast only. For unicast, binding fixes it; a bound IPv4
                // raw socket then receives only datagrams to that address, which is where unicast peers send.
                Pointer local = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_IN);
                SocketAddresses.writeSockaddrIn(local, (Inet4Address) endpoint.localAddress());
                Native.bind(fd, local, LinuxConstants.SIZEOF_SOCKADDR_IN,
                        "bind to " + endpoint.localAddress().getHostAddress());
            }
            if (endpoint.unicastPeers().isEmpty() && !endpoint.sendOnly()) {
                Native.setsockopt(fd, IPPROTO_IP, LinuxConstants.IP_ADD_MEMBERSHIP, ipMreqn(GROUP,
                        endpoint.interfaceIndex()), LinuxConstants.SIZEOF_IP_MREQN,
                        "IP_ADD_MEMBERSHIP 224.0.0.18 on " + endpoint.interfaceName(), null);
            }
        });
    }

    /** struct ip_mreqn { in_addr imr_multiaddr; in_addr imr_address; int imr_ifindex; } */
    private static Pointer ipMreqn(byte[] group, int ifindex) {
        Pointer p = Native.allocate(LinuxConstants.SIZEOF_IP_MREQN);
        p.put(0, group, 0, 4);
        p.putInt(8, ifindex);
        return p;
    }

    @Override
    int writeDestination(InetAddress destination) {
        if (!(destination instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("IPv4 channel cannot send to " + destination);
        }
        SocketAddresses.writeSockaddrIn(destinationBuffer, v4);
        return LinuxConstants.SIZEOF_SOCKADDR_IN;
    }

    @Override
    boolean receiveOne() throws IOException {
        long n = Native.recvNonBlocking(fd, receiveBuffer, RECEIVE_BUFFER_BYTES, "VRRP on " + interfaceName());
        if (n < 0) {
            return false;
        }
        byte[] datagram = new byte[(int) n];
        receiveBuffer.get(0, datagram, 0, datagram.length);
        ReceivedPacket packet = Ipv4Datagram.parse(interfaceName(), datagram);
        if (packet != null) {
            deliver(packet);
        }
        return true;
    }
}

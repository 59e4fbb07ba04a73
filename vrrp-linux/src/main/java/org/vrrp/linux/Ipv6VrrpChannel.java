package org.vrrp.linux;

import static org.vrrp.linux.LinuxConstants.IPPROTO_IPV6;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.function.Consumer;
import jnr.ffi.Pointer;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;

/**
 * VRRP over IPv6: a raw socket for next header 112 bound to one interface, joined to ff02::12 there,
 * sending with hop limit 255 and traffic class 0xc0; the kernel fills the checksum (IPV6_CHECKSUM at
 * offset 6). IPv6 raw sockets deliver no header (pitfall 7): {@code recvmsg} returns the source in
 * msg_name, the hop limit and destination in IPV6_HOPLIMIT and IPV6_PKTINFO control messages. The
 * msghdr and everything it points to are native memory allocated once per socket (pitfall 3).
 *
 * <p>Thread-safety: as {@link RawVrrpChannel}; the receive structures are used by the I/O thread only.
 */
final class Ipv6VrrpChannel extends RawVrrpChannel {
    static final byte[] GROUP = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};
    static final int CHECKSUM_OFFSET = 6;
    private static final int CONTROL_BYTES = 256;

    private final Pointer receiveBuffer = Native.allocate(RECEIVE_BUFFER_BYTES);
    private final Pointer sourceName = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_IN6);
    private final Pointer iovec = Native.allocate(LinuxConstants.SIZEOF_IOVEC);
    private final Pointer control = Native.allocate(CONTROL_BYTES);
    private final Pointer msghdr = Native.allocate(LinuxConstants.SIZEOF_MSGHDR);

    Ipv6VrrpChannel(Endpoint endpoint, int fd, Transmit transmit, IoLoop loop, PacketHandler handler,
                    Consumer<RawVrrpChannel> onClose) {
        super(endpoint, fd, transmit, loop, handler, onClose);
        iovec.putAddress(0, receiveBuffer.address());
        iovec.putLong(8, RECEIVE_BUFFER_BYTES);
        msghdr.putAddress(0, sourceName.address());
        msghdr.putAddress(16, iovec.address());
        msghdr.putLong(24, 1);
        msghdr.putAddress(32, control.address());
    }

    /** Creates and configures the socket in the calling thread's namespace; returns its descriptor. */
    static int openSocket(Endpoint endpoint) throws ErrnoException {
        return Native.socket(LinuxConstants.AF_INET6, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_NONBLOCK,
                LinuxConstants.IPPROTO_VRRP, "AF_INET6, SOCK_RAW, IPPROTO_VRRP", Advice::netRaw, fd -> {
            applyCommonOptions(fd, endpoint);
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_CHECKSUM, CHECKSUM_OFFSET, "IPV6_CHECKSUM");
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_IF, endpoint.interfaceIndex(),
                    "IPV6_MULTICAST_IF " + endpoint.interfaceName());
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_TCLASS, Ipv4VrrpChannel.TOS_NETWORK_CONTROL,
                    "IPV6_TCLASS");
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
            // Adverts must come from the router's own link-local address (RFC 9568 5.1.2.1). Left to the
            // kernel, a link-local VIP added later becomes the source, and peers then break priority ties
            // against the VIP instead of the router. Binding fixes the source; a raw socket bound to a
            // unicast address still receives the multicast groups it joined.
            Pointer local = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_IN6);
            SocketAddresses.writeSockaddrIn6(local, (Inet6Address) endpoint.localAddress(), endpoint.interfaceIndex());
            Native.bind(fd, local, LinuxConstants.SIZEOF_SOCKADDR_IN6,
                    "bind to " + endpoint.localAddress().getHostAddress() + "%" + endpoint.interfaceName());
            try {
                Native.setsockoptInt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
            } catch (ErrnoException e) {
                // kernels before 4.20 lack it; SO_BINDTODEVICE already keeps other interfaces' packets out
            }
            if (endpoint.unicastPeers().isEmpty() && !endpoint.sendOnly()) {
                Pointer mreq = Native.allocate(LinuxConstants.SIZEOF_IPV6_MREQ); // { in6_addr; int ifindex }
                mreq.put(0, GROUP, 0, 16);
                mreq.putInt(16, endpoint.interfaceIndex());
                Native.setsockopt(fd, IPPROTO_IPV6, LinuxConstants.IPV6_ADD_MEMBERSHIP, mreq,
                        LinuxConstants.SIZEOF_IPV6_MREQ, "IPV6_ADD_MEMBERSHIP ff02::12 on " + endpoint.interfaceName(),
                        null);
            }
        });
    }

    @Override
    int writeDestination(InetAddress destination) {
        if (!(destination instanceof Inet6Address v6)) {
            throw new IllegalArgumentException("IPv6 channel cannot send to " + destination);
        }
        SocketAddresses.writeSockaddrIn6(destinationBuffer, v6, sendInterfaceIndex);
        return LinuxConstants.SIZEOF_SOCKADDR_IN6;
    }

    @Override
    boolean receiveOne() throws IOException {
        msghdr.putInt(8, LinuxConstants.SIZEOF_SOCKADDR_IN6); // the kernel shrinks these: reset every call
        msghdr.putLong(40, CONTROL_BYTES);
        msghdr.putInt(48, 0);
        long n = Native.recvmsgNonBlocking(fd, msghdr, "VRRP on " + interfaceName());
        if (n < 0) {
            return false;
        }
        byte[] source = new byte[16];
        sourceName.get(8, source, 0, 16);
        int hopLimit = -1;
        byte[] destination = null;
        long controlLength = msghdr.getLong(40);
        long offset = 0;
        while (offset + LinuxConstants.SIZEOF_CMSGHDR <= controlLength) {
            long length = control.getLong(offset);
            int level = control.getInt(offset + 8);
            int type = control.getInt(offset + 12);
            if (length < LinuxConstants.SIZEOF_CMSGHDR || offset + length > controlLength) {
                break;
            }
            long data = offset + LinuxConstants.SIZEOF_CMSGHDR;
            if (level == IPPROTO_IPV6 && type == LinuxConstants.IPV6_HOPLIMIT) {
                hopLimit = control.getInt(data);
            } else if (level == IPPROTO_IPV6 && type == LinuxConstants.IPV6_PKTINFO) {
                destination = new byte[16]; // struct in6_pktinfo { in6_addr; int ifindex }
                control.get(data, destination, 0, 16);
            }
            offset += (length + 7) & ~7L; // CMSG_ALIGN on LP64
        }
        byte[] message = new byte[(int) n];
        receiveBuffer.get(0, message, 0, message.length);
        deliver(new ReceivedPacket(interfaceName(), SocketAddresses.fromBytes(source),
                destination == null ? null : SocketAddresses.fromBytes(destination), hopLimit, message));
        return true;
    }
}

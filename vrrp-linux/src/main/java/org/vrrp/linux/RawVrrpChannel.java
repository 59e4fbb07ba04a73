package org.vrrp.linux;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import jnr.ffi.Pointer;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VrrpChannel;

/**
 * What the IPv4 and IPv6 VRRP sockets share: the send path (no allocation per send: the message is
 * copied through a reused array into reused native memory) to the one destination given, and a close
 * that hands the descriptor to the I/O thread. Unicast peers are the router's business: it sends to each
 * peer itself (the v3 checksum covers the destination) and drops and counts adverts from other sources, so
 * this channel delivers every packet it receives.
 *
 * <p>Thread-safety: {@link #send} and {@link #close} are serialised on this object, so a send never
 * runs on a closed (and possibly reused) descriptor. Receiving runs on the I/O thread only.
 */
abstract class RawVrrpChannel implements VrrpChannel {
    /** Larger than any VRRP message (8 + 255 * 16 + 8 bytes). */
    static final int MAX_MESSAGE_BYTES = 8192;
    /** Receive buffer per socket: a whole IP datagram, so nothing is ever truncated. */
    static final int RECEIVE_BUFFER_BYTES = 65536;
    /**
     * Kernel socket receive buffer: room for a burst of adverts while the I/O thread is busy. The kernel
     * doubles it for its bookkeeping.
     */
    static final int SO_RCVBUF_BYTES = 1024 * 1024;
    /** Receive buffer of a send-only socket: the kernel's minimum, as nobody reads it. */
    static final int SEND_ONLY_RCVBUF_BYTES = 256;
    /** Datagrams read per wake-up before other sockets get their turn. */
    static final int MAX_READS_PER_WAKEUP = 1024;

    private final String interfaceName;
    private final AddressFamily family;
    private final InetAddress localAddress;
    private final PacketHandler handler;
    private final Consumer<RawVrrpChannel> onClose;
    final int fd;
    /** The socket adverts leave through: {@link #fd}, or a send-only one on the virtual MAC interface. */
    private final int sendFd;
    private final String sendInterfaceName;
    /** The index of the interface adverts leave through: the scope of an IPv6 link-local destination. */
    final int sendInterfaceIndex;
    private final IoLoop loop;
    private final byte[] sendScratch = new byte[MAX_MESSAGE_BYTES];
    private final Pointer sendBuffer = Native.allocate(MAX_MESSAGE_BYTES);
    final Pointer destinationBuffer = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_IN6);
    private InetAddress lastDestination; // guarded by this, like the send buffers
    private int destinationLength;
    private boolean closed;

    /** @param transmit a send-only socket's endpoint and descriptor, or null to send through {@code fd} */
    RawVrrpChannel(Endpoint endpoint, int fd, Transmit transmit, IoLoop loop, PacketHandler handler,
                   Consumer<RawVrrpChannel> onClose) {
        this.sendFd = transmit == null ? fd : transmit.fd();
        this.sendInterfaceName = transmit == null ? endpoint.interfaceName() : transmit.interfaceName();
        this.sendInterfaceIndex = transmit == null ? endpoint.interfaceIndex() : transmit.interfaceIndex();
        this.interfaceName = endpoint.interfaceName();
        this.family = AddressFamily.of(endpoint.localAddress());
        this.localAddress = endpoint.localAddress();
        this.fd = fd;
        this.loop = loop;
        this.handler = handler;
        this.onClose = onClose;
    }

    /**
     * Where a channel lives: interface, its index, the source address, and the unicast peers if any;
     * {@code chosenSource}: the source was configured ({@code unicast_src_ip}) rather than the interface's own.
     */
    record Endpoint(String interfaceName, int interfaceIndex, InetAddress localAddress,
                    List<InetAddress> unicastPeers, boolean chosenSource, boolean sendOnly) {
        Endpoint(String interfaceName, int interfaceIndex, InetAddress localAddress, List<InetAddress> unicastPeers,
                 boolean chosenSource) {
            this(interfaceName, interfaceIndex, localAddress, unicastPeers, chosenSource, false);
        }

        Endpoint(String interfaceName, int interfaceIndex, InetAddress localAddress, List<InetAddress> unicastPeers) {
            this(interfaceName, interfaceIndex, localAddress, unicastPeers, false);
        }

        /**
         * The same endpoint on another interface, for a socket that only sends (through a virtual MAC interface):
         * it joins no group and keeps a minimal receive buffer, since nobody reads it.
         */
        Endpoint sendingThrough(String name, int index) {
            return new Endpoint(name, index, localAddress, unicastPeers, chosenSource, true);
        }
    }

    /** A send-only socket (see {@link Endpoint#sendingThrough}) and its interface. */
    record Transmit(String interfaceName, int interfaceIndex, int fd) {
    }

    /** Starts receiving: from now on the I/O thread reads this socket. */
    void start() {
        loop.register(fd, this::drain);
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public AddressFamily family() {
        return family;
    }

    @Override
    public InetAddress localAddress() {
        return localAddress;
    }

    @Override
    public synchronized void send(ByteBuf message, InetAddress destination) throws IOException {
        if (closed) {
            throw new IOException("VRRP channel on " + interfaceName + " is closed");
        }
        int length = message.readableBytes();
        if (length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("VRRP message of " + length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        message.getBytes(message.readerIndex(), sendScratch, 0, length);
        sendBuffer.put(0, sendScratch, 0, length);
        sendTo(destination, length);
    }

    private void sendTo(InetAddress destination, int length) throws ErrnoException {
        if (!destination.equals(lastDestination)) { // rewrite the sockaddr only when the destination changes
            destinationLength = writeDestination(destination);
            lastDestination = destination;
        }
        try {
            Native.sendto(sendFd, sendBuffer, length, destinationBuffer, destinationLength);
        } catch (ErrnoException e) {
            throw e.as("sendto(VRRP to " + destination.getHostAddress() + " on " + sendInterfaceName + ")",
                    Advice::send);
        }
    }

    /** Writes the sockaddr for {@code destination} into {@link #destinationBuffer}; returns its length. */
    abstract int writeDestination(InetAddress destination);

    /**
     * Reads one datagram and passes it to {@link #deliver} unless malformed. Runs on the I/O thread.
     *
     * @return false when no datagram was queued
     */
    abstract boolean receiveOne() throws IOException;

    /** Hands a received packet to the handler; the router judges its source. */
    final void deliver(ReceivedPacket packet) {
        handler.onPacket(packet);
    }

    private void drain() throws IOException {
        for (int i = 0; i < MAX_READS_PER_WAKEUP && receiveOne(); i++) {
            // each call delivers at most one packet
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (sendFd != fd) {
                Native.close(sendFd); // never polled, and no send can be in progress: sends hold this lock
            }
        }
        loop.closeLater(fd);
        onClose.accept(this);
    }

    /** Applies the options both families share: receive buffer and device binding. */
    static void applyCommonOptions(int fd, Endpoint endpoint) throws ErrnoException {
        String interfaceName = endpoint.interfaceName();
        setReceiveBuffer(fd, endpoint.sendOnly() ? SEND_ONLY_RCVBUF_BYTES : SO_RCVBUF_BYTES);
        byte[] name = (interfaceName + "\0").getBytes(StandardCharsets.US_ASCII);
        Pointer p = Native.allocate(name.length);
        p.put(0, name, 0, name.length);
        Native.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_BINDTODEVICE, p, name.length,
                "SO_BINDTODEVICE " + interfaceName, Advice::bindToDevice);
    }

    /**
     * Sets the receive buffer with SO_RCVBUFFORCE, which CAP_NET_ADMIN (needed for the VIPs anyway) allows
     * beyond net.core.rmem_max; without it, SO_RCVBUF, which the kernel silently caps at rmem_max.
     */
    static void setReceiveBuffer(int fd, int bytes) throws ErrnoException {
        try {
            Native.setsockoptInt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (ErrnoException e) {
            if (!Advice.isPermission(e.errno())) {
                throw e;
            }
            Native.setsockoptInt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }
}

package org.vrrp.examples.hardening;

import java.io.IOException;
import java.net.InetAddress;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;

/**
 * A raw IPv4 socket with IP_HDRINCL ({@code socket(AF_INET, SOCK_RAW, IPPROTO_RAW)}) bound to one
 * interface of a network namespace: the test writes the whole IP header, so it can send what the
 * library's channel never would (TTL below 255, forged sources, broken headers). The kernel still fills
 * in the IP header checksum and total length.
 *
 * <p>The socket is created on the calling thread after {@code setns(2)} into the namespace; that thread
 * stays in the namespace, so call {@link #open} on a thread of its own. Not thread-safe.
 */
final class RawIpv4Sender implements AutoCloseable {
    /** The libc calls this sender needs, as C declares them. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int optname, @In byte[] optval, int optlen);

        long sendto(int fd, @In byte[] buf, long len, int flags, @In byte[] destAddr, int addrlen);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_RAW = 255;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private final int fd;
    private final byte[] destination;

    private RawIpv4Sender(int fd, byte[] destination) {
        this.fd = fd;
        this.destination = destination;
    }

    /** Moves the calling thread into {@code namespace} and opens the socket on {@code ifname} towards {@code to}. */
    static RawIpv4Sender open(String namespace, String ifname, InetAddress to) throws IOException {
        int nsFd = LIBC.open("/var/run/netns/" + namespace, 0);
        if (nsFd < 0) {
            throw error("open netns " + namespace);
        }
        try {
            if (LIBC.setns(nsFd, CLONE_NEWNET) < 0) {
                throw error("setns " + namespace);
            }
        } finally {
            LIBC.close(nsFd);
        }
        int fd = LIBC.socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
        if (fd < 0) {
            throw error("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)");
        }
        byte[] name = (ifname + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (LIBC.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, name.length) < 0) {
            IOException e = error("SO_BINDTODEVICE " + ifname);
            LIBC.close(fd);
            throw e;
        }
        byte[] sin = new byte[16]; // struct sockaddr_in: family (host order), port 0, address
        sin[0] = AF_INET;
        System.arraycopy(to.getAddress(), 0, sin, 4, 4);
        return new RawIpv4Sender(fd, sin);
    }

    /** Sends one datagram, IP header included; false if the kernel refused it (e.g. ENOBUFS). */
    boolean send(byte[] datagram) {
        return LIBC.sendto(fd, datagram, datagram.length, 0, destination, destination.length) == datagram.length;
    }

    private static IOException error(String what) {
        return new IOException(what + " failed: errno " + RUNTIME.getLastError());
    }

    @Override
    public void close() {
        LIBC.close(fd);
    }
}

package org.vrrp.linux.it;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Hand-built VRRP messages for adapter tests, independent of the codec in vrrp-core (the adapter must be
 * tested on its own), with an Internet checksum helper (RFC 1071).
 */
public final class VrrpTestMessages {
    private VrrpTestMessages() {
    }

    /** VRRPv2 (RFC 3768) advertisement, no authentication, 1 s interval, one IPv4 address, valid checksum. */
    public static byte[] v2(int vrid, int priority, InetAddress vip) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) 0x21).put((byte) vrid).put((byte) priority).put((byte) 1);
        b.put((byte) 0).put((byte) 1).putShort((short) 0); // auth type 0, interval 1 s, checksum placeholder
        b.put(vip.getAddress()).put(new byte[8]);
        byte[] m = b.array();
        int sum = internetChecksum(m, 0, m.length, 0);
        m[6] = (byte) (sum >>> 8);
        m[7] = (byte) sum;
        return m;
    }

    /**
     * VRRPv3 (RFC 9568) advertisement over IPv6 with a zero checksum field, which the adapter's socket
     * fills in (IPV6_CHECKSUM): one address, 100 cs interval.
     */
    public static byte[] v3Ipv6WithoutChecksum(int vrid, int priority, InetAddress linkLocalVip) {
        ByteBuffer b = ByteBuffer.allocate(8 + 16);
        b.put((byte) 0x31).put((byte) vrid).put((byte) priority).put((byte) 1);
        b.putShort((short) 100).putShort((short) 0);
        b.put(linkLocalVip.getAddress());
        return b.array();
    }

    /** True if the IPv6 checksum over the pseudo-header (RFC 8200 section 8.1) and message verifies. */
    public static boolean ipv6ChecksumVerifies(InetAddress source, InetAddress destination, int nextHeader,
                                               byte[] message) {
        ByteBuffer pseudo = ByteBuffer.allocate(40);
        pseudo.put(source.getAddress()).put(destination.getAddress()).putInt(message.length).putInt(nextHeader);
        int partial = sum(pseudo.array(), 0, 40, 0);
        return internetChecksum(message, 0, message.length, partial) == 0;
    }

    /** The one's complement of the one's-complement sum, folded to 16 bits. */
    public static int internetChecksum(byte[] data, int offset, int length, int initialSum) {
        long s = sum(data, offset, length, initialSum);
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    private static int sum(byte[] data, int offset, int length, int initial) {
        long s = initial;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xff;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            s += (hi << 8) | lo;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}

package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.packet.Bytes.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class VrrpEncodeTest {
    private static final byte[] V4_SOURCE = hex("c00002fb");
    private static final byte[] V4_GROUP = hex("e0000012");

    @Test
    void buildsKeepalivedsV2AdvertFromTheFactory() throws Exception {
        VrrpPacket packet = VrrpPacket.v2(1, 150, 1, VrrpPacket.AUTH_SIMPLE_TEXT,
                VrrpPacket.simpleTextAuthData("passwd"), List.of(InetAddress.getByName("192.0.2.254")));
        // The first advert of v2-auth-pass.pcap.
        assertArrayEquals(hex("2101960101 0129c4c00002fe7061737377640000"), encode(packet, ChecksumForm.MESSAGE));
    }

    @Test
    void buildsKeepalivedsV3Ipv4AdvertInBothForms() throws Exception {
        VrrpPacket packet = VrrpPacket.v3(AddressFamily.IPV4, 4, 245, 50,
                List.of(InetAddress.getByName("192.0.2.4")));
        // As captured from keepalived (pseudo-header form) ...
        assertArrayEquals(hex("3104f50100327438c0000204"), encode(packet, ChecksumForm.IPV4_PSEUDO_HEADER));
        // ... and the RFC 9568 form, checksum worked out with the reference implementation.
        byte[] message = encode(packet, ChecksumForm.MESSAGE);
        assertTrue(ReferenceChecksum.verifies(message, ChecksumForm.MESSAGE, V4_SOURCE, V4_GROUP));
    }

    @Test
    void rejectsAFormThatDoesNotFit() throws Exception {
        VrrpPacket v2 = VrrpPacket.v2(1, 100, 1, 0, new byte[8], List.of(InetAddress.getByName("192.0.2.1")));
        VrrpPacket v3v6 = VrrpPacket.v3(AddressFamily.IPV6, 1, 100, 100, List.of(InetAddress.getByName("fe80::1")));
        VrrpPacket v3v4 = VrrpPacket.v3(AddressFamily.IPV4, 1, 100, 100, List.of(InetAddress.getByName("192.0.2.1")));
        ByteBuf out = Unpooled.buffer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VrrpCodec.encode(v2, ChecksumForm.IPV4_PSEUDO_HEADER, V4_SOURCE, V4_GROUP, out));
        assertEquals("checksum form IPV4_PSEUDO_HEADER does not fit VRRPv2 over IPV4", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> VrrpCodec.encode(v3v6, ChecksumForm.MESSAGE, null, null, out));
        assertThrows(IllegalArgumentException.class,
                () -> VrrpCodec.encode(v3v4, ChecksumForm.IPV6_PSEUDO_HEADER, V4_SOURCE, V4_GROUP, out));
        assertThrows(IllegalArgumentException.class,
                () -> VrrpCodec.encode(v3v4, ChecksumForm.IPV4_PSEUDO_HEADER, new byte[16], V4_GROUP, out));
        assertEquals(0, out.writerIndex(), "nothing written on a rejected form");
    }

    @Test
    void messageFormNeedsNoAddresses() throws Exception {
        VrrpPacket v2 = VrrpPacket.v2(1, 100, 1, 0, new byte[8], List.of(InetAddress.getByName("192.0.2.1")));
        assertEquals(20, VrrpCodec.encode(v2, ChecksumForm.MESSAGE, null, null, Unpooled.buffer()));
    }

    /**
     * Counts bytes allocated by this thread across many encodes into a reused buffer (a count, not a
     * timing). Skipped quietly where the JVM cannot count allocations.
     */
    @Test
    void encodeAllocatesNothing() throws Exception {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return;
        }
        VrrpPacket v3 = VrrpPacket.v3(AddressFamily.IPV6, 7, 200, 100,
                List.of(InetAddress.getByName("fe80::7"), InetAddress.getByName("2001:db8::7")));
        VrrpPacket v2 = VrrpPacket.v2(1, 150, 1, 1, VrrpPacket.simpleTextAuthData("passwd"),
                List.of(InetAddress.getByName("192.0.2.254")));
        byte[] source = InetAddress.getByName("fe80::ff:fe00:a").getAddress();
        byte[] group = InetAddress.getByName("ff02::12").getAddress();
        ByteBuf out = Unpooled.directBuffer(128);
        int rounds = 100_000;
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < rounds; i++) { // warm up, so the JIT and class loading are done before counting
            encodeBoth(v2, v3, source, group, out);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < rounds; i++) {
            encodeBoth(v2, v3, source, group, out);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // Any per-encode allocation would be at least 16 bytes x 200,000 = 3.2 MB; the bound leaves room for
        // one-off allocations on this thread (a full suite on a loaded machine once showed 5,440 bytes).
        assertTrue(allocated < 65_536, allocated + " bytes allocated by " + 2 * rounds + " encodes");
    }

    private static void encodeBoth(VrrpPacket v2, VrrpPacket v3, byte[] source, byte[] group, ByteBuf out) {
        out.clear();
        VrrpCodec.encode(v2, ChecksumForm.MESSAGE, null, null, out);
        VrrpCodec.encode(v3, ChecksumForm.IPV6_PSEUDO_HEADER, source, group, out);
    }

    private static byte[] encode(VrrpPacket packet, ChecksumForm form) {
        ByteBuf out = Unpooled.buffer();
        VrrpCodec.encode(packet, form, V4_SOURCE, V4_GROUP, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }
}

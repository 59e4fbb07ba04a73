package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding into a reused {@link AdvertView}: the receive path's decode, without allocation. */
class AdvertViewTest {
    private static final byte[] V6_SOURCE = bytes("fe80::ff:fe00:a");
    private static final byte[] V6_GROUP = bytes("ff02::12");

    @Test
    void aViewReusedForAnotherAdvertHoldsOnlyTheNewOne() throws Exception {
        VrrpPacket v2 = VrrpPacket.v2(1, 150, 1, VrrpPacket.AUTH_SIMPLE_TEXT, VrrpPacket.simpleTextAuthData("passwd"),
                List.of(InetAddress.getByName("192.0.2.254"), InetAddress.getByName("192.0.2.253")));
        VrrpPacket v3 = VrrpPacket.v3(AddressFamily.IPV6, 7, 200, 100,
                List.of(InetAddress.getByName("fe80::7"), InetAddress.getByName("2001:db8::7")));
        AdvertView view = new AdvertView();

        assertNull(VrrpCodec.decode(encode(v2, ChecksumForm.MESSAGE, null, null), AddressFamily.IPV4, bytes("192.0.2.1"),
                bytes("224.0.0.18"), view));
        assertEquals(v2, view.toPacket());
        assertTrue(view.authDataEquals(VrrpPacket.simpleTextAuthData("passwd")));
        assertTrue(view.addressEquals(1, bytes("192.0.2.253")));
        assertFalse(view.addressEquals(2, bytes("192.0.2.253")), "past the count");

        assertNull(VrrpCodec.decode(encode(v3, ChecksumForm.IPV6_PSEUDO_HEADER, V6_SOURCE, V6_GROUP), AddressFamily.IPV6,
                V6_SOURCE, V6_GROUP, view));
        assertEquals(v3, view.toPacket());
        assertTrue(view.sameAs(v3));
        assertFalse(view.sameAs(v3.withPriority(199)));
        assertTrue(view.authDataEquals(new byte[VrrpPacket.AUTH_DATA_LENGTH]), "v3 has no auth data: zeros, not v2's");
        assertEquals(List.of(InetAddress.getByName("fe80::7"), InetAddress.getByName("2001:db8::7")), view.addresses());

        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {0x41, 7, 0, 0, 0, 0, 0, 0});
        assertEquals(DecodeError.BAD_VERSION, VrrpCodec.decode(junk, AddressFamily.IPV6, V6_SOURCE, V6_GROUP, view));
        assertEquals("version 4", view.errorDetail());
        assertNull(view.checksumForm(), "a failed decode leaves no advert to take for a good one");
    }

    /**
     * Counts the bytes this thread allocates across many decodes into one view (a count, not a timing). The old
     * decode made a packet, a list and an InetAddress per address: 248 to 496 bytes each.
     */
    @Test
    void decodingIntoAViewAllocatesNothing() throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocations");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        VrrpPacket v3 = VrrpPacket.v3(AddressFamily.IPV6, 7, 200, 100,
                List.of(InetAddress.getByName("fe80::7"), InetAddress.getByName("2001:db8::7")));
        VrrpPacket v2 = VrrpPacket.v2(1, 150, 1, VrrpPacket.AUTH_SIMPLE_TEXT, VrrpPacket.simpleTextAuthData("passwd"),
                List.of(InetAddress.getByName("192.0.2.254")));
        ByteBuf v3Bytes = encode(v3, ChecksumForm.IPV6_PSEUDO_HEADER, V6_SOURCE, V6_GROUP);
        ByteBuf v2Bytes = encode(v2, ChecksumForm.MESSAGE, null, null);
        byte[] v4Source = bytes("192.0.2.1");
        byte[] v4Group = bytes("224.0.0.18");
        AdvertView view = new AdvertView();
        int rounds = 100_000;
        int accepted = 0;
        for (int i = 0; i < rounds; i++) { // warm up: the JIT, and the view's arrays grown to the largest count
            accepted += decodeBoth(v2Bytes, v3Bytes, v4Source, v4Group, view);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < rounds; i++) {
            accepted += decodeBoth(v2Bytes, v3Bytes, v4Source, v4Group, view);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(4 * rounds, accepted, "every decode succeeded (warm-up and measured)");
        // Any per-decode allocation would be at least 16 bytes x 200,000 = 3.2 MB; the bound leaves room for
        // one-off allocations on this thread (the JIT recompiling, the measuring itself) and nothing more.
        assertTrue(allocated < 65_536, allocated + " bytes allocated by " + 2 * rounds + " decodes");
    }

    private static int decodeBoth(ByteBuf v2, ByteBuf v3, byte[] v4Source, byte[] v4Group, AdvertView view) {
        int ok = VrrpCodec.decode(v2, AddressFamily.IPV4, v4Source, v4Group, view) == null ? 1 : 0;
        return ok + (VrrpCodec.decode(v3, AddressFamily.IPV6, V6_SOURCE, V6_GROUP, view) == null ? 1 : 0);
    }

    private static ByteBuf encode(VrrpPacket packet, ChecksumForm form, byte[] source, byte[] destination) {
        ByteBuf out = Unpooled.buffer();
        VrrpCodec.encode(packet, form, source, destination, out);
        return out;
    }

    private static byte[] bytes(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

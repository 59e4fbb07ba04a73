package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random packets of every version, family and checksum form: encode, then decode gives them back. */
class CodecRoundTripTest {
    private static final int CASES = 10_000;

    private record Case(VrrpPacket packet, ChecksumForm form, byte[] source, byte[] destination) {}

    @Test
    void encodeThenDecodeGivesThePacketBack() throws Exception {
        long seed = TestSeeds.seed();
        Random random = new Random(seed);
        ByteBuf out = Unpooled.buffer(64);
        int[] perForm = new int[ChecksumForm.values().length];
        for (int i = 0; i < CASES; i++) {
            String where = TestSeeds.replay(seed, i);
            Case c = randomCase(random);
            out.clear();
            int offset = random.nextInt(4);
            out.writerIndex(offset);

            int written = VrrpCodec.encode(c.packet(), c.form(), c.source(), c.destination(), out);

            assertEquals(VrrpCodec.encodedLength(c.packet()), written, where);
            assertEquals(offset + written, out.writerIndex(), where);
            byte[] wire = new byte[written];
            out.getBytes(offset, wire);
            assertTrue(ReferenceChecksum.verifies(wire, c.form(), c.source(), c.destination()),
                    where + " checksum of " + Bytes.hex(wire));

            out.readerIndex(offset);
            DecodeResult decoded = VrrpCodec.decode(out, c.packet().family(), c.source(), c.destination());
            DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, decoded, where + " " + c.packet());
            assertEquals(c.packet(), ok.packet(), where);
            assertEquals(c.packet().addresses(), ok.packet().addresses(), where);
            assertEquals(c.form(), ok.checksumForm(), where);
            perForm[c.form().ordinal()]++;
        }
        for (ChecksumForm form : ChecksumForm.values()) {
            assertTrue(perForm[form.ordinal()] > CASES / 10, form + " tried " + perForm[form.ordinal()] + " times");
        }
    }

    private static Case randomCase(Random random) throws UnknownHostException {
        int vrid = 1 + random.nextInt(255);
        int priority = random.nextInt(256);
        switch (random.nextInt(3)) {
            case 0: {
                int authType = random.nextInt(2);
                byte[] authData = new byte[8];
                if (authType == VrrpPacket.AUTH_SIMPLE_TEXT || random.nextBoolean()) {
                    random.nextBytes(authData);
                }
                VrrpPacket packet = VrrpPacket.v2(vrid, priority, 1 + random.nextInt(255), authType, authData,
                        addresses(random, AddressFamily.IPV4, 1 + random.nextInt(255)));
                return new Case(packet, ChecksumForm.MESSAGE, Bytes.random(random, 4), Bytes.random(random, 4));
            }
            case 1: {
                VrrpPacket packet = VrrpPacket.v3(AddressFamily.IPV4, vrid, priority, 1 + random.nextInt(4095),
                        addresses(random, AddressFamily.IPV4, 1 + random.nextInt(255)));
                ChecksumForm form = random.nextBoolean() ? ChecksumForm.MESSAGE : ChecksumForm.IPV4_PSEUDO_HEADER;
                return new Case(packet, form, Bytes.random(random, 4), Bytes.random(random, 4));
            }
            default: {
                List<InetAddress> addresses = addresses(random, AddressFamily.IPV6, 1 + random.nextInt(255));
                byte[] first = addresses.get(0).getAddress();
                first[0] = (byte) 0xfe;
                first[1] = (byte) (0x80 | (first[1] & 0x3f)); // fe80::/10, as RFC 9568 wants first
                addresses.set(0, Inet6Address.getByAddress(null, first, -1));
                VrrpPacket packet = VrrpPacket.v3(AddressFamily.IPV6, vrid, priority, 1 + random.nextInt(4095),
                        addresses);
                return new Case(packet, ChecksumForm.IPV6_PSEUDO_HEADER, Bytes.random(random, 16),
                        Bytes.random(random, 16));
            }
        }
    }

    private static List<InetAddress> addresses(Random random, AddressFamily family, int count)
            throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = Bytes.random(random, family.addressLength());
            if (family == AddressFamily.IPV6) {
                if (random.nextInt(20) == 0) {
                    // ::ffff:a.b.c.d must stay an IPv6 address through decode.
                    Arrays.fill(bytes, 0, 10, (byte) 0);
                    bytes[10] = (byte) 0xff;
                    bytes[11] = (byte) 0xff;
                }
                addresses.add(Inet6Address.getByAddress(null, bytes, -1));
            } else {
                addresses.add(InetAddress.getByAddress(bytes));
            }
        }
        return addresses;
    }
}

package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vrrp.packet.KeepalivedCaptures.CapturedVrrp;

/**
 * Random bytes and mutations of the keepalived messages thrown at {@link VrrpCodec#decode} and
 * {@link IpDatagram#decodeIp}: every call must return a result, never throw. Whatever decodes must
 * re-encode to the same bytes (checksum and v3 reserved bits aside).
 */
class DecodeFuzzTest {
    private static final int INPUTS = 200_000;

    private final List<CapturedVrrp> fixtures = new ArrayList<>();

    @Test
    void decodeNeverThrows() {
        for (String name : KeepalivedCaptures.NAMES) {
            fixtures.addAll(KeepalivedCaptures.vrrpPackets(name));
        }
        long seed = TestSeeds.seed();
        Random random = new Random(seed);
        Map<DecodeError, Integer> errors = new EnumMap<>(DecodeError.class);
        int ok = 0;
        for (int i = 0; i < INPUTS; i++) {
            String where = TestSeeds.replay(seed, i);
            CapturedVrrp fixture = fixtures.get(random.nextInt(fixtures.size()));
            DecodeResult result;
            byte[] input;
            try {
                switch (random.nextInt(4)) {
                    case 0: {
                        input = Bytes.random(random, random.nextInt(random.nextBoolean() ? 24 : 600));
                        AddressFamily family = random.nextBoolean() ? AddressFamily.IPV4 : AddressFamily.IPV6;
                        result = decode(input, family, Bytes.random(random, family.addressLength()),
                                Bytes.random(random, family.addressLength()));
                        break;
                    }
                    case 1:
                    case 2: {
                        input = mutate(random, fixture.message());
                        if (random.nextBoolean() && input.length >= 8) {
                            // Right checksum, so the rules after it get exercised too.
                            input = ReferenceChecksum.withChecksum(input, formOf(fixture), fixture.sourceAddress(),
                                    fixture.destinationAddress());
                        }
                        result = decode(input, fixture.isIpv6() ? AddressFamily.IPV6 : AddressFamily.IPV4,
                                fixture.sourceAddress(), fixture.destinationAddress());
                        break;
                    }
                    default: {
                        input = random.nextInt(8) == 0 ? Bytes.random(random, random.nextInt(80))
                                : mutate(random, fixture.ipPacket());
                        result = decodeIp(input, where);
                        if (result == null) {
                            continue;
                        }
                        // The VRRP part of an IP packet is checked below only as a result, not re-encoded.
                        input = null;
                    }
                }
            } catch (Throwable t) {
                throw new AssertionError("decode threw " + where, t);
            }
            assertNotNull(result, where);
            if (result instanceof DecodeResult.Failed failed) {
                errors.merge(failed.error(), 1, Integer::sum);
            } else {
                ok++;
                if (input != null) {
                    assertReEncodes(input, (DecodeResult.Ok) result, fixture, where);
                }
            }
        }
        // Sanity that the mutations reach deep into the decoder rather than all dying at the first rule.
        assertTrue(ok > INPUTS / 100, "only " + ok + " inputs decoded");
        for (DecodeError error : List.of(DecodeError.TRUNCATED, DecodeError.BAD_VERSION, DecodeError.BAD_TYPE,
                DecodeError.ADDRESS_COUNT_MISMATCH, DecodeError.BAD_CHECKSUM, DecodeError.BAD_AUTH_TYPE)) {
            assertTrue(errors.getOrDefault(error, 0) > 0, error + " never produced: " + errors);
        }
    }

    private static DecodeResult decode(byte[] input, AddressFamily family, byte[] source, byte[] destination) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        DecodeResult result = VrrpCodec.decode(buf, family, source, destination);
        assertEquals(0, buf.readerIndex());
        return result;
    }

    /** The VRRP result inside an IP packet, or null if it holds no VRRP; checks the IP result is never null. */
    private static DecodeResult decodeIp(byte[] input, String where) {
        IpDecodeResult ip = IpDatagram.decodeIp(Unpooled.wrappedBuffer(input));
        assertNotNull(ip, where);
        return ip instanceof IpDecodeResult.Vrrp vrrp ? vrrp.vrrp() : null;
    }

    private static void assertReEncodes(byte[] input, DecodeResult.Ok ok, CapturedVrrp fixture, String where) {
        ByteBuf out = Unpooled.buffer(input.length);
        VrrpCodec.encode(ok.packet(), ok.checksumForm(), fixture.sourceAddress(), fixture.destinationAddress(), out);
        byte[] encoded = new byte[out.readableBytes()];
        out.readBytes(encoded);
        byte[] expected = input.clone();
        if (ok.packet().version() == 3) {
            expected[4] &= 0x0f; // reserved bits: ignored on receive, zero on send
        }
        // 0x0000 and 0xffff both verify where the sum is zero; compare the checksum by verifying it instead.
        assertTrue(ReferenceChecksum.verifies(encoded, ok.checksumForm(), fixture.sourceAddress(),
                fixture.destinationAddress()), where);
        encoded[6] = expected[6];
        encoded[7] = expected[7];
        assertArrayEquals(expected, encoded, where + " input " + Bytes.hex(input));
    }

    private static ChecksumForm formOf(CapturedVrrp fixture) {
        int version = (fixture.message()[0] & 0xff) >>> 4;
        if (version == 2) {
            return ChecksumForm.MESSAGE;
        }
        return fixture.isIpv6() ? ChecksumForm.IPV6_PSEUDO_HEADER : ChecksumForm.IPV4_PSEUDO_HEADER;
    }

    /** One to four of: flip a bit, set a byte, cut the tail, add bytes. */
    private static byte[] mutate(Random random, byte[] original) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int kind = random.nextInt(10);
            if (bytes.length == 0 || kind == 8) {
                byte[] extra = Bytes.random(random, 1 + random.nextInt(20));
                byte[] longer = Arrays.copyOf(bytes, bytes.length + extra.length);
                System.arraycopy(extra, 0, longer, bytes.length, extra.length);
                bytes = longer;
            } else if (kind == 9) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else if (kind < 4) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            } else {
                // Favour the header, where the rules live.
                int index = random.nextBoolean() ? random.nextInt(Math.min(bytes.length, 8)) : random.nextInt(bytes.length);
                bytes[index] = (byte) (random.nextInt(4) == 0 ? 0 : random.nextInt(256));
            }
        }
        return bytes;
    }
}

package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrp.fuzz.FuzzCorpus;
import org.vrrp.packet.KeepalivedCaptures.CapturedVrrp;

/**
 * Coverage-guided fuzzing of the decoder (issue 7 item 2) with Jazzer. In a normal build each method
 * replays the inputs saved under {@code src/test/resources/org/vrrp/packet/CodecFuzzTestInputs/METHOD/}
 * (the keepalived captures' VRRP packets and every finding so far); with {@code JAZZER_FUZZ=1} it
 * mutates them under coverage guidance for {@code maxDuration} ({@code .ci/fuzz}, docs/fuzzing.md).
 *
 * <p>The oracle is more than "does not throw": whatever decodes must re-encode to the same bytes
 * (the v3 reserved bits aside, which are ignored on receive and sent as zero), and a decode must
 * leave the buffer's indices alone.
 */
class CodecFuzzTest {

    /**
     * {@link VrrpCodec#decode} over arbitrary addresses. Input layout: one byte whose low bit picks the
     * family (0 IPv4, 1 IPv6), then the source and destination address (4 or 16 bytes each), then the
     * VRRP message. Inputs too short for the addresses are skipped, as they test nothing.
     */
    @FuzzTest(maxDuration = "60s")
    void decodeMessage(byte[] input) {
        if (input.length < 1) {
            return;
        }
        AddressFamily family = (input[0] & 1) == 0 ? AddressFamily.IPV4 : AddressFamily.IPV6;
        int addressLength = family.addressLength();
        int messageStart = 1 + 2 * addressLength;
        if (input.length < messageStart) {
            return;
        }
        byte[] source = Arrays.copyOfRange(input, 1, 1 + addressLength);
        byte[] destination = Arrays.copyOfRange(input, 1 + addressLength, messageStart);
        byte[] message = Arrays.copyOfRange(input, messageStart, input.length);

        ByteBuf buf = Unpooled.wrappedBuffer(message);
        DecodeResult result = VrrpCodec.decode(buf, family, source, destination);
        assertNotNull(result);
        assertEquals(0, buf.readerIndex(), "decode moved the reader index");
        assertEquals(message.length, buf.writerIndex(), "decode moved the writer index");
        if (result instanceof DecodeResult.Ok ok) {
            assertReEncodes(message, ok, source, destination);
        } else {
            assertFalse(((DecodeResult.Failed) result).detail().isEmpty(), "a failure names what is wrong");
        }
        assertViewAgrees(result, buf, family, source, destination);
    }

    /**
     * The receive path's decode into a reused view gives the same verdict as {@link VrrpCodec#decode}: the same
     * error and detail, or the same advert, whatever the view held before (it is reused across inputs).
     */
    private final AdvertView view = new AdvertView();

    private void assertViewAgrees(DecodeResult result, ByteBuf buf, AddressFamily family, byte[] source,
                                  byte[] destination) {
        DecodeError error = VrrpCodec.decode(buf, family, source, destination, view);
        assertEquals(0, buf.readerIndex(), "decode into a view moved the reader index");
        if (result instanceof DecodeResult.Ok ok) {
            assertNull(error, "the view rejected what decode accepted: " + view);
            assertEquals(ok.packet(), view.toPacket());
            assertTrue(view.sameAs(ok.packet()));
            assertEquals(ok.checksumForm(), view.checksumForm());
            for (int i = 0; i < ok.packet().addressCount(); i++) {
                assertTrue(view.addressEquals(i, ok.packet().addresses().get(i).getAddress()));
            }
        } else {
            DecodeResult.Failed failed = (DecodeResult.Failed) result;
            assertEquals(failed.error(), error);
            assertEquals(failed.detail(), view.errorDetail());
        }
    }

    /** {@link IpDatagram#decodeIp} over a whole IPv4 or IPv6 packet, as a raw socket or capture gives it. */
    @FuzzTest(maxDuration = "60s")
    void decodeIpPacket(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        IpDecodeResult result = IpDatagram.decodeIp(buf);
        assertNotNull(result);
        assertEquals(0, buf.readerIndex(), "decodeIp moved the reader index");
        if (result instanceof IpDecodeResult.Vrrp vrrp && vrrp.vrrp() instanceof DecodeResult.Ok ok) {
            IpHeader ip = vrrp.ip();
            assertEquals(VrrpWire.IP_PROTOCOL_VRRP, ip.protocol());
            assertEquals(ip.family(), ok.packet().family(), "the packet's family is the IP header's");
            assertTrue(ip.payloadOffset() >= (ip.family() == AddressFamily.IPV4 ? 20 : 40));
            int length = VrrpCodec.encodedLength(ok.packet());
            assertTrue(ip.payloadOffset() + length <= input.length, "the message lies inside the input");
            byte[] message = Arrays.copyOfRange(input, ip.payloadOffset(), ip.payloadOffset() + length);
            assertReEncodes(message, ok, ip.source().getAddress(), ip.destination().getAddress());
        }
    }

    /**
     * The seeds: every VRRP packet of every keepalived capture, in each target's layout. Fails if one is
     * missing from the corpus; {@code -Dvrrp.fuzz.writeSeeds=true} writes them (see docs/fuzzing.md).
     */
    @Test
    void corpusHoldsEveryKeepalivedPacket() throws IOException {
        Map<String, byte[]> messageSeeds = new LinkedHashMap<>();
        Map<String, byte[]> ipSeeds = new LinkedHashMap<>();
        for (String name : KeepalivedCaptures.NAMES) {
            for (CapturedVrrp packet : KeepalivedCaptures.vrrpPackets(name)) {
                String seedName = "seed-" + name + "-frame" + packet.frameNumber();
                ByteArrayOutputStream seed = new ByteArrayOutputStream();
                seed.write(packet.isIpv6() ? 1 : 0);
                seed.write(packet.sourceAddress());
                seed.write(packet.destinationAddress());
                seed.write(packet.message());
                messageSeeds.put(seedName, seed.toByteArray());
                ipSeeds.put(seedName, packet.ipPacket());
            }
        }
        FuzzCorpus.check(CodecFuzzTest.class, "decodeMessage", messageSeeds);
        FuzzCorpus.check(CodecFuzzTest.class, "decodeIpPacket", ipSeeds);
    }

    private static void assertReEncodes(byte[] message, DecodeResult.Ok ok, byte[] source, byte[] destination) {
        ByteBuf out = Unpooled.buffer(message.length);
        int written = VrrpCodec.encode(ok.packet(), ok.checksumForm(), source, destination, out);
        assertEquals(message.length, written, "re-encoded length");
        byte[] encoded = new byte[written];
        out.readBytes(encoded);
        byte[] expected = message.clone();
        if (ok.packet().version() == 3) {
            expected[4] &= 0x0f; // reserved bits: ignored on receive, zero on send
        }
        // 0x0000 and 0xffff both verify where the sum is zero: check the checksum by verifying it.
        assertTrue(ReferenceChecksum.verifies(encoded, ok.checksumForm(), source, destination),
                "re-encoded checksum does not verify");
        encoded[6] = expected[6];
        encoded[7] = expected[7];
        assertArrayEquals(expected, encoded, "re-encoding differs from " + Bytes.hex(message));
    }
}

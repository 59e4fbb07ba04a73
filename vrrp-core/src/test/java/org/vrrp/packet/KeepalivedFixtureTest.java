package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.packet.KeepalivedCaptures.CapturedVrrp;

/**
 * Every VRRP packet of the four keepalived captures decodes to the values in the fixtures README,
 * verifies its checksum in the form the bytes show, and re-encodes to the same bytes.
 */
class KeepalivedFixtureTest {

    /** The README's table, plus the sender and group addresses it names. */
    record Expected(String capture, int version, AddressFamily family, int vrid, int priority, int intervalCentis,
                    int authType, String authText, List<String> addresses, String source, String destination,
                    ChecksumForm checksumForm) {
        @Override
        public String toString() {
            return capture;
        }
    }

    private static final String V4_SOURCE = "192.0.2.251";
    private static final String V4_GROUP = "224.0.0.18";
    private static final String V6_SOURCE = "fe80::ff:fe00:a";
    private static final String V6_GROUP = "ff02::12";

    static Stream<Expected> captures() {
        return Stream.of(
                new Expected("v2-auth-pass", 2, AddressFamily.IPV4, 1, 150, 100, 1, "passwd",
                        List.of("192.0.2.254"), V4_SOURCE, V4_GROUP, ChecksumForm.MESSAGE),
                new Expected("v2-noauth-3vips", 2, AddressFamily.IPV4, 51, 100, 100, 0, "",
                        List.of("192.0.2.100", "192.0.2.101", "192.0.2.102"), V4_SOURCE, V4_GROUP,
                        ChecksumForm.MESSAGE),
                // keepalived's v3 over IPv4 default: the checksum includes the IPv4 pseudo-header.
                new Expected("v3-ipv4-50cs", 3, AddressFamily.IPV4, 4, 245, 50, 0, "",
                        List.of("192.0.2.4"), V4_SOURCE, V4_GROUP, ChecksumForm.IPV4_PSEUDO_HEADER),
                new Expected("v3-ipv6", 3, AddressFamily.IPV6, 7, 200, 100, 0, "",
                        List.of("fe80::7", "2001:db8::7"), V6_SOURCE, V6_GROUP, ChecksumForm.IPV6_PSEUDO_HEADER));
    }

    @Test
    void coversEveryCapture() {
        assertEquals(KeepalivedCaptures.NAMES, captures().map(Expected::capture).collect(Collectors.toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void captureHoldsSeveralAdvertsThenAPriorityZeroOne(Expected expected) {
        List<CapturedVrrp> packets = KeepalivedCaptures.vrrpPackets(expected.capture());
        assertTrue(packets.size() >= 3, "several adverts expected, got " + packets.size());
        for (int i = 0; i < packets.size(); i++) {
            CapturedVrrp captured = packets.get(i);
            VrrpPacket packet = decodeOk(captured).packet();
            boolean last = i == packets.size() - 1;
            assertEquals(last ? 0 : expected.priority(), packet.priority(), "frame " + captured.frameNumber());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyAdvertDecodesToTheReadmeValues(Expected expected) throws Exception {
        for (CapturedVrrp captured : KeepalivedCaptures.vrrpPackets(expected.capture())) {
            String where = expected.capture() + " frame " + captured.frameNumber();
            IpDecodeResult.Vrrp ip = decodeIp(captured);
            assertEquals(expected.family(), ip.ip().family(), where);
            assertEquals(InetAddress.getByName(expected.source()), ip.ip().source(), where);
            assertEquals(InetAddress.getByName(expected.destination()), ip.ip().destination(), where);
            assertEquals(255, ip.ip().ttl(), where);
            assertEquals(112, ip.ip().protocol(), where);

            DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, ip.vrrp(), where);
            VrrpPacket packet = ok.packet();
            assertEquals(expected.version(), packet.version(), where);
            assertEquals(expected.family(), packet.family(), where);
            assertEquals(expected.vrid(), packet.vrid(), where);
            assertEquals(expected.intervalCentis(), packet.advertIntervalCentis(), where);
            assertEquals(expected.authType(), packet.authType(), where);
            assertEquals(expected.authText(), packet.authText(), where);
            assertEquals(expected.addresses().size(), packet.addressCount(), where);
            for (int i = 0; i < expected.addresses().size(); i++) {
                assertEquals(InetAddress.getByName(expected.addresses().get(i)), packet.addresses().get(i), where);
            }
            assertEquals(expected.checksumForm(), ok.checksumForm(), where);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void checksumVerifiesOnlyInTheReportedForm(Expected expected) {
        for (CapturedVrrp captured : KeepalivedCaptures.vrrpPackets(expected.capture())) {
            String where = expected.capture() + " frame " + captured.frameNumber();
            byte[] src = captured.sourceAddress();
            byte[] dst = captured.destinationAddress();
            assertTrue(ReferenceChecksum.verifies(captured.message(), expected.checksumForm(), src, dst), where);
            if (expected.checksumForm() != ChecksumForm.MESSAGE) {
                assertFalse(ReferenceChecksum.verifies(captured.message(), ChecksumForm.MESSAGE, src, dst), where);
            }
            if (expected.version() == 3 && expected.family() == AddressFamily.IPV4) {
                assertFalse(ReferenceChecksum.verifies(captured.message(), ChecksumForm.MESSAGE, src, dst),
                        where + ": keepalived's v3 IPv4 checksum must not verify message-only");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void reEncodesToIdenticalBytes(Expected expected) {
        for (CapturedVrrp captured : KeepalivedCaptures.vrrpPackets(expected.capture())) {
            DecodeResult.Ok ok = decodeOk(captured);
            ByteBuf out = Unpooled.buffer();
            out.writeByte(0xee); // encode must write at the writer index, not at 0
            int written = VrrpCodec.encode(ok.packet(), ok.checksumForm(), captured.sourceAddress(),
                    captured.destinationAddress(), out);
            assertEquals(captured.message().length, written);
            assertEquals(1 + written, out.writerIndex());
            byte[] encoded = new byte[written];
            out.getBytes(1, encoded);
            assertArrayEquals(captured.message(), encoded,
                    expected.capture() + " frame " + captured.frameNumber() + ": " + Bytes.hex(encoded));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decodeLeavesTheBufferIndicesAlone(Expected expected) {
        CapturedVrrp captured = KeepalivedCaptures.vrrpPackets(expected.capture()).get(0);
        ByteBuf message = Unpooled.wrappedBuffer(captured.message());
        ByteBuf ip = Unpooled.wrappedBuffer(captured.ipPacket());
        VrrpCodec.decode(message, expected.family(), captured.sourceAddress(), captured.destinationAddress());
        IpDatagram.decodeIp(ip);
        assertEquals(0, message.readerIndex());
        assertEquals(captured.message().length, message.writerIndex());
        assertEquals(0, ip.readerIndex());
        assertEquals(captured.ipPacket().length, ip.writerIndex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void inetAddressOverloadAgrees(Expected expected) throws Exception {
        CapturedVrrp captured = KeepalivedCaptures.vrrpPackets(expected.capture()).get(0);
        DecodeResult viaInet = VrrpCodec.decode(Unpooled.wrappedBuffer(captured.message()),
                InetAddress.getByName(expected.source()), InetAddress.getByName(expected.destination()));
        assertEquals(decodeOk(captured), viaInet);
    }

    private static IpDecodeResult.Vrrp decodeIp(CapturedVrrp captured) {
        return assertInstanceOf(IpDecodeResult.Vrrp.class,
                IpDatagram.decodeIp(Unpooled.wrappedBuffer(captured.ipPacket())), "frame " + captured.frameNumber());
    }

    private static DecodeResult.Ok decodeOk(CapturedVrrp captured) {
        return assertInstanceOf(DecodeResult.Ok.class, decodeIp(captured).vrrp(), "frame " + captured.frameNumber());
    }
}

package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.packet.Bytes.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IpDatagramTest {
    /** The first v3 IPv4 advert of v3-ipv4-50cs.pcap: 20-byte IPv4 header, 12-byte VRRP message. */
    private static final String V4_HEADER = "45c0002000010000ff70179fc00002fbe0000012";
    private static final String V4_VRRP = "3104f50100327438c0000204";
    /** The first advert of v3-ipv6.pcap: 40-byte IPv6 header, 40-byte VRRP message. */
    private static final String V6_HEADER = "6c07aa58002870fffe80000000000000000000fffe00000aff020000000000000000000000000012";
    private static final String V6_VRRP = "3107c8020064dd11fe80000000000000000000000000000720010db8000000000000000000000007";

    @Test
    void ipv4HeaderFields() throws Exception {
        IpDecodeResult.Vrrp vrrp = vrrp(hex(V4_HEADER + V4_VRRP));
        assertEquals(new IpHeader(AddressFamily.IPV4, InetAddress.getByName("192.0.2.251"),
                InetAddress.getByName("224.0.0.18"), 255, 112, 20), vrrp.ip());
        assertEquals(4, ok(vrrp).packet().vrid());
    }

    @Test
    void ethernetPaddingAfterTheTotalLengthIsIgnored() {
        // A 46-byte minimum Ethernet payload pads this 32-byte packet with 14 bytes.
        byte[] padded = Arrays.copyOf(hex(V4_HEADER + V4_VRRP), 46);
        Arrays.fill(padded, 32, 46, (byte) 0x5a);
        assertEquals(ChecksumForm.IPV4_PSEUDO_HEADER, ok(vrrp(padded)).checksumForm());
        byte[] paddedV6 = Arrays.copyOf(hex(V6_HEADER + V6_VRRP), 100);
        assertEquals(7, ok(vrrp(paddedV6)).packet().vrid());
    }

    @Test
    void ipv4OptionsAreSkippedByIhl() {
        // IHL 6: a 4-byte router-alert option; total length 36. The IP checksum is not checked.
        byte[] ip = hex("46c00024" + V4_HEADER.substring(8) + "94040000" + V4_VRRP);
        IpDecodeResult.Vrrp vrrp = vrrp(ip);
        assertEquals(24, vrrp.ip().payloadOffset());
        assertEquals(4, ok(vrrp).packet().vrid());
    }

    @Test
    void ipv6HopByHopHeaderIsSkipped() {
        // Next header 0 (hop-by-hop, 8 bytes: next 112, length 0, PadN) then VRRP; payload length 48.
        String header = "6c07aa58" + "0030" + "00" + "ff" + V6_HEADER.substring(16);
        IpDecodeResult.Vrrp vrrp = vrrp(hex(header + "7000010400000000" + V6_VRRP));
        assertEquals(112, vrrp.ip().protocol());
        assertEquals(48, vrrp.ip().payloadOffset());
        assertEquals(255, vrrp.ip().ttl());
        assertEquals(ChecksumForm.IPV6_PSEUDO_HEADER, ok(vrrp).checksumForm());
    }

    @Test
    void otherProtocolsAreNotDecoded() throws Exception {
        // An ICMPv6 router solicitation from the captures.
        byte[] rs = hex("6000000000103afffe80000000000000000000fffe00000bff020000000000000000000000000002"
                + "85007b1800000000010102000000000b");
        IpDecodeResult.NotVrrp other = assertInstanceOf(IpDecodeResult.NotVrrp.class, decodeIp(rs));
        assertEquals(58, other.ip().protocol());
        assertEquals(InetAddress.getByName("ff02::2"), other.ip().destination());
    }

    @Test
    void totalLengthBeyondTheBytesIsALengthMismatch() {
        byte[] cut = Arrays.copyOf(hex(V4_HEADER + V4_VRRP), 31);
        assertEquals(DecodeError.LENGTH_MISMATCH, failed(vrrp(cut).vrrp()).error());
        byte[] cutV6 = Arrays.copyOf(hex(V6_HEADER + V6_VRRP), 79);
        assertEquals(DecodeError.LENGTH_MISMATCH, failed(vrrp(cutV6).vrrp()).error());
    }

    @Test
    void totalLengthShorterThanTheHeaderIsALengthMismatch() {
        byte[] ip = hex(V4_HEADER + V4_VRRP);
        ip[2] = 0;
        ip[3] = 19;
        assertEquals(DecodeError.LENGTH_MISMATCH, failed(vrrp(ip).vrrp()).error());
    }

    @Test
    void ihlBelowFiveIsALengthMismatch() {
        byte[] ip = hex(V4_HEADER + V4_VRRP);
        ip[0] = 0x44;
        assertEquals(DecodeError.LENGTH_MISMATCH, unreadable(ip).error());
    }

    @Test
    void shortHeadersAreTruncated() {
        assertEquals(DecodeError.TRUNCATED, unreadable(new byte[0]).error());
        assertEquals(DecodeError.TRUNCATED, unreadable(Arrays.copyOf(hex(V4_HEADER), 19)).error());
        assertEquals(DecodeError.TRUNCATED, unreadable(Arrays.copyOf(hex(V6_HEADER), 39)).error());
        byte[] ihl15 = hex(V4_HEADER + V4_VRRP);
        ihl15[0] = 0x4f; // 60-byte header, 32 bytes present
        assertEquals(DecodeError.TRUNCATED, unreadable(ihl15).error());
    }

    @Test
    void extensionHeaderPastThePayloadIsTruncated() {
        // Hop-by-hop claiming 16 bytes in an 8-byte payload.
        String header = "6c07aa58" + "0008" + "00" + "ff" + V6_HEADER.substring(16);
        IpDecodeResult.Unreadable unreadable = unreadable(hex(header + "7001000000000000"));
        assertEquals(DecodeError.TRUNCATED, unreadable.error());
        assertTrue(unreadable.detail().contains("extension header 0"), unreadable.detail());
    }

    @Test
    void badIpVersion() {
        byte[] ip = hex(V4_HEADER + V4_VRRP);
        ip[0] = 0x55;
        IpDecodeResult.Unreadable unreadable = unreadable(ip);
        assertEquals(DecodeError.BAD_IP_VERSION, unreadable.error());
        assertEquals("IP version 5", unreadable.detail());
    }

    @Test
    void readsFromTheReaderIndexWithoutMovingIt() {
        byte[] packet = hex("ffff" + V4_HEADER + V4_VRRP);
        ByteBuf buf = Unpooled.wrappedBuffer(packet);
        buf.readerIndex(2);
        assertEquals(4, ok(assertInstanceOf(IpDecodeResult.Vrrp.class, IpDatagram.decodeIp(buf))).packet().vrid());
        assertEquals(2, buf.readerIndex());
    }

    private static IpDecodeResult decodeIp(byte[] ip) {
        return IpDatagram.decodeIp(Unpooled.wrappedBuffer(ip));
    }

    private static IpDecodeResult.Vrrp vrrp(byte[] ip) {
        return assertInstanceOf(IpDecodeResult.Vrrp.class, decodeIp(ip));
    }

    private static IpDecodeResult.Unreadable unreadable(byte[] ip) {
        return assertInstanceOf(IpDecodeResult.Unreadable.class, decodeIp(ip));
    }

    private static DecodeResult.Ok ok(IpDecodeResult.Vrrp vrrp) {
        return assertInstanceOf(DecodeResult.Ok.class, vrrp.vrrp());
    }

    private static DecodeResult.Failed failed(DecodeResult result) {
        return assertInstanceOf(DecodeResult.Failed.class, result);
    }
}

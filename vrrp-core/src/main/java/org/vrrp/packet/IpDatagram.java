package org.vrrp.packet;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Reads a whole IPv4 or IPv6 packet, as an IPv4 raw socket delivers it or a capture holds it, and
 * decodes the VRRP message inside. Pure, stateless and thread-safe; never throws for any packet bytes.
 */
public final class IpDatagram {
    private IpDatagram() {}

    private static final int IPV4_MIN_HEADER_LENGTH = 20;
    private static final int IPV6_HEADER_LENGTH = 40;
    /** IPv6 extension headers with the generic (next header, length in 8-octet units - 1) layout. */
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_DESTINATION_OPTIONS = 60;

    /**
     * Decodes the IP packet between {@code ipPacket}'s reader and writer index, without moving them.
     *
     * <p>IPv4: the header length (IHL) and total length are honoured; bytes after the total length
     * (Ethernet padding) are ignored. The header checksum is not checked (the kernel has). IPv6: the
     * payload length is honoured, and hop-by-hop, routing and destination-options headers are skipped
     * to reach the upper-layer protocol.
     *
     * <p>A header that cannot be read gives {@link IpDecodeResult.Unreadable} with
     * {@link DecodeError#TRUNCATED}, {@link DecodeError#LENGTH_MISMATCH} or {@link DecodeError#BAD_IP_VERSION}.
     * A VRRP packet whose IP length fields claim more bytes than are present gives
     * {@link IpDecodeResult.Vrrp} with a {@link DecodeError#LENGTH_MISMATCH} failure.
     *
     * @param ipPacket the ip packet
     * @return the VRRP payload and header fields, or why the packet is not one
     * @throws NullPointerException if {@code ipPacket} is null
     */
    public static IpDecodeResult decodeIp(ByteBuf ipPacket) {
        Objects.requireNonNull(ipPacket, "ipPacket");
        if (ipPacket.readableBytes() < 1) {
            return unreadable(DecodeError.TRUNCATED, "empty IP packet");
        }
        int ipVersion = ipPacket.getUnsignedByte(ipPacket.readerIndex()) >>> 4;
        switch (ipVersion) {
            case 4:
                return decodeIpv4(ipPacket);
            case 6:
                return decodeIpv6(ipPacket);
            default:
                return unreadable(DecodeError.BAD_IP_VERSION, "IP version " + ipVersion);
        }
    }

    private static IpDecodeResult decodeIpv4(ByteBuf packet) {
        int base = packet.readerIndex();
        int present = packet.readableBytes();
        if (present < IPV4_MIN_HEADER_LENGTH) {
            return unreadable(DecodeError.TRUNCATED, "IPv4 packet of " + present + " bytes, the header needs 20");
        }
        int headerLength = (packet.getUnsignedByte(base) & 0x0f) * 4;
        if (headerLength < IPV4_MIN_HEADER_LENGTH) {
            return unreadable(DecodeError.LENGTH_MISMATCH, "IPv4 header length " + headerLength + ", minimum 20");
        }
        if (headerLength > present) {
            return unreadable(DecodeError.TRUNCATED,
                    "IPv4 header length " + headerLength + ", only " + present + " bytes present");
        }
        int totalLength = packet.getUnsignedShort(base + 2);
        String lengthProblem = null;
        if (totalLength < headerLength) {
            lengthProblem = "IPv4 total length " + totalLength + " is shorter than its header length " + headerLength;
        } else if (totalLength > present) {
            lengthProblem = "IPv4 total length " + totalLength + ", only " + present + " bytes present";
        }
        byte[] source = bytes(packet, base + 12, 4);
        byte[] destination = bytes(packet, base + 16, 4);
        IpHeader header = new IpHeader(AddressFamily.IPV4, InetAddresses.of(source), InetAddresses.of(destination),
                packet.getUnsignedByte(base + 8), packet.getUnsignedByte(base + 9), headerLength);
        return upperLayer(header, source, destination, packet, base + headerLength, totalLength - headerLength,
                lengthProblem);
    }

    private static IpDecodeResult decodeIpv6(ByteBuf packet) {
        int base = packet.readerIndex();
        int present = packet.readableBytes();
        if (present < IPV6_HEADER_LENGTH) {
            return unreadable(DecodeError.TRUNCATED, "IPv6 packet of " + present + " bytes, the header needs 40");
        }
        int payloadLength = packet.getUnsignedShort(base + 4);
        int end = IPV6_HEADER_LENGTH + payloadLength;
        String lengthProblem = null;
        if (end > present) {
            lengthProblem = "IPv6 payload length " + payloadLength + ", only " + (present - IPV6_HEADER_LENGTH)
                    + " bytes after the header";
            end = present;
        }
        int nextHeader = packet.getUnsignedByte(base + 6);
        int offset = IPV6_HEADER_LENGTH;
        while (nextHeader == IPV6_HOP_BY_HOP || nextHeader == IPV6_ROUTING || nextHeader == IPV6_DESTINATION_OPTIONS) {
            int extensionLength = offset + 2 <= end ? (packet.getUnsignedByte(base + offset + 1) + 1) * 8 : -1;
            if (extensionLength < 0 || offset + extensionLength > end) {
                return unreadable(lengthProblem != null ? DecodeError.LENGTH_MISMATCH : DecodeError.TRUNCATED,
                        "IPv6 extension header " + nextHeader + " at offset " + offset + " runs past the payload"
                                + (lengthProblem != null ? " (" + lengthProblem + ")" : ""));
            }
            nextHeader = packet.getUnsignedByte(base + offset);
            offset += extensionLength;
        }
        byte[] source = bytes(packet, base + 8, 16);
        byte[] destination = bytes(packet, base + 24, 16);
        IpHeader header = new IpHeader(AddressFamily.IPV6, InetAddresses.of(source), InetAddresses.of(destination),
                packet.getUnsignedByte(base + 7), nextHeader, offset);
        return upperLayer(header, source, destination, packet, base + offset, end - offset, lengthProblem);
    }

    private static IpDecodeResult upperLayer(IpHeader header, byte[] source, byte[] destination, ByteBuf packet,
                                             int payloadIndex, int payloadLength, String lengthProblem) {
        if (header.protocol() != VrrpWire.IP_PROTOCOL_VRRP) {
            return new IpDecodeResult.NotVrrp(header);
        }
        if (lengthProblem != null) {
            return new IpDecodeResult.Vrrp(header, new DecodeResult.Failed(DecodeError.LENGTH_MISMATCH, lengthProblem));
        }
        DecodeResult vrrp = VrrpCodec.decode(packet.slice(payloadIndex, payloadLength), header.family(), source,
                destination);
        return new IpDecodeResult.Vrrp(header, vrrp);
    }

    private static byte[] bytes(ByteBuf packet, int index, int length) {
        byte[] bytes = new byte[length];
        packet.getBytes(index, bytes);
        return bytes;
    }

    private static IpDecodeResult unreadable(DecodeError error, String detail) {
        return new IpDecodeResult.Unreadable(error, detail);
    }
}

package org.vrrp.tool.capture;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Finds the IPv4 or IPv6 packet inside a captured frame. Pure and thread-safe.
 */
public final class LinkLayer {
    private LinkLayer() {}

    /** LINKTYPE_ETHERNET: Ethernet II, optionally with 802.1Q / 802.1ad tags. */
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: the frame is the IP packet. */
    public static final int RAW_IP = 101;
    /** LINKTYPE_LINUX_SLL: Linux "cooked" capture ({@code tcpdump -i any}). */
    public static final int LINUX_COOKED = 113;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int ETHERNET_HEADER_LENGTH = 14;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int LINUX_COOKED_HEADER_LENGTH = 16;

    /**
     * Whether {@link #ipPacket} understands frames of {@code linkType}.
     *
     * @param linkType the link type
     * @return whether {@link #ipPacket} understands frames of {@code linkType}
     */
    public static boolean isSupported(int linkType) {
        return linkType == ETHERNET || linkType == RAW_IP || linkType == LINUX_COOKED;
    }

    /**
     * As {@link #ipPacket(int, byte[])} for a pcap frame.
     *
     * @param frame the frame
     * @return the IP packet in the frame, or empty
     */
    public static Optional<ByteBuffer> ipPacket(PcapFrame frame) {
        return ipPacket(frame.linkType(), frame.data());
    }

    /**
     * The IP packet carried by {@code frame}: a read-only view of {@code frame} from the IP header to
     * the end of the frame (Ethernet padding included; the IP length fields say where the packet
     * ends). Empty if the frame carries something else (ARP, ...), is too short, or the link type is
     * not supported.
     *
     * @param linkType the link type
     * @param frame the frame
     * @return the IP packet in the frame, or empty
     */
    public static Optional<ByteBuffer> ipPacket(int linkType, byte[] frame) {
        int offset;
        switch (linkType) {
            case ETHERNET:
                offset = ethernetPayloadOffset(frame);
                break;
            case LINUX_COOKED:
                offset = frame.length >= LINUX_COOKED_HEADER_LENGTH
                        && isIp(u16(frame, LINUX_COOKED_HEADER_LENGTH - 2)) ? LINUX_COOKED_HEADER_LENGTH : -1;
                break;
            case RAW_IP:
                int ipVersion = frame.length > 0 ? (frame[0] & 0xff) >>> 4 : 0;
                offset = ipVersion == 4 || ipVersion == 6 ? 0 : -1;
                break;
            default:
                offset = -1;
        }
        if (offset < 0) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(frame, offset, frame.length - offset).slice().asReadOnlyBuffer());
    }

    /** Offset of the IP header after the Ethernet header and any VLAN tags, or -1 if not IP. */
    private static int ethernetPayloadOffset(byte[] frame) {
        int typeOffset = ETHERNET_HEADER_LENGTH - 2;
        while (typeOffset + 2 <= frame.length) {
            int etherType = u16(frame, typeOffset);
            if (etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) {
                typeOffset += VLAN_TAG_LENGTH;
            } else {
                return isIp(etherType) ? typeOffset + 2 : -1;
            }
        }
        return -1;
    }

    private static boolean isIp(int etherType) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
    }

    private static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff);
    }
}

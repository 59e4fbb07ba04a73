package org.vrrp.linux;

import java.nio.ByteBuffer;

/**
 * Builds the frames a new Master sends so that neighbours move a VIP to its MAC. Pure; unit-tested.
 */
final class AnnouncementFrames {
    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};
    static final int ARP_FRAME_BYTES = 14 + 28;
    static final int NEIGHBOR_ADVERT_BYTES = 32;
    private static final int ICMPV6_NEIGHBOR_ADVERT = 136;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_OVERRIDE = 0x20;
    private static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;

    private AnnouncementFrames() {
    }

    /**
     * A gratuitous ARP as an Ethernet frame: a broadcast ARP request whose sender and target protocol
     * addresses are both the VIP and whose sender hardware address is the interface's MAC (an "ARP
     * announcement", RFC 5227 section 2.3), as keepalived sends. The target hardware address is zero, as
     * RFC 5227 asks; keepalived 2.2.7 puts ff:ff:ff:ff:ff:ff there (seen in a capture). Receivers ignore
     * the field, and the tests show a Linux neighbour moving to our MAC.
     */
    static byte[] gratuitousArp(byte[] mac, byte[] ipv4) {
        requireLength(mac, 6, "MAC");
        requireLength(ipv4, 4, "IPv4 address");
        ByteBuffer b = ByteBuffer.allocate(ARP_FRAME_BYTES);
        b.put(BROADCAST_MAC).put(mac).putShort((short) LinuxConstants.ETH_P_ARP);
        b.putShort((short) LinuxConstants.ARPHRD_ETHER).putShort((short) LinuxConstants.ETH_P_IP)
                .put((byte) 6).put((byte) 4).putShort((short) 1); // hardware type, protocol, lengths, request
        b.put(mac).put(ipv4).put(new byte[6]).put(ipv4);
        return b.array();
    }

    /**
     * An unsolicited neighbor advertisement (RFC 4861 section 7.2.6) as an ICMPv6 message, checksum left
     * zero for the kernel: Router=1 (a VRRP Master routes), Solicited=0, Override=1 so neighbours
     * replace a cached MAC (RFC 9568 section 8.2.2), target = the VIP, with a target link-layer address
     * option carrying the interface's MAC.
     */
    static byte[] unsolicitedNeighborAdvert(byte[] mac, byte[] ipv6) {
        requireLength(mac, 6, "MAC");
        requireLength(ipv6, 16, "IPv6 address");
        ByteBuffer b = ByteBuffer.allocate(NEIGHBOR_ADVERT_BYTES);
        b.put((byte) ICMPV6_NEIGHBOR_ADVERT).put((byte) 0).putShort((short) 0);
        b.put((byte) (FLAG_ROUTER | FLAG_OVERRIDE)).put(new byte[3]).put(ipv6);
        b.put((byte) OPTION_TARGET_LINK_LAYER_ADDRESS).put((byte) 1).put(mac); // length in units of 8 bytes
        return b.array();
    }

    private static void requireLength(byte[] value, int length, String what) {
        if (value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + value.length);
        }
    }
}

package org.vrrp.tool.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkLayerTest {
    private static final String MACS = "01005e000012" + "02000000000a";
    /** The first v3 IPv4 advert of v3-ipv4-50cs.pcap. */
    private static final String IPV4 = "45c0002000010000ff70179fc00002fbe00000123104f50100327438c0000204";

    @Test
    void ethernetIpv4AndIpv6() {
        assertEquals(IPV4, ip(LinkLayer.ETHERNET, MACS + "0800" + IPV4));
        assertEquals("6000", ip(LinkLayer.ETHERNET, MACS + "86dd" + "6000"));
    }

    @Test
    void vlanTagsAreSkipped() {
        assertEquals(IPV4, ip(LinkLayer.ETHERNET, MACS + "8100" + "0064" + "0800" + IPV4));
        assertEquals(IPV4, ip(LinkLayer.ETHERNET, MACS + "88a8" + "00c8" + "8100" + "0064" + "0800" + IPV4));
    }

    @Test
    void nonIpFramesGiveNothing() {
        assertTrue(LinkLayer.ipPacket(LinkLayer.ETHERNET, hex(MACS + "0806" + "0001")).isEmpty(), "ARP");
        assertTrue(LinkLayer.ipPacket(LinkLayer.ETHERNET, hex(MACS + "08")).isEmpty(), "cut ethertype");
        assertTrue(LinkLayer.ipPacket(LinkLayer.ETHERNET, hex(MACS + "8100" + "00")).isEmpty(), "cut VLAN tag");
        assertTrue(LinkLayer.ipPacket(999, hex(IPV4)).isEmpty(), "unknown link type");
        assertFalse(LinkLayer.isSupported(999));
    }

    @Test
    void linuxCookedAndRawIp() {
        String sll = "0000" + "0001" + "0006" + "02000000000a0000" + "0800";
        assertEquals(IPV4, ip(LinkLayer.LINUX_COOKED, sll + IPV4));
        assertTrue(LinkLayer.ipPacket(LinkLayer.LINUX_COOKED, hex(sll.replace("0800", "0806"))).isEmpty());
        assertEquals(IPV4, ip(LinkLayer.RAW_IP, IPV4));
        assertTrue(LinkLayer.ipPacket(LinkLayer.RAW_IP, hex("00")).isEmpty());
    }

    @Test
    void theViewIsReadOnly() {
        Optional<ByteBuffer> view = LinkLayer.ipPacket(LinkLayer.RAW_IP, hex(IPV4));
        assertTrue(view.orElseThrow().isReadOnly());
    }

    private static String ip(int linkType, String frameHex) {
        ByteBuffer view = LinkLayer.ipPacket(linkType, hex(frameHex)).orElseThrow();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}

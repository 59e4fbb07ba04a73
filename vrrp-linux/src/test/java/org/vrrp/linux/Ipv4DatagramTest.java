package org.vrrp.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vrrp.spi.ReceivedPacket;

class Ipv4DatagramTest {
    private static final String PAYLOAD = "2133640100010000c000026400000000" + "00000000";

    @Test
    void headerFieldsAreReadAndOnlyThePayloadIsKept() throws Exception {
        byte[] d = HexFormat.of().parseHex("45c00028000000004070" + "0000" + "c0000201" + "e0000012" + PAYLOAD);
        ReceivedPacket p = Ipv4Datagram.parse("eth0", d);
        assertEquals(InetAddress.getByName("192.0.2.1"), p.source());
        assertEquals(InetAddress.getByName("224.0.0.18"), p.destination());
        assertEquals(64, p.ttl());
        assertArrayEquals(HexFormat.of().parseHex(PAYLOAD), p.message());
    }

    @Test
    void optionsAreSkipped() {
        byte[] d = HexFormat.of().parseHex(
                "46c0002c00000000ff70" + "0000" + "c0000201" + "e0000012" + "01010101" + PAYLOAD);
        ReceivedPacket p = Ipv4Datagram.parse("eth0", d);
        assertEquals(255, p.ttl());
        assertArrayEquals(HexFormat.of().parseHex(PAYLOAD), p.message());
    }

    @Test
    void malformedHeadersAreRefused() {
        assertNull(Ipv4Datagram.parse("eth0", new byte[19]));
        assertNull(Ipv4Datagram.parse("eth0", HexFormat.of().parseHex("60000000000000000000000000000000000000000000")));
        assertNull(Ipv4Datagram.parse("eth0", HexFormat.of().parseHex("4f000000000000000000000000000000000000000000")));
    }
}

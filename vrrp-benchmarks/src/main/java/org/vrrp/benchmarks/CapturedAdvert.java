package org.vrrp.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.vrrp.packet.AddressFamily;
import org.vrrp.tool.capture.LinkLayer;
import org.vrrp.tool.capture.PcapFrame;
import org.vrrp.tool.capture.PcapReader;

/**
 * The first VRRP advert of a keepalived capture ({@code vrrp-core/src/test/resources/fixtures/keepalived/},
 * packed into the benchmark jar by the pom), so that the benchmarks run on real wire bytes.
 *
 * @param message     the VRRP message (the IP payload)
 * @param source      IP source address, 4 or 16 bytes
 * @param destination IP destination address
 */
record CapturedAdvert(AddressFamily family, byte[] message, byte[] source, byte[] destination) {
    private static final int IP_PROTOCOL_VRRP = 112;

    static CapturedAdvert firstOf(String capture) throws IOException {
        String resource = "/fixtures/keepalived/" + capture + ".pcap";
        try (InputStream in = CapturedAdvert.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no capture " + resource + " in the benchmark jar");
            }
            PcapReader reader = new PcapReader(in, resource);
            for (PcapFrame frame = reader.next(); frame != null; frame = reader.next()) {
                Optional<ByteBuffer> ip = LinkLayer.ipPacket(frame);
                if (ip.isPresent()) {
                    byte[] packet = new byte[ip.get().remaining()];
                    ip.get().get(packet);
                    CapturedAdvert advert = ofIpPacket(packet);
                    if (advert != null) {
                        return advert;
                    }
                }
            }
        }
        throw new IOException(resource + " holds no VRRP packet");
    }

    /** The VRRP message of an IP packet, sliced by its IP length fields; null if it is not VRRP. */
    private static CapturedAdvert ofIpPacket(byte[] packet) {
        if ((packet[0] & 0xf0) == 0x60) {
            if ((packet[6] & 0xff) != IP_PROTOCOL_VRRP) {
                return null;
            }
            return new CapturedAdvert(AddressFamily.IPV6, Arrays.copyOfRange(packet, 40, 40 + u16(packet, 4)),
                    Arrays.copyOfRange(packet, 8, 24), Arrays.copyOfRange(packet, 24, 40));
        }
        if ((packet[9] & 0xff) != IP_PROTOCOL_VRRP) {
            return null;
        }
        int headerLength = (packet[0] & 0x0f) * 4;
        return new CapturedAdvert(AddressFamily.IPV4, Arrays.copyOfRange(packet, headerLength, u16(packet, 2)),
                Arrays.copyOfRange(packet, 12, 16), Arrays.copyOfRange(packet, 16, 20));
    }

    private static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff);
    }
}

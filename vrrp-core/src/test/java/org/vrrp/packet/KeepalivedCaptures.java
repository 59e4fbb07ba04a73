package org.vrrp.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vrrp.capture.LinkLayer;
import org.vrrp.capture.PcapFrame;
import org.vrrp.capture.PcapReader;

/**
 * The keepalived captures under {@code src/test/resources/fixtures/keepalived/}, read from the class
 * path, with the VRRP packets picked out by hand-parsing the IP header (not with the code under test).
 * Public for the fuzz tests of other packages, which seed their corpus from the same packets.
 */
public final class KeepalivedCaptures {
    private KeepalivedCaptures() {}

    public static final List<String> NAMES = List.of("v2-auth-pass", "v2-noauth-3vips", "v3-ipv4-50cs", "v3-ipv6");

    /** One VRRP packet of a capture: the whole IP packet and, sliced out by hand, its VRRP message. */
    public record CapturedVrrp(int frameNumber, byte[] ipPacket, byte[] message) {
        public boolean isIpv6() {
            return (ipPacket[0] & 0xf0) == 0x60;
        }

        public byte[] sourceAddress() {
            return isIpv6() ? Arrays.copyOfRange(ipPacket, 8, 24) : Arrays.copyOfRange(ipPacket, 12, 16);
        }

        public byte[] destinationAddress() {
            return isIpv6() ? Arrays.copyOfRange(ipPacket, 24, 40) : Arrays.copyOfRange(ipPacket, 16, 20);
        }
    }

    static List<PcapFrame> frames(String name) {
        String resource = "/fixtures/keepalived/" + name + ".pcap";
        try (InputStream in = KeepalivedCaptures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new PcapReader(in, resource).readRemaining();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The VRRP packets (IP protocol / next header 112) of capture {@code name}, in capture order. */
    public static List<CapturedVrrp> vrrpPackets(String name) {
        List<CapturedVrrp> packets = new ArrayList<>();
        for (PcapFrame frame : frames(name)) {
            Optional<ByteBuffer> ip = LinkLayer.ipPacket(frame);
            if (ip.isEmpty()) {
                continue;
            }
            byte[] packet = new byte[ip.get().remaining()];
            ip.get().get(packet);
            boolean ipv6 = (packet[0] & 0xf0) == 0x60;
            int protocol = packet[ipv6 ? 6 : 9] & 0xff;
            if (protocol != 112) {
                continue;
            }
            int start = ipv6 ? 40 : (packet[0] & 0x0f) * 4;
            int end = ipv6 ? 40 + u16(packet, 4) : u16(packet, 2);
            packets.add(new CapturedVrrp(frame.number(), packet, Arrays.copyOfRange(packet, start, end)));
        }
        return packets;
    }

    private static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff);
    }
}

package org.vrrp.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keepalived captures under {@code src/test/resources/fixtures/keepalived/}, read from the class
 * path, with the VRRP packets picked out by hand-parsing the pcap records, the Ethernet header and the
 * IP header (not with the code under test; the tool's pcap reader lives in vrrp-tool, above core).
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

    /** One pcap record: its 1-based number in the file and its Ethernet frame. */
    private record Frame(int number, byte[] data) {}

    /** The records of a classic little-endian pcap file of Ethernet frames, as the four captures are. */
    private static List<Frame> frames(String name) {
        String resource = "/fixtures/keepalived/" + name + ".pcap";
        byte[] file;
        try (InputStream in = KeepalivedCaptures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer pcap = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (pcap.getInt(0) != 0xa1b2c3d4 || pcap.getInt(20) != 1) {
            throw new IllegalStateException(resource + " is not a little-endian pcap of Ethernet frames");
        }
        List<Frame> frames = new ArrayList<>();
        for (int at = 24; at + 16 <= file.length; ) {
            int length = pcap.getInt(at + 8);
            frames.add(new Frame(frames.size() + 1, Arrays.copyOfRange(file, at + 16, at + 16 + length)));
            at += 16 + length;
        }
        return frames;
    }

    /** The VRRP packets (IP protocol / next header 112) of capture {@code name}, in capture order. */
    public static List<CapturedVrrp> vrrpPackets(String name) {
        List<CapturedVrrp> packets = new ArrayList<>();
        for (Frame frame : frames(name)) {
            byte[] data = frame.data();
            int etherType = data.length >= 14 ? u16(data, 12) : 0;
            if (etherType != 0x0800 && etherType != 0x86dd) {
                continue;
            }
            byte[] packet = Arrays.copyOfRange(data, 14, data.length);
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

package org.vrrp.tool;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vrrp.tool.capture.LinkLayer;
import org.vrrp.tool.capture.PcapFrame;
import org.vrrp.tool.capture.PcapReader;
import org.vrrp.packet.IpDatagram;
import org.vrrp.packet.IpDecodeResult;

/** {@code vrrp decode FILE.pcap [--json]}: prints every VRRP packet of a capture, in order. */
final class DecodeCommand implements Command {

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "print every VRRP packet in a pcap capture";
    }

    @Override
    public String usage() {
        return "usage: vrrp decode FILE.pcap [--json]\n"
                + "\n"
                + "Prints every IPv4/IPv6 packet with protocol 112 (VRRP) in a classic pcap file (Ethernet,\n"
                + "Linux cooked or raw IP; not pcapng), in capture order, one line each: time, addresses,\n"
                + "TTL, version, VRID, priority, interval, auth, virtual addresses and checksum form, or the\n"
                + "rule a packet broke.\n"
                + "\n"
                + "  --json   one JSON object per line instead, with the fields src, dst, ttl, version, vrid,\n"
                + "           priority, addresses, intervalCentis, authType and authText (v2), checksumOk,\n"
                + "           checksumMode (v3 over IPv4: message or pseudo-header), and error (a rule name\n"
                + "           such as bad-checksum) for a packet that does not decode.\n"
                + "\n"
                + "Exit status: 0 when the file was read to the end, 1 when it could not be read, 2 for bad\n"
                + "arguments.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        boolean json = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("unknown option '" + arg + "'");
            } else if (file != null) {
                throw new UsageException("one FILE expected, got '" + file + "' and '" + arg + "'");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            throw new UsageException("missing FILE");
        }
        try (PcapReader reader = PcapReader.open(Path.of(file))) {
            if (!LinkLayer.isSupported(reader.linkType())) {
                err.println("vrrp decode: " + file + ": link type " + reader.linkType()
                        + " is not supported (Ethernet, Linux cooked and raw IP are)");
                return EXIT_FAILURE;
            }
            int unreadable = 0;
            for (PcapFrame frame = reader.next(); frame != null; frame = reader.next()) {
                Optional<ByteBuffer> ip = LinkLayer.ipPacket(frame);
                if (ip.isEmpty()) {
                    continue;
                }
                ByteBuf ipPacket = Unpooled.wrappedBuffer(ip.get());
                IpDecodeResult result = IpDatagram.decodeIp(ipPacket);
                if (result instanceof IpDecodeResult.Vrrp vrrp) {
                    Optional<HeaderFields> fields = HeaderFields.of(ipPacket, vrrp);
                    out.println(json ? JsonLine.of(vrrp, fields) : HumanLine.of(frame.timestamp(), vrrp, fields));
                } else if (result instanceof IpDecodeResult.Unreadable) {
                    unreadable++;
                }
            }
            if (unreadable > 0) {
                // Their protocol is unknown, so they may or may not have been VRRP: say so, off stdout.
                err.println("vrrp decode: " + file + ": skipped " + unreadable
                        + " frame(s) whose IP header could not be read");
            }
            return EXIT_OK;
        } catch (IOException e) {
            err.println("vrrp decode: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }
}

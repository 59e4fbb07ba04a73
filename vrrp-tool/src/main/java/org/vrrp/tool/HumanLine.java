package org.vrrp.tool;

import org.vrrp.control.JsonWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.IpDecodeResult;
import org.vrrp.packet.IpHeader;
import org.vrrp.packet.VrrpPacket;

/**
 * One readable line per VRRP packet, e.g.
 * {@code 2026-11-22T02:05:38.947445Z 192.0.2.251 -> 224.0.0.18 ttl 255 VRRPv2 vrid 1 prio 150 interval 100cs
 * auth simple-text "passwd" addrs 192.0.2.254 checksum message}, or for one that does not decode
 * {@code ... ttl 255 VRRPv2 vrid 1 prio 150 error bad-checksum: checksum 0x29c5, expected 0x29c4 (message)}.
 */
final class HumanLine {
    private HumanLine() {}

    static String of(Instant time, IpDecodeResult.Vrrp result, Optional<HeaderFields> failedHeader) {
        IpHeader ip = result.ip();
        StringBuilder line = new StringBuilder().append(time).append(' ')
                .append(AddressText.of(ip.source())).append(" -> ").append(AddressText.of(ip.destination()))
                .append(" ttl ").append(ip.ttl()).append(' ');
        if (result.vrrp() instanceof DecodeResult.Failed failed) {
            failedHeader.ifPresentOrElse(
                    h -> line.append("VRRPv").append(h.version()).append(" vrid ").append(h.vrid())
                            .append(" prio ").append(h.priority()).append(' '),
                    () -> line.append("VRRP "));
            return line.append("error ").append(failed.error().wireName()).append(": ").append(failed.detail())
                    .toString();
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) result.vrrp();
        VrrpPacket packet = ok.packet();
        line.append("VRRPv").append(packet.version())
                .append(" vrid ").append(packet.vrid())
                .append(" prio ").append(packet.priority())
                .append(" interval ").append(packet.advertIntervalCentis()).append("cs");
        if (packet.version() == 2) {
            line.append(" auth ").append(authText(packet));
        }
        line.append(" addrs ").append(packet.addresses().stream().map(AddressText::of).collect(Collectors.joining(",")));
        return line.append(" checksum ").append(ok.checksumForm().wireName()).toString();
    }

    private static String authText(VrrpPacket packet) {
        switch (packet.authType()) {
            case VrrpPacket.AUTH_NONE:
                return "none";
            case VrrpPacket.AUTH_SIMPLE_TEXT:
                return "simple-text " + JsonWriter.quote(packet.authText());
            default:
                return "type " + packet.authType();
        }
    }
}

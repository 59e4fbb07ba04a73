package org.vrrp.tool;

import org.vrrp.control.JsonWriter;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.IpDecodeResult;
import org.vrrp.packet.IpHeader;
import org.vrrp.packet.VrrpPacket;

/**
 * One JSON object per VRRP packet, on one line. Fields: {@code src}, {@code dst}, {@code ttl} (hop
 * limit for IPv6), {@code version}, {@code vrid}, {@code priority}, {@code addresses},
 * {@code intervalCentis}, {@code authType} and {@code authText} (v2 only), {@code checksumOk},
 * {@code checksumMode} (v3 over IPv4 only: {@code "message"} or {@code "pseudo-header"}), and
 * {@code error} (the failed rule's wire name) only for a packet that does not decode.
 *
 * <p>A packet that does not decode has {@code src}, {@code dst}, {@code ttl}, {@code error}, and
 * {@code checksumOk} when the checksum was checked (false for {@code bad-checksum}, true for the rules
 * checked after it); {@code version}, {@code vrid} and {@code priority} when its header layout was
 * known (see {@link HeaderFields}); its other fields are left out.
 */
final class JsonLine {
    private JsonLine() {}

    static String of(IpDecodeResult.Vrrp result, Optional<HeaderFields> failedHeader) {
        IpHeader ip = result.ip();
        JsonWriter json = new JsonWriter()
                .field("src", AddressText.of(ip.source()))
                .field("dst", AddressText.of(ip.destination()))
                .field("ttl", ip.ttl());
        if (result.vrrp() instanceof DecodeResult.Failed failed) {
            failedHeader.ifPresent(h -> json.field("version", h.version()).field("vrid", h.vrid())
                    .field("priority", h.priority()));
            if (failed.error() == DecodeError.BAD_CHECKSUM) {
                json.field("checksumOk", false);
            } else if (failed.error().isCheckedAfterChecksum()) {
                json.field("checksumOk", true);
            }
            return json.field("error", failed.error().wireName()).toString();
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) result.vrrp();
        VrrpPacket packet = ok.packet();
        json.field("version", packet.version())
                .field("vrid", packet.vrid())
                .field("priority", packet.priority())
                .field("addresses", packet.addresses().stream().map(AddressText::of).collect(Collectors.toList()))
                .field("intervalCentis", packet.advertIntervalCentis());
        if (packet.version() == 2) {
            json.field("authType", packet.authType()).field("authText", packet.authText());
        }
        json.field("checksumOk", true);
        if (packet.version() == 3 && packet.family() == AddressFamily.IPV4) {
            json.field("checksumMode", ok.checksumForm().wireName());
        }
        return json.toString();
    }
}

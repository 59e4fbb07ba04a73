package org.vrrp.packet;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Encodes one VRRP message into a caller's buffer. Allocation-free: it reads the packet's own arrays
 * through the package-private views and writes with absolute-index checksum arithmetic.
 */
final class VrrpEncoder {
    private VrrpEncoder() {}

    static int encode(VrrpPacket packet, ChecksumForm form, byte[] source, byte[] destination, ByteBuf out) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(out, "out");
        int version = packet.version();
        AddressFamily family = packet.family();
        if (!VrrpChecksum.fits(form, version, family)) {
            throw new IllegalArgumentException("checksum form " + form + " does not fit VRRPv" + version
                    + " over " + family);
        }
        if (form != ChecksumForm.MESSAGE) {
            VrrpWire.checkAddressLength("sourceAddress", source, family);
            VrrpWire.checkAddressLength("destinationAddress", destination, family);
        }
        byte[] addressBytes = packet.addressBytesView();
        int count = packet.addressCount();
        int length = VrrpWire.messageLength(version, family, count);
        out.ensureWritable(length);

        int start = out.writerIndex();
        out.writeByte(version << 4 | VrrpWire.TYPE_ADVERTISEMENT);
        out.writeByte(packet.vrid());
        out.writeByte(packet.priority());
        out.writeByte(count);
        if (version == 2) {
            out.writeByte(packet.authType());
            // Whole seconds by construction: VrrpPacket.v2 takes seconds and fromWire multiplies them.
            out.writeByte(packet.advertIntervalCentis() / VrrpWire.CENTIS_PER_SECOND);
        } else {
            out.writeShort(packet.advertIntervalCentis() & VrrpWire.V3_INTERVAL_MASK);
        }
        out.writeShort(0); // checksum, filled in below once the rest is written
        out.writeBytes(addressBytes);
        if (version == 2) {
            out.writeBytes(packet.authDataView());
        }
        long sum = VrrpChecksum.initialSum(form, source, destination, length);
        sum = InternetChecksum.add(sum, out, start, length);
        out.setShort(start + VrrpWire.OFFSET_CHECKSUM, InternetChecksum.finish(sum));
        return length;
    }
}

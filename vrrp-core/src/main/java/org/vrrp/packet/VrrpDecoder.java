package org.vrrp.packet;

import static org.vrrp.packet.VrrpWire.HEADER_LENGTH;
import static org.vrrp.packet.VrrpWire.OFFSET_ADDRESSES;
import static org.vrrp.packet.VrrpWire.OFFSET_AUTH_TYPE_OR_INTERVAL;
import static org.vrrp.packet.VrrpWire.OFFSET_CHECKSUM;
import static org.vrrp.packet.VrrpWire.OFFSET_COUNT;
import static org.vrrp.packet.VrrpWire.OFFSET_PRIORITY;
import static org.vrrp.packet.VrrpWire.OFFSET_V2_INTERVAL_SECONDS;
import static org.vrrp.packet.VrrpWire.OFFSET_VRID;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Decodes one VRRP message, checking the rules in the order documented on {@link VrrpCodec#decode}.
 * Every read is at an index proven inside the readable range first, so no input can make it throw.
 */
final class VrrpDecoder {
    private VrrpDecoder() {}

    /** v3 carries no auth data; shared because a packet never exposes or writes its own array. */
    private static final byte[] NO_AUTH_DATA = new byte[VrrpPacket.AUTH_DATA_LENGTH];

    /** Every form, in the order they are tried; {@link VrrpChecksum#fits} picks the allowed ones. */
    private static final ChecksumForm[] CANDIDATES = {
        ChecksumForm.MESSAGE, ChecksumForm.IPV4_PSEUDO_HEADER, ChecksumForm.IPV6_PSEUDO_HEADER
    };

    static DecodeResult decode(ByteBuf message, AddressFamily family, byte[] source, byte[] destination) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(family, "family");
        VrrpWire.checkAddressLength("sourceAddress", source, family);
        VrrpWire.checkAddressLength("destinationAddress", destination, family);

        int base = message.readerIndex();
        int length = message.readableBytes();
        if (length < HEADER_LENGTH) {
            return fail(DecodeError.TRUNCATED, "length " + length + ", the header needs " + HEADER_LENGTH);
        }
        int versionAndType = message.getUnsignedByte(base);
        int version = versionAndType >>> 4;
        if (version != 2 && version != 3) {
            return fail(DecodeError.BAD_VERSION, "version " + version);
        }
        int type = versionAndType & 0x0f;
        if (type != VrrpWire.TYPE_ADVERTISEMENT) {
            return fail(DecodeError.BAD_TYPE, "type " + type);
        }
        if (version == 2 && family == AddressFamily.IPV6) {
            return fail(DecodeError.VERSION_FAMILY_MISMATCH, "version 2 over IPv6");
        }
        int count = message.getUnsignedByte(base + OFFSET_COUNT);
        int expectedLength = VrrpWire.messageLength(version, family, count);
        if (length != expectedLength) {
            return fail(DecodeError.ADDRESS_COUNT_MISMATCH, "length " + length + ", but " + count + " "
                    + family + " address(es) in v" + version + " make " + expectedLength);
        }
        ChecksumForm form = verifiedForm(message, base, length, version, family, source, destination);
        if (form == null) {
            return fail(DecodeError.BAD_CHECKSUM,
                    checksumDetail(message, base, length, version, family, source, destination));
        }
        int vrid = message.getUnsignedByte(base + OFFSET_VRID);
        if (vrid == 0) {
            return fail(DecodeError.BAD_VRID, "vrid 0");
        }
        // Count 0 is decoded (RFC 9568 asks for at least one): keepalived sends it for a VRRPv2 instance with no
        // VIP, and the instance, not the codec, drops an advert whose addresses are not its own.
        int intervalCentis = version == 2
                ? message.getUnsignedByte(base + OFFSET_V2_INTERVAL_SECONDS) * VrrpWire.CENTIS_PER_SECOND
                : message.getUnsignedShort(base + OFFSET_AUTH_TYPE_OR_INTERVAL) & VrrpWire.V3_INTERVAL_MASK;
        if (intervalCentis == 0) {
            return fail(DecodeError.ZERO_INTERVAL, "interval 0");
        }
        int authType = version == 2 ? message.getUnsignedByte(base + OFFSET_AUTH_TYPE_OR_INTERVAL) : 0;
        if (authType != VrrpPacket.AUTH_NONE && authType != VrrpPacket.AUTH_SIMPLE_TEXT) {
            return fail(DecodeError.BAD_AUTH_TYPE, "auth type " + authType);
        }
        byte[] addressBytes = new byte[count * family.addressLength()];
        message.getBytes(base + OFFSET_ADDRESSES, addressBytes);
        // A first IPv6 address that is not link-local (RFC 9568 5.2.9) is decoded: keepalived sends and accepts it.
        byte[] authData = NO_AUTH_DATA;
        if (version == 2) {
            authData = new byte[VrrpPacket.AUTH_DATA_LENGTH];
            message.getBytes(base + OFFSET_ADDRESSES + addressBytes.length, authData);
        }
        int priority = message.getUnsignedByte(base + OFFSET_PRIORITY);
        return new DecodeResult.Ok(VrrpPacket.fromWire(version, family, vrid, priority, intervalCentis, authType,
                authData, addressBytes), form);
    }

    /**
     * The form whose checksum verifies, or null. For v3 over IPv4 the message-only form (RFC 9568) is
     * tried first, so it wins in the practically impossible case that both verify.
     */
    private static ChecksumForm verifiedForm(ByteBuf message, int base, int length, int version,
                                             AddressFamily family, byte[] source, byte[] destination) {
        long messageSum = InternetChecksum.add(0, message, base, length);
        for (ChecksumForm form : CANDIDATES) {
            if (VrrpChecksum.fits(form, version, family)
                    && InternetChecksum.verifies(
                            VrrpChecksum.initialSum(form, source, destination, length) + messageSum)) {
                return form;
            }
        }
        return null;
    }

    /** "checksum 0x1234, expected 0x5678 (message)", with one expectation per allowed form. */
    private static String checksumDetail(ByteBuf message, int base, int length, int version, AddressFamily family,
                                         byte[] source, byte[] destination) {
        long sumWithoutField = InternetChecksum.add(0, message, base, OFFSET_CHECKSUM);
        int afterField = OFFSET_CHECKSUM + 2;
        sumWithoutField = InternetChecksum.add(sumWithoutField, message, base + afterField, length - afterField);
        StringBuilder detail = new StringBuilder("checksum ")
                .append(hex(message.getUnsignedShort(base + OFFSET_CHECKSUM))).append(", expected ");
        String separator = "";
        for (ChecksumForm form : CANDIDATES) {
            if (VrrpChecksum.fits(form, version, family)) {
                int expected = InternetChecksum.finish(
                        VrrpChecksum.initialSum(form, source, destination, length) + sumWithoutField);
                detail.append(separator).append(hex(expected)).append(" (").append(form.wireName()).append(')');
                separator = " or ";
            }
        }
        return detail.toString();
    }

    private static String hex(int word) {
        return String.format("0x%04x", word);
    }

    private static DecodeResult fail(DecodeError error, String detail) {
        return new DecodeResult.Failed(error, detail);
    }
}

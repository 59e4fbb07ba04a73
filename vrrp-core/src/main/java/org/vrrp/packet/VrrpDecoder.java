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
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes one VRRP message, checking the rules in the order documented on {@link VrrpCodec#decode}.
 * Every read is at an index proven inside the readable range first, so no input can make it throw.
 */
final class VrrpDecoder {
    private VrrpDecoder() {}

    /** v3 carries no auth data; shared because a packet never exposes or writes its own array. */
    static final byte[] NO_AUTH_DATA = new byte[VrrpPacket.AUTH_DATA_LENGTH];

    /** Every form, in the order they are tried; {@link VrrpChecksum#fits} picks the allowed ones. */
    private static final ChecksumForm[] CANDIDATES = {
        ChecksumForm.MESSAGE, ChecksumForm.IPV4_PSEUDO_HEADER, ChecksumForm.IPV6_PSEUDO_HEADER
    };

    /** Each thread's view for {@link #decode(ByteBuf, AddressFamily, byte[], byte[])}, which copies out of it. */
    private static final ThreadLocal<AdvertView> SCRATCH = ThreadLocal.withInitial(AdvertView::new);

    static DecodeResult decode(ByteBuf message, AddressFamily family, byte[] source, byte[] destination) {
        AdvertView view = SCRATCH.get();
        DecodeError error = decode(message, family, source, destination, view);
        if (error != null) {
            return new DecodeResult.Failed(error, view.errorDetail());
        }
        return new DecodeResult.Ok(view.toPacket(), view.checksumForm());
    }

    /**
     * Decodes into {@code into}; allocates nothing when the message is well-formed (the view's address array
     * aside, the first time it meets a larger count).
     *
     * @return null if it decoded, else the first rule broken (the view then holds the detail)
     */
    static DecodeError decode(ByteBuf message, AddressFamily family, byte[] source, byte[] destination,
                              AdvertView into) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(into, "into");
        VrrpWire.checkAddressLength("sourceAddress", source, family);
        VrrpWire.checkAddressLength("destinationAddress", destination, family);

        int base = message.readerIndex();
        int length = message.readableBytes();
        if (length < HEADER_LENGTH) {
            return into.fail(DecodeError.TRUNCATED, "length " + length + ", the header needs " + HEADER_LENGTH);
        }
        int versionAndType = message.getUnsignedByte(base);
        int version = versionAndType >>> 4;
        if (version != 2 && version != 3) {
            return into.fail(DecodeError.BAD_VERSION, "version " + version);
        }
        int type = versionAndType & 0x0f;
        if (type != VrrpWire.TYPE_ADVERTISEMENT) {
            return into.fail(DecodeError.BAD_TYPE, "type " + type);
        }
        if (version == 2 && family == AddressFamily.IPV6) {
            return into.fail(DecodeError.VERSION_FAMILY_MISMATCH, "version 2 over IPv6");
        }
        int count = message.getUnsignedByte(base + OFFSET_COUNT);
        int expectedLength = VrrpWire.messageLength(version, family, count);
        if (length != expectedLength) {
            return into.fail(DecodeError.ADDRESS_COUNT_MISMATCH, "length " + length + ", but " + count + " "
                    + family + " address(es) in v" + version + " make " + expectedLength);
        }
        ChecksumForm form = verifiedForm(message, base, length, version, family, source, destination);
        if (form == null) {
            return into.fail(DecodeError.BAD_CHECKSUM,
                    checksumDetail(message, base, length, version, family, source, destination));
        }
        int vrid = message.getUnsignedByte(base + OFFSET_VRID);
        if (vrid == 0) {
            return into.fail(DecodeError.BAD_VRID, "vrid 0");
        }
        // Count 0 is decoded (RFC 9568 asks for at least one): keepalived sends it for a VRRPv2 instance with no
        // VIP, and the instance, not the codec, drops an advert whose addresses are not its own.
        int intervalCentis = version == 2
                ? message.getUnsignedByte(base + OFFSET_V2_INTERVAL_SECONDS) * VrrpWire.CENTIS_PER_SECOND
                : message.getUnsignedShort(base + OFFSET_AUTH_TYPE_OR_INTERVAL) & VrrpWire.V3_INTERVAL_MASK;
        if (intervalCentis == 0) {
            return into.fail(DecodeError.ZERO_INTERVAL, "interval 0");
        }
        int authType = version == 2 ? message.getUnsignedByte(base + OFFSET_AUTH_TYPE_OR_INTERVAL) : 0;
        if (authType != VrrpPacket.AUTH_NONE && authType != VrrpPacket.AUTH_SIMPLE_TEXT) {
            return into.fail(DecodeError.BAD_AUTH_TYPE, "auth type " + authType);
        }
        int addressesLength = count * family.addressLength();
        // A first IPv6 address that is not link-local (RFC 9568 5.2.9) is decoded: keepalived sends and accepts it.
        into.prepareAddresses(count, family);
        message.getBytes(base + OFFSET_ADDRESSES, into.addressStorage(), 0, addressesLength);
        if (version == 2) {
            message.getBytes(base + OFFSET_ADDRESSES + addressesLength, into.authStorage());
        } else {
            Arrays.fill(into.authStorage(), (byte) 0);
        }
        into.set(version, vrid, message.getUnsignedByte(base + OFFSET_PRIORITY), intervalCentis, authType, form);
        return null;
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
}

package org.vrrp.packet;

/**
 * Layout of a VRRP message (RFC 3768 section 5.1, RFC 9568 section 5.1) and the IP facts it depends
 * on. One place for the offsets so the decoder and encoder cannot disagree.
 */
final class VrrpWire {
    private VrrpWire() {}

    /** IP protocol number of VRRP, also the next-header value in the checksum pseudo-headers. */
    static final int IP_PROTOCOL_VRRP = 112;
    /** Version/type, VRID, priority, count, auth type + interval (v2) or interval (v3), checksum. */
    static final int HEADER_LENGTH = 8;
    static final int TYPE_ADVERTISEMENT = 1;
    static final int OFFSET_VRID = 1;
    static final int OFFSET_PRIORITY = 2;
    static final int OFFSET_COUNT = 3;
    /** v2: auth type byte; v3: 4 reserved bits and the high 4 bits of the 12-bit interval. */
    static final int OFFSET_AUTH_TYPE_OR_INTERVAL = 4;
    /** v2: the interval in seconds. */
    static final int OFFSET_V2_INTERVAL_SECONDS = 5;
    static final int OFFSET_CHECKSUM = 6;
    static final int OFFSET_ADDRESSES = 8;
    /** The 12 low bits of bytes 4-5 in v3; the 4 high bits are reserved (sent as zero, ignored on receive). */
    static final int V3_INTERVAL_MASK = 0x0fff;
    static final int CENTIS_PER_SECOND = 100;

    /** Length of a message of {@code version} carrying {@code addressCount} addresses of {@code family}. */
    static int messageLength(int version, AddressFamily family, int addressCount) {
        int length = HEADER_LENGTH + addressCount * family.addressLength();
        return version == 2 ? length + VrrpPacket.AUTH_DATA_LENGTH : length;
    }

    static void checkAddressLength(String name, byte[] address, AddressFamily family) {
        if (address.length != family.addressLength()) {
            throw new IllegalArgumentException(name + " has " + address.length + " bytes, " + family + " needs "
                    + family.addressLength());
        }
    }

    /** Whether address {@code index} of {@code count} packed in {@code packed} is {@code address}; no copy. */
    static boolean packedAddressEquals(byte[] packed, int count, AddressFamily family, int index, byte[] address) {
        int len = family.addressLength();
        if (index < 0 || index >= count || address.length != len) {
            return false;
        }
        return java.util.Arrays.equals(packed, index * len, index * len + len, address, 0, len);
    }
}

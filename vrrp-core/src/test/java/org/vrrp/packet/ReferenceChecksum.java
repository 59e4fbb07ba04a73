package org.vrrp.packet;

/**
 * A deliberately naive Internet checksum, written apart from {@link InternetChecksum} so that tests
 * can make and check checksums without trusting the code under test.
 */
final class ReferenceChecksum {
    private ReferenceChecksum() {}

    /** RFC 1071 over the concatenation of {@code parts}, as one byte stream. */
    static int checksum(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] all = new byte[total + 1]; // +1: a zero pad for an odd length
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        int sum = 0;
        for (int i = 0; i < total; i += 2) {
            sum += ((all[i] & 0xff) << 8) + (all[i + 1] & 0xff);
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return ~sum & 0xffff;
    }

    /** IPv4 pseudo-header for VRRP: source, destination, zero, protocol 112, 16-bit length. */
    static byte[] ipv4PseudoHeader(byte[] source, byte[] destination, int length) {
        byte[] header = new byte[12];
        System.arraycopy(source, 0, header, 0, 4);
        System.arraycopy(destination, 0, header, 4, 4);
        header[9] = 112;
        header[10] = (byte) (length >> 8);
        header[11] = (byte) length;
        return header;
    }

    /** IPv6 pseudo-header (RFC 8200 8.1): source, destination, 32-bit length, three zeros, next header 112. */
    static byte[] ipv6PseudoHeader(byte[] source, byte[] destination, int length) {
        byte[] header = new byte[40];
        System.arraycopy(source, 0, header, 0, 16);
        System.arraycopy(destination, 0, header, 16, 16);
        header[34] = (byte) (length >> 8);
        header[35] = (byte) length;
        header[39] = 112;
        return header;
    }

    /** The pseudo-header {@code form} puts before {@code message} (empty for MESSAGE). */
    static byte[] pseudoHeader(ChecksumForm form, byte[] source, byte[] destination, int length) {
        switch (form) {
            case IPV4_PSEUDO_HEADER:
                return ipv4PseudoHeader(source, destination, length);
            case IPV6_PSEUDO_HEADER:
                return ipv6PseudoHeader(source, destination, length);
            default:
                return new byte[0];
        }
    }

    /** Whether {@code message}'s checksum field verifies in {@code form}. */
    static boolean verifies(byte[] message, ChecksumForm form, byte[] source, byte[] destination) {
        return checksum(pseudoHeader(form, source, destination, message.length), message) == 0;
    }

    /** A copy of {@code message} with bytes 6-7 set to the right checksum for {@code form}. */
    static byte[] withChecksum(byte[] message, ChecksumForm form, byte[] source, byte[] destination) {
        byte[] fixed = message.clone();
        fixed[6] = 0;
        fixed[7] = 0;
        int sum = checksum(pseudoHeader(form, source, destination, fixed.length), fixed);
        fixed[6] = (byte) (sum >> 8);
        fixed[7] = (byte) sum;
        return fixed;
    }
}

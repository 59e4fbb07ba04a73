package org.vrrp.packet;

/**
 * Which checksum forms a version and family allow, and the pseudo-header sums they start from.
 * Allocation-free.
 */
final class VrrpChecksum {
    private VrrpChecksum() {}

    /**
     * Whether {@code form} is allowed for {@code version} over {@code family}: v2 covers the message
     * only (RFC 3768 5.2.8); v3 over IPv6 always has the IPv6 pseudo-header (RFC 9568 5.2.8); v3 over
     * IPv4 is either, see {@link ChecksumForm}.
     */
    static boolean fits(ChecksumForm form, int version, AddressFamily family) {
        if (version == 2) {
            return form == ChecksumForm.MESSAGE;
        }
        if (family == AddressFamily.IPV6) {
            return form == ChecksumForm.IPV6_PSEUDO_HEADER;
        }
        return form == ChecksumForm.MESSAGE || form == ChecksumForm.IPV4_PSEUDO_HEADER;
    }

    /**
     * The sum the checksum of {@code form} starts from: 0 for {@link ChecksumForm#MESSAGE}, else the
     * pseudo-header's. The IPv4 pseudo-header (src, dst, zero, protocol, 16-bit length) and the IPv6
     * one (src, dst, 32-bit length, 3 zero bytes, next header) add up to the same words: the addresses,
     * the protocol and the length. {@code source} and {@code destination} are read only for a
     * pseudo-header form.
     */
    static long initialSum(ChecksumForm form, byte[] source, byte[] destination, int messageLength) {
        if (form == ChecksumForm.MESSAGE) {
            return 0;
        }
        long sum = InternetChecksum.add(0, source);
        sum = InternetChecksum.add(sum, destination);
        sum = InternetChecksum.addWord(sum, VrrpWire.IP_PROTOCOL_VRRP);
        sum = InternetChecksum.addWord(sum, messageLength >>> 16);
        return InternetChecksum.addWord(sum, messageLength);
    }
}

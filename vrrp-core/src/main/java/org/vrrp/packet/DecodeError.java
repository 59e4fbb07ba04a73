package org.vrrp.packet;

/**
 * Why a VRRP message was rejected by the decoder. Each value maps one-to-one to a receive-error
 * counter; {@link #wireName()} is the stable name used in counters, logs and JSON.
 */
public enum DecodeError {
    /** Fewer bytes than a fixed header needs (8 bytes of VRRP, or an IP header). */
    TRUNCATED("truncated"),
    /** The IP header's length fields disagree with the bytes received. */
    LENGTH_MISMATCH("length-mismatch"),
    /** The VRRP message length differs from what its address count (and, in v2, auth data) implies. */
    ADDRESS_COUNT_MISMATCH("address-count-mismatch"),
    /** Version nibble is not 2 or 3. */
    BAD_VERSION("bad-version"),
    /** Type nibble is not 1 (ADVERTISEMENT). */
    BAD_TYPE("bad-type"),
    /** Version 2 carried over IPv6, which RFC 3768 does not define. */
    VERSION_FAMILY_MISMATCH("version-family-mismatch"),
    /** Checksum does not verify in any form allowed for this version and family. */
    BAD_CHECKSUM("bad-checksum"),
    /** VRID 0 (RFC 9568: 1..255). */
    BAD_VRID("bad-vrid"),
    /** Advertisement interval 0. */
    ZERO_INTERVAL("zero-interval"),
    /** VRRPv2 auth type other than 0 (none) or 1 (simple text); type 2 (IP AH) is not supported. */
    BAD_AUTH_TYPE("bad-auth-type"),
    /** A whole IP packet (see {@link IpDatagram}) whose IP version nibble is not 4 or 6. */
    BAD_IP_VERSION("bad-ip-version");

    private final String wireName;

    DecodeError(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Whether {@link VrrpCodec#decode} checks this rule after the checksum, so a message failing it
     * did have a good checksum. False for the rules checked before it and for the IP-level ones.
     *
     * @return whether checked after checksum
     */
    public boolean isCheckedAfterChecksum() {
        switch (this) {
            case BAD_VRID:
            case ZERO_INTERVAL:
            case BAD_AUTH_TYPE:
                return true;
            default:
                return false;
        }
    }

    /**
     * Stable kebab-case name used in counters, logs and JSON ({@code "bad-checksum"}).
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }
}

package org.vrrp.packet;

/**
 * The ranges an instance's settings must keep, stated once: {@code VrrpRouter}'s builder validates
 * against them, and so does every reader of another syntax (vrrp-keepalived's keepalived.conf reader),
 * which words its messages in its own terms but takes the numbers from here. Most come from the
 * width of an advert's fields (RFC 3768, RFC 9568); the others are this library's choices, marked so.
 * Pure constants and functions; thread-safe.
 */
public final class VrrpLimits {
    private VrrpLimits() {}

    /** Virtual Router Identifier: one byte, 0 not allowed. */
    public static final int MIN_VRID = 1;
    /** Virtual Router Identifier: one byte. */
    public static final int MAX_VRID = 255;

    /** Lowest configurable priority; 0 is reserved for a master that resigns. */
    public static final int MIN_PRIORITY = 1;
    /** Highest priority, and the one of the address owner. */
    public static final int MAX_PRIORITY = 255;
    /** The address owner's priority: it owns the VIPs and always preempts. */
    public static final int OWNER_PRIORITY = MAX_PRIORITY;
    /** Priority of a backup when none is configured (RFC 9568 section 5.2.4). */
    public static final int DEFAULT_PRIORITY = 100;

    /** VRRPv2 (RFC 3768): IPv4 only, advert interval in whole seconds, simple-text authentication. */
    public static final int MIN_VERSION = 2;
    /** VRRPv3 (RFC 9568): IPv4 and IPv6, advert interval in centiseconds, no authentication. */
    public static final int MAX_VERSION = 3;

    /** VRRPv2's Adver Int: one byte of whole seconds, 0 not allowed. */
    public static final int V2_MIN_ADVERT_SECONDS = 1;
    /** VRRPv2's Adver Int: one byte of whole seconds. */
    public static final int V2_MAX_ADVERT_SECONDS = 255;
    /** VRRPv3's Max Adver Int: 12 bits of centiseconds, 0 not allowed. */
    public static final int V3_MIN_ADVERT_CENTIS = 1;
    /** VRRPv3's Max Adver Int: 12 bits of centiseconds (40.95 s). */
    public static final int V3_MAX_ADVERT_CENTIS = 4095;
    /** The advert interval when none is configured: 1 s, in both versions. */
    public static final int DEFAULT_ADVERT_CENTIS = 100;

    /** Longest preempt delay (this library's choice, keepalived's too): 1000 s. */
    public static final int MAX_PREEMPT_DELAY_CENTIS = 100_000;

    /** Largest magnitude of a health check's weight (this library's and keepalived's): -253..253. */
    public static final int MAX_WEIGHT = 253;

    /** Longest VRRPv2 simple-text password: the 8 bytes of the Authentication Data field. */
    public static final int MAX_AUTH_CHARS = VrrpPacket.AUTH_DATA_LENGTH;

    /**
     * Whether {@code version} can carry addresses of {@code family}: VRRPv2 is IPv4 only.
     *
     * @param version the version
     * @param family the family
     * @return whether {@code version} can carry addresses of {@code family}: VRRPv2 is IPv4 only
     */
    public static boolean carries(int version, AddressFamily family) {
        return version != 2 || family == AddressFamily.IPV4;
    }

    /**
     * The version of an instance that names none: 3 for IPv6 (the only one that carries it), else 2.
     *
     * @param family the family
     * @return the version of an instance that names none: 3 for IPv6 (the only one that carries it), else 2
     */
    public static int defaultVersion(AddressFamily family) {
        return family == AddressFamily.IPV6 ? 3 : 2;
    }
}

package org.vrrp.packet;

/**
 * What a VRRP checksum covers.
 *
 * <p>VRRPv2 and VRRPv3 over IPv6 each have one form. VRRPv3 over IPv4 is split on the wire: RFC 9568
 * covers the message only (Cisco, Juniper, Arista), while keepalived and FRR by default prepend an
 * IPv4 pseudo-header. The decoder accepts both and reports which one the sender used.
 */
public enum ChecksumForm {
    /** Over the VRRP message only: VRRPv2, and VRRPv3 over IPv4 as RFC 9568 specifies. */
    MESSAGE("message"),
    /** Over an IPv4 pseudo-header plus the message: VRRPv3 over IPv4 as keepalived and FRR send by default. */
    IPV4_PSEUDO_HEADER("pseudo-header"),
    /** Over the IPv6 pseudo-header plus the message: VRRPv3 over IPv6 (the only form there). */
    IPV6_PSEUDO_HEADER("ipv6-pseudo-header");

    private final String wireName;

    ChecksumForm(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Stable lower-case name used in JSON output, logs and metrics.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }
}

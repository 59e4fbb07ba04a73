package org.vrrp.packet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The fields of an IPv4 or IPv6 header that VRRP cares about. Immutable and thread-safe.
 *
 * @param family        IPv4 or IPv6
 * @param source        source address
 * @param destination   destination address
 * @param ttl           IPv4 TTL or IPv6 hop limit (VRRP requires 255)
 * @param protocol      IPv4 protocol, or for IPv6 the next header after any skipped extension headers (VRRP is 112)
 * @param payloadOffset bytes from the start of the IP packet to the upper-layer payload: the IPv4 header
 *                      length, or 40 plus the skipped IPv6 extension headers
 */
public record IpHeader(AddressFamily family, InetAddress source, InetAddress destination, int ttl, int protocol,
                       int payloadOffset) {
    /**
     * Checks that the components are present.
     *
     * @param family IPv4 or IPv6
     * @param source source address
     * @param destination destination address
     * @param ttl IPv4 TTL or IPv6 hop limit (VRRP requires 255)
     * @param protocol IPv4 protocol, or for IPv6 the next header after any skipped extension headers (VRRP is 112)
     * @param payloadOffset bytes from the start of the IP packet to the upper-layer payload: the IPv4 header length, or 40 plus the skipped IPv6 extension headers
     */
    public IpHeader {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}

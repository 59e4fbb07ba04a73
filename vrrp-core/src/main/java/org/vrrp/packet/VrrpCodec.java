package org.vrrp.packet;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Encodes and decodes VRRP messages (the IP payload only) on the wire, v2 (RFC 3768) and v3
 * (RFC 9568) over IPv4 and IPv6. Structure only: whether an advert is acceptable to a router
 * (TTL, VRID configured, auth matching, interval) is the protocol machine's business.
 *
 * <p>All methods are static, pure and thread-safe; they keep no state. Decoding never throws for any
 * message bytes; encoding allocates nothing.
 */
public final class VrrpCodec {
    private VrrpCodec() {}

    /**
     * Decodes the VRRP message between {@code message}'s reader and writer index, without moving them.
     * Rules are checked in this order, and the first broken one is reported:
     * {@link DecodeError#TRUNCATED TRUNCATED} (under 8 bytes), {@link DecodeError#BAD_VERSION BAD_VERSION}
     * (not 2 or 3), {@link DecodeError#BAD_TYPE BAD_TYPE} (not 1),
     * {@link DecodeError#VERSION_FAMILY_MISMATCH VERSION_FAMILY_MISMATCH} (v2 over IPv6),
     * {@link DecodeError#ADDRESS_COUNT_MISMATCH ADDRESS_COUNT_MISMATCH} (length is not 8 + count x address
     * length, + 8 auth bytes in v2), {@link DecodeError#BAD_CHECKSUM BAD_CHECKSUM},
     * {@link DecodeError#BAD_VRID BAD_VRID} (0),
     * {@link DecodeError#ZERO_INTERVAL ZERO_INTERVAL}, {@link DecodeError#BAD_AUTH_TYPE BAD_AUTH_TYPE} (v2,
     * not 0 or 1).
     *
     * <p>An address count of 0 is decoded (keepalived sends it for a VRRPv2 instance with no VIP; RFC 9568
     * asks for at least one), and so is an IPv6 list whose first address is not link-local (keepalived
     * sends and accepts it; RFC 9568 5.2.9 asks for one), see docs/protocol-conformance.md; whether the
     * addresses are the instance's own is the instance's check.
     *
     * <p>Checksums: v2 over the message; v3 over IPv6 with the IPv6 pseudo-header; v3 over IPv4 either
     * form is accepted and the one that verified is reported (message-only preferred if both do).
     * The 4 reserved bits of a v3 message are ignored.
     *
     * @param message the message
     * @param family             the IP family the message arrived in
     * @param sourceAddress      IP source, 4 or 16 bytes to match {@code family} (used for pseudo-headers)
     * @param destinationAddress IP destination, same length
     * @return {@link DecodeResult.Ok} or {@link DecodeResult.Failed}; never throws for any message bytes
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if an address's length does not match {@code family}
     */
    public static DecodeResult decode(ByteBuf message, AddressFamily family, byte[] sourceAddress,
                                      byte[] destinationAddress) {
        return VrrpDecoder.decode(message, family, sourceAddress, destinationAddress);
    }

    /**
     * As {@link #decode(ByteBuf, AddressFamily, byte[], byte[])}, the same rules in the same order, into a view the
     * caller reuses: no {@link VrrpPacket}, no {@link InetAddress}, no result object. A well-formed message
     * allocates nothing (once the view's address array has grown to the count); a rejected one allocates only
     * its detail text ({@link AdvertView#errorDetail()}). This is the runtime's receive path.
     *
     * @param message the message; its indices are not moved
     * @param family the IP family the message arrived in
     * @param sourceAddress IP source, 4 or 16 bytes to match {@code family}
     * @param destinationAddress IP destination, same length
     * @param into overwritten with the advert, or with the error
     * @return null if the message decoded into {@code into}, else the first rule it broke
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if an address's length does not match {@code family}
     */
    public static DecodeError decode(ByteBuf message, AddressFamily family, byte[] sourceAddress,
                                     byte[] destinationAddress, AdvertView into) {
        return VrrpDecoder.decode(message, family, sourceAddress, destinationAddress, into);
    }

    /**
     * As {@link #decode(ByteBuf, AddressFamily, byte[], byte[])}, with the family taken from the addresses.
     *
     * @param message the message
     * @param sourceAddress the source address
     * @param destinationAddress the destination address
     * @return the decoded packet, or the typed error
     * @throws IllegalArgumentException if the two addresses are of different families
     */
    public static DecodeResult decode(ByteBuf message, InetAddress sourceAddress, InetAddress destinationAddress) {
        AddressFamily family = AddressFamily.of(Objects.requireNonNull(sourceAddress, "sourceAddress"));
        if (AddressFamily.of(Objects.requireNonNull(destinationAddress, "destinationAddress")) != family) {
            throw new IllegalArgumentException("source " + sourceAddress.getHostAddress() + " and destination "
                    + destinationAddress.getHostAddress() + " are of different families");
        }
        return VrrpDecoder.decode(message, family, sourceAddress.getAddress(), destinationAddress.getAddress());
    }

    /**
     * Writes {@code packet} at {@code out}'s writer index and advances it.
     *
     * <p>Allocates nothing, provided {@code out} has room (else {@code out} grows as any
     * {@link ByteBuf} does): send paths can reuse one buffer and one packet per router.
     *
     * @param packet the packet
     * @param form               the checksum to write: {@link ChecksumForm#MESSAGE} for v2;
     *                           {@link ChecksumForm#IPV6_PSEUDO_HEADER} for v3 over IPv6; for v3 over IPv4
     *                           {@link ChecksumForm#MESSAGE} (RFC 9568) or
     *                           {@link ChecksumForm#IPV4_PSEUDO_HEADER} (keepalived and FRR's default)
     * @param sourceAddress      IP source the message will be sent from; read only for a pseudo-header form
     *                           (may be null for {@link ChecksumForm#MESSAGE})
     * @param destinationAddress IP destination; read only for a pseudo-header form
     * @param out the buffer to write to
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code form} does not fit the packet's version and family, or an
     *                                  address needed for the pseudo-header has the wrong length
     */
    public static int encode(VrrpPacket packet, ChecksumForm form, byte[] sourceAddress, byte[] destinationAddress,
                             ByteBuf out) {
        return VrrpEncoder.encode(packet, form, sourceAddress, destinationAddress, out);
    }

    /**
     * The encoded length of {@code packet} in bytes, for sizing a send buffer.
     *
     * @param packet the packet
     * @return the encoded length of {@code packet} in bytes, for sizing a send buffer
     */
    public static int encodedLength(VrrpPacket packet) {
        return VrrpWire.messageLength(packet.version(), packet.family(), packet.addressCount());
    }
}

package org.vrrp.packet;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement, version 2 (RFC 3768) or 3 (RFC 9568), as structure only: the codec checks
 * the format, the protocol machine decides what it means.
 *
 * <p>The interval is held in centiseconds for both versions ({@code advertIntervalCentis}); a v2
 * packet's interval is whole seconds, so it is a multiple of 100. Addresses are kept as one packed
 * byte array so that encoding allocates nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class VrrpPacket implements Advert {
    /** v2 auth type 0: no authentication (the only type RFC 3768 allows). */
    public static final int AUTH_NONE = 0;
    /** v2 auth type 1: simple text password, 8 bytes (RFC 2338; keepalived's {@code auth_type PASS}). */
    public static final int AUTH_SIMPLE_TEXT = 1;
    /** Length of the v2 authentication data field. */
    public static final int AUTH_DATA_LENGTH = 8;

    private static final byte[] NO_AUTH_DATA = new byte[AUTH_DATA_LENGTH];

    private final int version;
    private final AddressFamily family;
    private final int vrid;
    private final int priority;
    private final int advertIntervalCentis;
    private final int authType;
    private final byte[] authData;
    private final byte[] addressBytes;
    private final List<InetAddress> addresses;

    private VrrpPacket(int version, AddressFamily family, int vrid, int priority, int advertIntervalCentis,
                       int authType, byte[] authData, byte[] addressBytes, List<InetAddress> addresses) {
        this.version = version;
        this.family = family;
        this.vrid = vrid;
        this.priority = priority;
        this.advertIntervalCentis = advertIntervalCentis;
        this.authType = authType;
        this.authData = authData;
        this.addressBytes = addressBytes;
        this.addresses = addresses;
    }

    /**
     * A VRRPv3 advertisement.
     *
     * @param family the family
     * @param vrid the VRID
     * @param priority the priority
     * @param maxAdvertIntervalCentis the max advert interval centis
     * @param addresses the addresses
     * @return the VRRPv3 packet
     * @throws IllegalArgumentException if a field is out of its wire range or the addresses mix families
     */
    public static VrrpPacket v3(AddressFamily family, int vrid, int priority, int maxAdvertIntervalCentis,
                                List<? extends InetAddress> addresses) {
        checkRange("maxAdvertIntervalCentis", maxAdvertIntervalCentis, 1, 4095);
        return create(3, family, vrid, priority, maxAdvertIntervalCentis, AUTH_NONE, NO_AUTH_DATA, addresses);
    }

    /**
     * A VRRPv2 advertisement (IPv4 only).
     *
     * @param vrid the VRID
     * @param priority the priority
     * @param advertIntervalSeconds the advert interval seconds
     * @param authType {@link #AUTH_NONE} or {@link #AUTH_SIMPLE_TEXT}
     * @param authData exactly 8 bytes (copied); use {@link #simpleTextAuthData(String)} for a password
     * @param addresses the addresses
     * @return the VRRPv2 packet
     * @throws IllegalArgumentException if a field is out of its wire range
     */
    public static VrrpPacket v2(int vrid, int priority, int advertIntervalSeconds, int authType, byte[] authData,
                                List<? extends InetAddress> addresses) {
        checkRange("advertIntervalSeconds", advertIntervalSeconds, 1, 255);
        checkRange("authType", authType, 0, 255);
        Objects.requireNonNull(authData, "authData");
        if (authData.length != AUTH_DATA_LENGTH) {
            throw new IllegalArgumentException("authData must be exactly 8 bytes, got " + authData.length);
        }
        return create(2, AddressFamily.IPV4, vrid, priority, advertIntervalSeconds * 100, authType,
                authData.clone(), addresses);
    }

    /**
     * The 8-byte auth data for a simple-text password: its bytes, NUL-padded, cut at 8 (as keepalived does).
     *
     * @param password the password
     * @return the 8-byte auth data for a simple-text password: its bytes, NUL-padded, cut at 8 (as keepalived does)
     */
    public static byte[] simpleTextAuthData(String password) {
        byte[] text = password.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return Arrays.copyOf(text, AUTH_DATA_LENGTH);
    }

    private static VrrpPacket create(int version, AddressFamily family, int vrid, int priority, int intervalCentis,
                                     int authType, byte[] authData, List<? extends InetAddress> addresses) {
        Objects.requireNonNull(family, "family");
        checkRange("vrid", vrid, 1, 255);
        checkRange("priority", priority, 0, 255);
        Objects.requireNonNull(addresses, "addresses");
        checkRange("address count", addresses.size(), 0, 255);
        int len = family.addressLength();
        byte[] packed = new byte[addresses.size() * len];
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress a = Objects.requireNonNull(addresses.get(i), "address");
            if (AddressFamily.of(a) != family) {
                throw new IllegalArgumentException("address " + a.getHostAddress() + " is not " + family);
            }
            System.arraycopy(a.getAddress(), 0, packed, i * len, len);
        }
        return new VrrpPacket(version, family, vrid, priority, intervalCentis, authType, authData, packed,
                Collections.unmodifiableList(new ArrayList<>(addresses)));
    }

    /**
     * Builds a packet from already-validated wire fields, for the decoder. Package-private: the
     * decoder has checked the ranges, and {@code addressBytes} is owned by the new packet.
     */
    static VrrpPacket fromWire(int version, AddressFamily family, int vrid, int priority, int intervalCentis,
                               int authType, byte[] authData, byte[] addressBytes) {
        int len = family.addressLength();
        List<InetAddress> list = new ArrayList<>(addressBytes.length / len);
        for (int off = 0; off < addressBytes.length; off += len) {
            // InetAddresses keeps an IPv4-mapped IPv6 address an Inet6Address, so the list stays one family.
            list.add(InetAddresses.of(Arrays.copyOfRange(addressBytes, off, off + len)));
        }
        return new VrrpPacket(version, family, vrid, priority, intervalCentis, authType, authData, addressBytes,
                Collections.unmodifiableList(list));
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    /**
     * 2 or 3.
     *
     * @return the version
     */
    @Override
    public int version() {
        return version;
    }

    /**
     * IPv4 or IPv6; v2 is always IPv4.
     *
     * @return the family
     */
    @Override
    public AddressFamily family() {
        return family;
    }

    /**
     * Virtual router id, 1..255 on the wire.
     *
     * @return the VRID
     */
    @Override
    public int vrid() {
        return vrid;
    }

    /**
     * 0 (master resigning) .. 255 (address owner).
     *
     * @return the priority
     */
    @Override
    public int priority() {
        return priority;
    }

    /**
     * Advertisement interval in centiseconds; for v2 the seconds field times 100.
     *
     * @return the advert interval centis
     */
    @Override
    public int advertIntervalCentis() {
        return advertIntervalCentis;
    }

    /**
     * v2 auth type (0 none, 1 simple text); always 0 for v3.
     *
     * @return the auth type
     */
    @Override
    public int authType() {
        return authType;
    }

    /**
     * A copy of the 8 bytes of v2 auth data (zeros for v3 and for auth type 0).
     *
     * @return a copy of the 8 bytes of v2 auth data (zeros for v3 and for auth type 0)
     */
    public byte[] authData() {
        return authData.clone();
    }

    /**
     * v2 simple-text password with trailing NULs removed; empty if none.
     *
     * @return the auth text
     */
    public String authText() {
        int end = authData.length;
        while (end > 0 && authData[end - 1] == 0) {
            end--;
        }
        return new String(authData, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Number of addresses.
     *
     * @return the address count
     */
    @Override
    public int addressCount() {
        return addresses.size();
    }

    @Override
    public boolean addressEquals(int index, byte[] address) {
        return VrrpWire.packedAddressEquals(addressBytes, addressCount(), family, index, address);
    }

    /**
     * The virtual addresses, in wire order; unmodifiable.
     *
     * @return the virtual addresses, in wire order; unmodifiable
     */
    @Override
    public List<InetAddress> addresses() {
        return addresses;
    }

    /**
     * Whether auth data equals {@code expected} (8 bytes) without copying.
     *
     * @param expected the auth data to compare with
     * @return whether auth data equals {@code expected} (8 bytes) without copying
     */
    @Override
    public boolean authDataEquals(byte[] expected) {
        return Arrays.equals(authData, expected);
    }

    /**
     * Whether the address list, compared as a set in any order, equals {@code other}'s.
     *
     * @param other the packet to compare with
     * @return whether the address list, compared as a set in any order, equals {@code other}'s
     */
    public boolean sameAddressesAs(VrrpPacket other) {
        return addressCount() == other.addressCount() && addresses.containsAll(other.addresses);
    }

    // Package-private zero-copy views for the codec.
    byte[] authDataView() {
        return authData;
    }

    byte[] addressBytesView() {
        return addressBytes;
    }

    /**
     * A copy of this packet with another priority, for adverts (priority changes at run time).
     *
     * @param newPriority the priority
     * @return a copy of this packet with another priority, for adverts (priority changes at run time)
     */
    public VrrpPacket withPriority(int newPriority) {
        checkRange("priority", newPriority, 0, 255);
        return new VrrpPacket(version, family, vrid, newPriority, advertIntervalCentis, authType, authData,
                addressBytes, addresses);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && version == p.version && family == p.family && vrid == p.vrid
                && priority == p.priority && advertIntervalCentis == p.advertIntervalCentis
                && authType == p.authType && Arrays.equals(authData, p.authData)
                && Arrays.equals(addressBytes, p.addressBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, family, vrid, priority, advertIntervalCentis, authType,
                Arrays.hashCode(addressBytes));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VRRPv").append(version).append(' ').append(family)
                .append(" vrid=").append(vrid).append(" prio=").append(priority)
                .append(" interval=").append(advertIntervalCentis).append("cs");
        if (version == 2) {
            sb.append(" auth=").append(authType);
        }
        sb.append(" addrs=[");
        for (int i = 0; i < addresses.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(addresses.get(i).getHostAddress());
        }
        return sb.append(']').toString();
    }
}

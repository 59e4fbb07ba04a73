package org.vrrp.packet;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One decoded advertisement, held in reusable storage: {@link VrrpCodec#decode(io.netty.buffer.ByteBuf,
 * AddressFamily, byte[], byte[], AdvertView)} overwrites it with each message, copying the addresses into its own
 * array (which grows to the largest count seen and is then reused), so that decoding allocates nothing on the
 * receive path and the view outlives the receive buffer. No {@link InetAddress} is made unless
 * {@link #addresses()} or {@link #toPacket()} asks for one.
 *
 * <p>Not thread-safe: one thread writes it, then hands it on (the runtime's receive ring publishes it to the
 * protocol thread) and does not touch it until it is handed back.
 */
public final class AdvertView implements Advert {
    private int version;
    private AddressFamily family = AddressFamily.IPV4;
    private int vrid;
    private int priority;
    private int advertIntervalCentis;
    private int authType;
    private final byte[] authData = new byte[VrrpPacket.AUTH_DATA_LENGTH];
    private byte[] addressBytes = new byte[16];
    private int addressCount;
    private ChecksumForm checksumForm;
    private DecodeError error;
    private String errorDetail;

    /** An empty view, for {@link VrrpCodec#decode(io.netty.buffer.ByteBuf, AddressFamily, byte[], byte[], AdvertView)}. */
    public AdvertView() {
    }

    /** Makes room for {@code length} address bytes; grows only for a larger count than any before. */
    void prepareAddresses(int count, AddressFamily addressFamily) {
        int length = count * addressFamily.addressLength();
        if (addressBytes.length < length) {
            addressBytes = new byte[Math.max(length, addressBytes.length * 2)];
        }
        this.addressCount = count;
        this.family = addressFamily;
    }

    byte[] addressStorage() {
        return addressBytes;
    }

    byte[] authStorage() {
        return authData;
    }

    void set(int newVersion, int newVrid, int newPriority, int intervalCentis, int newAuthType, ChecksumForm form) {
        this.version = newVersion;
        this.vrid = newVrid;
        this.priority = newPriority;
        this.advertIntervalCentis = intervalCentis;
        this.authType = newAuthType;
        this.checksumForm = form;
        this.error = null;
        this.errorDetail = null;
    }

    /** Records a failed decode; the detail string is the one allocation, and only on failure. */
    DecodeError fail(DecodeError e, String detail) {
        this.error = e;
        this.errorDetail = detail;
        this.checksumForm = null;
        return e;
    }

    /** @return the rule the last message broke, or null if it decoded */
    public DecodeError error() {
        return error;
    }

    /** @return after a failed decode, the human text naming the offending value (e.g. {@code "version 4"}); else null */
    public String errorDetail() {
        return errorDetail;
    }

    /** @return what the sender's checksum covered, after a successful decode; else null */
    public ChecksumForm checksumForm() {
        return checksumForm;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public AddressFamily family() {
        return family;
    }

    @Override
    public int vrid() {
        return vrid;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public int advertIntervalCentis() {
        return advertIntervalCentis;
    }

    @Override
    public int authType() {
        return authType;
    }

    @Override
    public boolean authDataEquals(byte[] expected) {
        return Arrays.equals(authData, expected);
    }

    @Override
    public int addressCount() {
        return addressCount;
    }

    @Override
    public boolean addressEquals(int index, byte[] address) {
        return VrrpWire.packedAddressEquals(addressBytes, addressCount, family, index, address);
    }

    /** Allocates: an {@link InetAddress} per address. */
    @Override
    public List<InetAddress> addresses() {
        int len = family.addressLength();
        List<InetAddress> list = new ArrayList<>(addressCount);
        for (int i = 0; i < addressCount; i++) {
            list.add(InetAddresses.of(Arrays.copyOfRange(addressBytes, i * len, i * len + len)));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Whether this view holds exactly {@code packet}'s fields and addresses (a looped-back copy of our own
     * advert, say); allocates nothing.
     *
     * @param packet the packet to compare with, or null
     * @return whether the same advert
     */
    public boolean sameAs(VrrpPacket packet) {
        if (packet == null || packet.version() != version || packet.family() != family || packet.vrid() != vrid
                || packet.priority() != priority || packet.advertIntervalCentis() != advertIntervalCentis
                || packet.authType() != authType || !packet.authDataEquals(authData)) {
            return false;
        }
        byte[] theirs = packet.addressBytesView();
        int length = addressCount * family.addressLength();
        return theirs.length == length && Arrays.equals(addressBytes, 0, length, theirs, 0, length);
    }

    /**
     * An immutable copy, for what outlives the view (the last advert kept for status, a test).
     *
     * @return the packet
     * @throws IllegalStateException if the last decode failed
     */
    public VrrpPacket toPacket() {
        if (error != null || checksumForm == null) {
            throw new IllegalStateException("no advert decoded into this view" + (error == null ? "" : ": " + error));
        }
        byte[] auth = version == 2 ? authData.clone() : VrrpDecoder.NO_AUTH_DATA;
        return VrrpPacket.fromWire(version, family, vrid, priority, advertIntervalCentis, authType, auth,
                Arrays.copyOf(addressBytes, addressCount * family.addressLength()));
    }

    @Override
    public String toString() {
        return error != null ? error.wireName() + ": " + errorDetail
                : checksumForm == null ? "AdvertView(empty)" : toPacket().toString();
    }
}

package org.vrrp.runtime;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.VrrpChannel;

/**
 * One socket of a router (interface, family, unicast peers) and the instances behind it by VRID. The one place an
 * advert fans out: to the family's multicast group, or to each unicast peer, encoded per destination (the v3
 * checksum covers it). Sending is for the protocol thread; {@link #instance(int)} is safe from the I/O thread.
 */
final class RouterChannel {
    static final InetAddress VRRP_GROUP_V4 = literal(new byte[] {(byte) 224, 0, 0, 18});
    static final InetAddress VRRP_GROUP_V6 =
            literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});
    private static final byte[] GROUP_V4_BYTES = VRRP_GROUP_V4.getAddress();
    private static final byte[] GROUP_V6_BYTES = VRRP_GROUP_V6.getAddress();

    final AddressFamily family;
    final List<InetAddress> unicastPeers;
    /** The source address the instance asked for, or null for the interface's own. */
    final InetAddress requestedSource;
    /** The virtual MAC interface adverts leave through, or null: the channel's own interface. */
    final String transmitInterface;
    private final Map<Integer, RouterInstance> byVrid = new ConcurrentHashMap<>();
    private final List<InetAddress> destinations;
    private final byte[][] destinationBytes;
    VrrpChannel channel;
    InetAddress localAddress;
    byte[] localAddressBytes;
    /** The last source and destination seen and their bytes: the I/O thread's cache, so getAddress() copies once. */
    private InetAddress lastSource;
    private byte[] lastSourceBytes;
    private InetAddress lastDestination;
    private byte[] lastDestinationBytes;

    RouterChannel(AddressFamily family, List<InetAddress> unicastPeers, InetAddress requestedSource,
                  String transmitInterface) {
        this.requestedSource = requestedSource;
        this.transmitInterface = transmitInterface;
        this.family = family;
        this.unicastPeers = unicastPeers;
        this.destinations = unicastPeers.isEmpty()
                ? List.of(family == AddressFamily.IPV4 ? VRRP_GROUP_V4 : VRRP_GROUP_V6) : unicastPeers;
        this.destinationBytes = new byte[destinations.size()][];
        for (int i = 0; i < destinations.size(); i++) {
            InetAddress d = destinations.get(i);
            destinationBytes[i] = d == VRRP_GROUP_V4 ? GROUP_V4_BYTES : d == VRRP_GROUP_V6 ? GROUP_V6_BYTES
                    : d.getAddress();
        }
    }

    void open(VrrpChannel opened) {
        this.channel = opened;
        this.localAddress = opened.localAddress();
        this.localAddressBytes = localAddress.getAddress();
    }

    /**
     * {@code source}'s bytes, copied only when it differs from the last source (a peer sends every advert from
     * one address). I/O thread only (the receive path's producer lock).
     */
    byte[] sourceBytes(InetAddress source) {
        if (!source.equals(lastSource)) {
            lastSourceBytes = source.getAddress();
            lastSource = source;
        }
        return lastSourceBytes;
    }

    /** As {@link #sourceBytes} for the destination (the group, or our own address for unicast). */
    byte[] destinationBytes(InetAddress destination) {
        if (!destination.equals(lastDestination)) {
            lastDestinationBytes = destination.getAddress();
            lastDestination = destination;
        }
        return lastDestinationBytes;
    }

    /** @return the instance already there for this VRID, or null if {@code inst} took it */
    RouterInstance claim(int vrid, RouterInstance inst) {
        return byVrid.putIfAbsent(vrid, inst);
    }

    RouterInstance instance(int vrid) {
        return byVrid.get(vrid);
    }

    /**
     * Sends one advert to every destination, encoding it into {@code buffer} (reused: no allocation).
     *
     * @return the first failure, or null
     */
    IOException send(VrrpPacket packet, ChecksumForm form, ByteBuf buffer) {
        IOException failure = null;
        for (int i = 0; i < destinationBytes.length; i++) {
            buffer.clear();
            VrrpCodec.encode(packet, form, localAddressBytes, destinationBytes[i], buffer);
            try {
                channel.send(buffer, destinations.get(i));
            } catch (IOException e) {
                failure = failure != null ? failure : e;
            }
        }
        return failure;
    }

    /**
     * Encodes {@code packet} for every destination as {@link #send} does, and sends nothing: the start-up warm-up
     * ({@link ClaimWarmUp}) runs the encoder with it.
     *
     * @return the number of messages encoded
     */
    int encodeEach(VrrpPacket packet, ChecksumForm form, ByteBuf buffer) {
        for (byte[] destination : destinationBytes) {
            buffer.clear();
            VrrpCodec.encode(packet, form, localAddressBytes, destination, buffer);
        }
        return destinationBytes.length;
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

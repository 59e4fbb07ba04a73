package org.vrrp.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.vrrp.packet.Advert;
import org.vrrp.packet.AdvertView;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;

/**
 * The way in for packets: decode and count on the adapter's I/O thread (a flood of junk costs the protocol thread
 * at most one log task per rule per second), then on the protocol thread find the instance by VRID and drop our
 * own echoes and adverts from this host's own address. What remains is the machine's to judge (TTL, version,
 * auth, unicast peers, ...), so every such drop is counted by the instance.
 *
 * <p>Without allocation: each advert is decoded straight into a slot of a ring of reused {@link AdvertView}s,
 * published to the protocol thread, and handed to the machine from there; one reused drain task is posted per
 * burst, not a task per packet. Only when the protocol thread falls {@value #RING_SLOTS} adverts behind does an
 * advert take the old way (its own view and task), so that nothing is dropped and the order stays as received.
 */
final class ReceivePath {
    private static final long DECODE_WARNING_GAP_NANOS = 1_000_000_000L;
    /** Adverts decoded but not yet handled that fit in the ring; a power of two. */
    static final int RING_SLOTS = 256;

    /** Where an advert for an instance goes; called on the protocol thread, which must not keep {@code advert}. */
    @FunctionalInterface
    interface Delivery {
        void deliver(RouterInstance inst, Advert advert, InetAddress source, int ttl, ChecksumForm checksumForm);
    }

    /** One decoded advert on its way to the protocol thread. */
    private static final class Slot {
        final AdvertView view = new AdvertView();
        RouterChannel channel;
        InetAddress source;
        String interfaceName;
        int ttl;

        void clear() {
            channel = null;
            source = null;
            interfaceName = null;
        }
    }

    private final Ticker ticker;
    private final TaskPoster poster;
    private final RateLimitedLog warnings;
    private final Delivery delivery;
    private final Map<DecodeError, AtomicLong> receiveErrors = new EnumMap<>(DecodeError.class);
    private final AtomicLongArray lastDecodeWarningNanos = new AtomicLongArray(DecodeError.values().length);
    private final AtomicLong unknownVrid = new AtomicLong();
    private final Slot[] ring = new Slot[RING_SLOTS];
    /** Next slot to publish; written under {@link #producerLock}. */
    private final AtomicLong tail = new AtomicLong();
    /** Next slot to handle; written on the protocol thread. */
    private final AtomicLong head = new AtomicLong();
    /** Held by the thread decoding (the SPI calls handlers on one I/O thread: uncontended, so cheap). */
    private final Object producerLock = new Object();
    /** Adverts of the overflow way posted and not yet handled: while any are, later ones follow them. */
    private final AtomicInteger overflowPending = new AtomicInteger();
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /** The message being decoded; under {@link #producerLock}. Grows to the largest message, then is reused. */
    private final ByteBuf scratch = Unpooled.buffer(1500);
    private boolean stopped;

    ReceivePath(Ticker ticker, TaskPoster poster, RateLimitedLog warnings, Delivery delivery) {
        this.ticker = ticker;
        this.poster = poster;
        this.warnings = warnings;
        this.delivery = delivery;
        for (DecodeError e : DecodeError.values()) {
            receiveErrors.put(e, new AtomicLong());
            lastDecodeWarningNanos.set(e.ordinal(), ticker.nanoTime() - DECODE_WARNING_GAP_NANOS);
        }
        for (int i = 0; i < RING_SLOTS; i++) {
            ring[i] = new Slot();
        }
    }

    /** The handler to open {@code channel}'s socket with. */
    PacketHandler handlerFor(RouterChannel channel) {
        return p -> onPacket(channel, p);
    }

    /** No advert is delivered from now on (protocol thread). */
    void stop() {
        stopped = true;
    }

    /** Counts of packets that did not decode, by rule; safe from any thread. */
    Map<String, Long> receiveErrors() {
        Map<String, Long> m = new LinkedHashMap<>();
        receiveErrors.forEach((k, v) -> m.put(k.wireName(), v.get()));
        return m;
    }

    /** Adverts for a VRID no instance runs; safe from any thread. */
    long unknownVrid() {
        return unknownVrid.get();
    }

    /** Runs on the adapter's I/O thread: decode and count here, decide on the protocol thread. */
    private void onPacket(RouterChannel c, ReceivedPacket p) {
        synchronized (producerLock) {
            // Copied into one reused buffer rather than wrapped: a wrapper would be an object per packet.
            ByteBuf message = scratch.clear().writeBytes(p.message());
            byte[] source = c.sourceBytes(p.source());
            byte[] destination = c.destinationBytes(p.destination());
            long t = tail.get();
            if (overflowPending.get() == 0 && t - head.get() < RING_SLOTS) {
                Slot slot = ring[(int) t & (RING_SLOTS - 1)];
                DecodeError error = VrrpCodec.decode(message, c.family, source, destination, slot.view);
                if (error != null) {
                    onDecodeError(p, error, slot.view.errorDetail());
                    return;
                }
                slot.channel = c;
                slot.source = p.source();
                slot.interfaceName = p.interfaceName();
                slot.ttl = p.ttl();
                tail.set(t + 1); // volatile write: publishes the slot to the protocol thread
            } else {
                // The protocol thread is RING_SLOTS behind (or still handling earlier overflow): its own view.
                AdvertView view = new AdvertView();
                DecodeError error = VrrpCodec.decode(message, c.family, source, destination, view);
                if (error != null) {
                    onDecodeError(p, error, view.errorDetail());
                    return;
                }
                overflowPending.incrementAndGet();
                poster.post(() -> {
                    overflowPending.decrementAndGet();
                    onAdvert(c, view, p.source(), p.interfaceName(), p.ttl());
                });
                return;
            }
        }
        if (drainPosted.compareAndSet(false, true)) {
            poster.post(drain);
        }
    }

    private void onDecodeError(ReceivedPacket p, DecodeError error, String detail) {
        receiveErrors.get(error).incrementAndGet();
        long now = ticker.nanoTime();
        long last = lastDecodeWarningNanos.get(error.ordinal());
        if (now - last >= DECODE_WARNING_GAP_NANOS
                && lastDecodeWarningNanos.compareAndSet(error.ordinal(), last, now)) {
            poster.post(() -> warnings.warn("decode:" + error, "dropped a VRRP packet from "
                    + p.source().getHostAddress() + " on " + p.interfaceName() + ": " + error.wireName() + ": "
                    + detail + " (all such packets are counted in stats().receiveErrors())"));
        }
    }

    /**
     * Protocol thread: handles the adverts published before it started. One published later has posted (or
     * will post) another drain, which runs after any overflow task posted meanwhile: the order stays as received.
     */
    private void drain() {
        drainPosted.set(false);
        long end = tail.get();
        for (long h = head.get(); h < end; h++) {
            Slot slot = ring[(int) h & (RING_SLOTS - 1)];
            try {
                onAdvert(slot.channel, slot.view, slot.source, slot.interfaceName, slot.ttl);
            } finally {
                slot.clear();
                head.set(h + 1); // hands the slot back to the I/O thread
            }
        }
    }

    /** Protocol thread: demultiplex by VRID. */
    private void onAdvert(RouterChannel c, AdvertView advert, InetAddress source, String interfaceName, int ttl) {
        if (stopped) {
            return;
        }
        RouterInstance inst = c.instance(advert.vrid());
        if (inst == null) {
            unknownVrid.incrementAndGet();
            return;
        }
        if (source.equals(c.localAddress)) {
            if (advert.sameAs(inst.lastSentAdvert)) {
                return; // our own advert looped back: neither a peer nor a second router
            }
            inst.ownAddressAdverts++;
            warnings.warn("own-address:" + inst.name(), "(" + inst.name() + ") an advert for VRID " + advert.vrid()
                    + " came from this host's own address " + source.getHostAddress() + " on " + interfaceName
                    + ": another router on this host (a second process, keepalived) or a host with a duplicate"
                    + " address runs this VRID; dropped. Stop the other one or give it another VRID");
            return;
        }
        delivery.deliver(inst, advert, source, ttl, advert.checksumForm());
    }
}

package org.vrrp.runtime;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.protocol.Input;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;

/**
 * The way in for packets: decode and count on the adapter's I/O thread (a flood of junk costs the protocol thread
 * at most one log task per rule per second), then on the protocol thread find the instance by VRID and drop our
 * own echoes and adverts from this host's own address. What remains is the machine's to judge (TTL, version,
 * auth, unicast peers, ...), so every such drop is counted by the instance.
 */
final class ReceivePath {
    private static final long DECODE_WARNING_GAP_NANOS = 1_000_000_000L;

    /** Where an advert for an instance goes; called on the protocol thread. */
    @FunctionalInterface
    interface Delivery {
        void deliver(RouterInstance inst, Input.AdvertReceived advert);
    }

    private final Ticker ticker;
    private final TaskPoster poster;
    private final RateLimitedLog warnings;
    private final Delivery delivery;
    private final Map<DecodeError, AtomicLong> receiveErrors = new EnumMap<>(DecodeError.class);
    private final AtomicLongArray lastDecodeWarningNanos = new AtomicLongArray(DecodeError.values().length);
    private final AtomicLong unknownVrid = new AtomicLong();
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
        DecodeResult r = VrrpCodec.decode(Unpooled.wrappedBuffer(p.message()), c.family, p.source().getAddress(),
                p.destination().getAddress());
        if (r instanceof DecodeResult.Failed f) {
            receiveErrors.get(f.error()).incrementAndGet();
            long now = ticker.nanoTime();
            long last = lastDecodeWarningNanos.get(f.error().ordinal());
            if (now - last >= DECODE_WARNING_GAP_NANOS
                    && lastDecodeWarningNanos.compareAndSet(f.error().ordinal(), last, now)) {
                poster.post(() -> warnings.warn("decode:" + f.error(), "dropped a VRRP packet from "
                        + p.source().getHostAddress() + " on " + p.interfaceName() + ": " + f
                        + " (all such packets are counted in stats().receiveErrors())"));
            }
            return;
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) r;
        poster.post(() -> onAdvert(c, p, ok));
    }

    /** Protocol thread: demultiplex by VRID. */
    private void onAdvert(RouterChannel c, ReceivedPacket p, DecodeResult.Ok ok) {
        if (stopped) {
            return;
        }
        RouterInstance inst = c.instance(ok.packet().vrid());
        if (inst == null) {
            unknownVrid.incrementAndGet();
            return;
        }
        if (Arrays.equals(p.source().getAddress(), c.localAddressBytes)) {
            if (ok.packet().equals(inst.lastSentAdvert)) {
                return; // our own advert looped back: neither a peer nor a second router
            }
            inst.ownAddressAdverts++;
            warnings.warn("own-address:" + inst.name(), "(" + inst.name() + ") an advert for VRID " + ok.packet().vrid()
                    + " came from this host's own address " + p.source().getHostAddress() + " on " + p.interfaceName()
                    + ": another router on this host (a second process, keepalived) or a host with a duplicate"
                    + " address runs this VRID; dropped. Stop the other one or give it another VRID");
            return;
        }
        delivery.deliver(inst, new Input.AdvertReceived(ok.packet(), p.source(), p.ttl(), ok.checksumForm()));
    }
}

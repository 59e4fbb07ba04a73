package org.vrrp.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vrrp.packet.AdvertView;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;

/**
 * The packet codec on one core (issue 6 item 3): {@link VrrpCodec#decode} (structure checks, checksum
 * verification in every allowed form, the {@link VrrpPacket} with its addresses), the same decode into a reused
 * {@link AdvertView} (issue 17 item 4: the receive path's, 0 B/op) and
 * {@link VrrpCodec#encode} (into a reused buffer, checksum included), for the first advert of each
 * keepalived capture.
 *
 * <p>Run with {@code -prof gc} for the allocation per operation: the targets are 0 B/op for encode
 * (the send path must add no GC pressure) and at least 5 million decodes per second. See
 * docs/benchmarks.md for the command and the latest figures.
 *
 * <p>The buffers are those the runtime uses: a heap buffer wrapping the received bytes for decode, and
 * a reused heap buffer of 1500 bytes for encode ({@code RouterEngine}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    /**
     * The capture the advert comes from: v2 with simple-text auth and one address, v2 with three
     * addresses, v3 over IPv4 with the IPv4 pseudo-header checksum (keepalived's form, which decode
     * finds only after trying the message-only form), v3 over IPv6 with two addresses.
     */
    @Param({"v2-auth-pass", "v2-noauth-3vips", "v3-ipv4-50cs", "v3-ipv6"})
    public String capture;

    private ByteBuf received;
    private byte[] source;
    private byte[] destination;
    private VrrpPacket packet;
    private ChecksumForm form;
    private ByteBuf sendBuffer;
    private final AdvertView view = new AdvertView();

    @Setup
    public void setUp() throws IOException {
        CapturedAdvert advert = CapturedAdvert.firstOf(capture);
        received = Unpooled.wrappedBuffer(advert.message());
        source = advert.source();
        destination = advert.destination();
        if (!(VrrpCodec.decode(received, advert.family(), source, destination) instanceof DecodeResult.Ok ok)) {
            throw new IllegalStateException(capture + ": the captured advert does not decode");
        }
        packet = ok.packet();
        form = ok.checksumForm();
        sendBuffer = Unpooled.buffer(1500);
        sendBuffer.writerIndex(VrrpCodec.encode(packet, form, source, destination, sendBuffer));
        if (!sendBuffer.equals(received)) {
            throw new IllegalStateException(capture + ": re-encoding does not give the captured bytes");
        }
    }

    /** Decode and validate; the result is returned so that JMH consumes it and nothing is optimised away. */
    @Benchmark
    public DecodeResult decode() {
        return VrrpCodec.decode(received, packet.family(), source, destination);
    }

    /**
     * Decode into one reused {@link AdvertView}, as the runtime's receive path does: the same rules and checksum
     * work as {@link #decode}, but no packet, no address objects, no result object.
     */
    @Benchmark
    public int decodeView() {
        DecodeError error = VrrpCodec.decode(received, packet.family(), source, destination, view);
        return error == null ? view.priority() : -error.ordinal();
    }

    /** Encode into the reused send buffer, as the runtime does for every advert. */
    @Benchmark
    public int encode() {
        sendBuffer.clear();
        return VrrpCodec.encode(packet, form, source, destination, sendBuffer);
    }
}

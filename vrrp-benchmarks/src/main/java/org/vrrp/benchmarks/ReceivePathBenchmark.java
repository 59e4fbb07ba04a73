package org.vrrp.benchmarks;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full receive path (issue 17 item 4), from the bytes an adapter hands the core to the machine's input, for
 * the first advert of each keepalived capture: {@link ReceiveRig#receive()}. Run with {@code -prof gc}: the
 * target is 0 B/op. See docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReceivePathBenchmark {
    /** As in {@link CodecBenchmark}. */
    @Param({"v2-auth-pass", "v2-noauth-3vips", "v3-ipv4-50cs", "v3-ipv6"})
    public String capture;

    private ReceiveRig rig;

    @Setup
    public void setUp() throws IOException {
        rig = ReceiveRig.backupFor(capture);
    }

    /** Checks that every advert reached the machine as its master's, so the figure is of the real path. */
    @TearDown
    public void check() {
        if (rig.stats().addressListErrors() != 0 || rig.stats().advertsReceived() < 2) {
            throw new IllegalStateException(capture + ": adverts did not reach the machine as expected: " + rig.stats());
        }
    }

    /** One advert through the whole receive path. */
    @Benchmark
    public void receive() {
        rig.receive();
    }
}

package org.vrrp.examples.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.vrrp.tool.Main;

/**
 * Wraps the {@code vrrp} tool for the network benchmarks (issue 6 items 4 and 5): optionally starts
 * application threads that allocate garbage at a fixed rate, measures the tool's own threads over a
 * window, then runs {@code vrrp ARGS...} in this JVM.
 *
 * <pre>java -cp vrrp-tool/target/vrrp.jar:vrrp-examples/target/vrrp-examples.jar org.vrrp.examples.bench.BenchJvm
 *     [--alloc-mb-per-s N] [--alloc-threads T] [--alloc-while FILE] [--stats-after SECONDS --stats-window SECONDS --stats-out FILE] -- run -f keepalived.conf ...</pre>
 *
 * <p>With {@code --alloc-while FILE} the allocators allocate only while FILE exists and otherwise look
 * for it every 10 ms: GC pressure switched on and off from outside (the fault campaign does).
 *
 * <p>The stats file gets {@code key=value} lines: bytes allocated by the non-allocator threads in
 * the window ({@code vrrp_alloc_bytes}, {@code vrrp_alloc_mb_per_s}), the allocators' rate
 * ({@code app_alloc_mb_per_s}), the CPU the whole process (GC threads included) and the non-allocator Java
 * threads used in the window, in percent of one core ({@code process_cpu_percent}, {@code vrrp_cpu_percent}), GC counts and times in the window, the collector names, and the
 * heap used after a {@code System.gc()} at the end of the window ({@code heap_after_gc_bytes}).
 */
public final class BenchJvm {
    private static final Set<Long> ALLOCATOR_THREADS = ConcurrentHashMap.newKeySet();
    /** Where allocated objects are kept for a while, so some survive a young collection. */
    private static volatile Object sink;

    private BenchJvm() {}

    public static void main(String[] args) throws Exception {
        double allocMbPerS = 0;
        int allocThreads = 2;
        double statsAfter = -1;
        double statsWindow = 0;
        Path statsOut = null;
        Path allocWhile = null;
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--alloc-mb-per-s" -> allocMbPerS = Double.parseDouble(args[++i]);
                case "--alloc-threads" -> allocThreads = Integer.parseInt(args[++i]);
                case "--stats-after" -> statsAfter = Double.parseDouble(args[++i]);
                case "--stats-window" -> statsWindow = Double.parseDouble(args[++i]);
                case "--stats-out" -> statsOut = Path.of(args[++i]);
                case "--alloc-while" -> allocWhile = Path.of(args[++i]);
                default -> {
                    System.err.println("BenchJvm: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        String[] rest = i < args.length ? Arrays.copyOfRange(args, i + 1, args.length) : new String[0];
        if (allocMbPerS > 0) {
            long bytesPerThreadPerSecond = (long) (allocMbPerS * 1_000_000 / allocThreads);
            Path flag = allocWhile;
            for (int t = 0; t < allocThreads; t++) {
                Thread th = new Thread(() -> allocate(bytesPerThreadPerSecond, flag), "app-allocator-" + t);
                th.setDaemon(true);
                th.start();
                ALLOCATOR_THREADS.add(th.getId());
            }
        }
        if (statsAfter >= 0 && statsOut != null) {
            double after = statsAfter;
            double window = statsWindow;
            Path out = statsOut;
            Thread st = new Thread(() -> measure(after, window, out), "bench-stats");
            st.setDaemon(true);
            st.start();
        }
        Main.main(rest);
    }

    /**
     * Allocates about {@code bytesPerSecond}, in 10 ms slices, byte arrays of 16 B to 32 KiB; most die at
     * once, 1 in 256 is kept in a ring of 4,096 for a few seconds (so the old generation churns too).
     * With a {@code flag} file, only while it exists (the ring is dropped while it does not).
     */
    private static void allocate(long bytesPerSecond, Path flag) {
        long slice = bytesPerSecond / 100;
        Object[] ring = new Object[1 << 12];
        int r = 0;
        int count = 0;
        long next = System.nanoTime();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
            if (flag != null && !Files.exists(flag)) {
                java.util.Arrays.fill(ring, null);
                sink = null;
                LockSupport.parkNanos(10_000_000L);
                next = System.nanoTime();
                continue;
            }
            long done = 0;
            while (done < slice) {
                int size = 16 << rnd.nextInt(12);
                byte[] b = new byte[size];
                b[0] = (byte) done;
                done += size + 16;
                if ((++count & 255) == 0) {
                    ring[r++ & (ring.length - 1)] = b;
                }
            }
            sink = ring[r & (ring.length - 1)];
            next += 10_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime();
            }
        }
    }

    private static void measure(double after, double window, Path out) {
        try {
            Thread.sleep((long) (after * 1000));
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Map<Long, Long> before = allocated(threads);
            Map<Long, Long> cpuBefore = cpu(threads, self);
            long processCpuBefore = os.getProcessCpuTime();
            long[] gcBefore = gcTotals();
            long t0 = System.nanoTime();
            Thread.sleep((long) (window * 1000));
            Map<Long, Long> afterMap = allocated(threads);
            Map<Long, Long> cpuAfter = cpu(threads, self);
            long processCpu = os.getProcessCpuTime() - processCpuBefore;
            long[] gcAfter = gcTotals();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long vrrpCpu = 0;
            for (Map.Entry<Long, Long> e : cpuAfter.entrySet()) {
                vrrpCpu += e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
            }
            long vrrp = 0;
            long app = 0;
            for (Map.Entry<Long, Long> e : afterMap.entrySet()) {
                if (e.getKey() == self) {
                    continue;
                }
                long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (ALLOCATOR_THREADS.contains(e.getKey())) {
                    app += delta;
                } else {
                    vrrp += delta;
                }
            }
            System.gc();
            long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            List<String> names = new ArrayList<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                names.add(gc.getName().replace(' ', '_'));
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                w.printf("window_s=%.3f%n", seconds);
                w.printf("vrrp_alloc_bytes=%d%n", vrrp);
                w.printf("vrrp_alloc_mb_per_s=%.4f%n", vrrp / seconds / 1e6);
                w.printf("app_alloc_mb_per_s=%.1f%n", app / seconds / 1e6);
                w.printf("process_cpu_percent=%.1f%n", processCpu / seconds / 1e7);
                w.printf("vrrp_cpu_percent=%.2f%n", vrrpCpu / seconds / 1e7);
                w.printf("gc_count=%d%n", gcAfter[0] - gcBefore[0]);
                w.printf("gc_time_ms=%d%n", gcAfter[1] - gcBefore[1]);
                w.printf("collectors=%s%n", String.join(",", names));
                w.printf("heap_after_gc_bytes=%d%n", heapAfterGc);
                w.printf("heap_max_bytes=%d%n", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
                w.printf("jvm_args=%s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            }
        } catch (InterruptedException | IOException e) {
            System.err.println("BenchJvm stats: " + e);
        }
    }

    private static Map<Long, Long> allocated(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int k = 0; k < ids.length; k++) {
            if (bytes[k] >= 0) {
                m.put(ids[k], bytes[k]);
            }
        }
        return m;
    }

    /** CPU nanoseconds of each live thread but the allocators and {@code self}. */
    private static Map<Long, Long> cpu(com.sun.management.ThreadMXBean threads, long self) {
        Map<Long, Long> m = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long ns = threads.getThreadCpuTime(id);
            if (ns >= 0 && id != self && !ALLOCATOR_THREADS.contains(id)) {
                m.put(id, ns);
            }
        }
        return m;
    }

    private static long[] gcTotals() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, time};
    }
}

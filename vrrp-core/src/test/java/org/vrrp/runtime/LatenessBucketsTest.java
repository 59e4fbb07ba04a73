package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vrrp.LatenessHistogram;

/**
 * The protocol thread's wake-up lateness histogram: which bucket each lateness lands in, measured by the real loop on a
 * virtual clock, and that counting allocates nothing.
 */
class LatenessBucketsTest {
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = 1_000_000L;

    /**
     * Timers due every second; the virtual clock reads each one {@code LATENESS[k]} after its deadline when the loop
     * wakes, so the loop measures exactly that lateness. Each bound belongs to the bucket above it.
     */
    private static final long[] LATENESS = {
        0, 99_999, // < 0.1 ms
        100_000, 499_999, // < 0.5 ms
        500_000, // < 1 ms
        1_500_000, // < 2 ms
        4_999_999, // < 5 ms
        5 * MS, // < 10 ms (and not yet a pause to the loop: that is beyond 5 ms)
        25 * MS - 1, // < 25 ms
        25 * MS, 4 * SECOND_NANOS, // >= 25 ms (the second one a pause: the loop lets input in first)
    };

    @Test
    void theLoopCountsEachWakeUpInTheBucketOfItsLateness() throws Exception {
        AtomicInteger due = new AtomicInteger(); // index of the timer due next
        LateWakeups lateWakeups = new LateWakeups(new RateLimitedLog(LoggerFactory.getLogger(getClass()),
                () -> 0L, SECOND_NANOS));
        lateWakeups.warnBeyondHalfOf(1); // 10 ms adverts: warn beyond 5 ms
        RouterEngine engine = mock(RouterEngine.class);
        when(engine.nextDeadlineNanos()).thenAnswer(i -> due.get() < LATENESS.length
                ? deadline(due.get()) : Long.MAX_VALUE);
        doAnswer(i -> {
            lateWakeups.record(i.getArgument(0));
            return null;
        }).when(engine).onLateWakeup(anyLong());
        CountDownLatch allRun = new CountDownLatch(1);
        doAnswer(i -> {
            if (due.incrementAndGet() == LATENESS.length) {
                allRun.countDown();
            }
            return null;
        }).when(engine).onTimeout(anyLong());
        ProtocolLoop loop = new ProtocolLoop("test-protocol", () -> {
            int k = Math.min(due.get(), LATENESS.length - 1);
            return deadline(k) + LATENESS[k];
        });
        loop.start(engine);
        try {
            // The loop runs every timer without waiting (each is already due). Not a task posted before the last:
            // after a pause the loop runs queued tasks before the overdue timers, and would read it half-way.
            assertTrue(allRun.await(10, TimeUnit.SECONDS), "every timer ran");
            LatenessHistogram h = loop.call(lateWakeups::histogram, 10_000);
            assertEquals(LatenessHistogram.BOUNDS_MICROS, h.upperBoundsMicros());
            assertEquals(List.of(2L, 2L, 1L, 1L, 1L, 1L, 1L, 2L), h.counts());
            assertEquals(LATENESS.length, h.total());
            assertEquals(4 * SECOND_NANOS, loop.call(lateWakeups::maxLatenessNanos, 10_000));
            assertEquals(3L, loop.call(lateWakeups::count, 10_000), "beyond 5 ms: 24.999, 25 ms and 4 s");
        } finally {
            loop.stop();
        }
    }

    @Test
    void countingAWakeUpAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LatenessBuckets buckets = new LatenessBuckets();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 100_000; i++) { // compiled before it is measured
            buckets.record(i * 1_000L);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000_000; i++) {
            buckets.record(i * 100L);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // a million wake-ups; the measurement itself may allocate a little, never a byte per wake-up
        assertTrue(allocated < 100_000, allocated + " bytes for 1,000,000 wake-ups");
        assertEquals(1_100_000, buckets.snapshot().total());
    }

    private static long deadline(int k) {
        return (k + 1) * SECOND_NANOS;
    }
}

package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The protocol loop's account of a JVM pause, on a virtual clock: the loop's thread is real, its time is not. No
 * sleep: the test waits on latches the loop itself releases.
 */
class ProtocolLoopTest {
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * SIGSTOP while the loop waits for a deadline; on SIGCONT the I/O thread may queue an advert before the loop's
     * wait times out. That advert can move the overdue deadline (a master reasserting restarts its advert timer), so
     * the pause must be measured against the deadline the loop was waiting for, not the next one. Found by
     * ProcessFaultsIT's SIGSTOP test, which saw "woke 1082.0 ms late" after a 5 s stop.
     */
    @Test
    void aPauseEndedByQueuedInputIsReportedOnceWithItsFullLateness() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicLong deadline = new AtomicLong(SECOND_NANOS);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        List<Long> lateness = new CopyOnWriteArrayList<>();
        RouterEngine engine = mock(RouterEngine.class);
        when(engine.nextDeadlineNanos()).thenAnswer(i -> deadline.get());
        doAnswer(i -> {
            lateness.add(i.getArgument(0));
            reported.countDown();
            return null;
        }).when(engine).onLateWakeup(anyLong());
        ProtocolLoop loop = new ProtocolLoop("test-protocol", () -> {
            long t = now.get();
            waiting.countDown(); // the loop has read the clock at 0: its next step is the wait for the deadline
            return t;
        });
        loop.start(engine);
        try {
            assertTrue(waiting.await(10, TimeUnit.SECONDS), "the loop started");
            now.set(5 * SECOND_NANOS); // paused 5 s, 4 s past the deadline
            loop.post(() -> deadline.set(6 * SECOND_NANOS)); // an advert queued at resume moves the deadline
            assertTrue(reported.await(10, TimeUnit.SECONDS), "the pause was reported at all");
            loop.call(() -> null, 10_000); // a turn of the loop after the report: nothing more to report
            assertEquals(List.of(4 * SECOND_NANOS), lateness);
        } finally {
            loop.stop();
        }
    }
}

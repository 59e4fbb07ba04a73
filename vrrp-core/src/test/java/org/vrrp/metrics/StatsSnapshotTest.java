package org.vrrp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vrrp.LatenessHistogram;
import org.vrrp.RouterStats;

class StatsSnapshotTest {
    private final AtomicLong nowNanos = new AtomicLong(1_000);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile RuntimeException failure;

    private final StatsSnapshot snapshot = new StatsSnapshot(() -> {
        calls.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return new RouterStats(List.of(), Map.of(), calls.get(), 0, 0, LatenessHistogram.empty());
    }, nowNanos::get, 100);

    @Test
    void oneReadOfTheRouterServesEveryMeterWithinTheMaximumAge() {
        RouterStats first = snapshot.get();
        nowNanos.addAndGet(100);
        assertSame(first, snapshot.get());
        assertEquals(1, calls.get());
        nowNanos.addAndGet(1);
        assertEquals(2, snapshot.get().unknownVridPackets());
    }

    @Test
    void aRouterThatCannotAnswerLeavesThePreviousFigures() {
        RouterStats first = snapshot.get();
        failure = new IllegalStateException("the protocol thread did not answer within 5000 ms");
        nowNanos.addAndGet(1_000);
        assertSame(first, snapshot.get());
    }

    @Test
    void withoutAnyFiguresYetTheFailureShows() {
        failure = new IllegalStateException("boom");
        assertThrows(IllegalStateException.class, snapshot::get);
    }
}

package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vrrp.Reason;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpState;

/** What close() does with a listener that blocks: wait for it at most the bound, then name it. */
class ListenerDispatcherTest {
    @Test
    void closeWaitsForABlockingListenerNoLongerThanTheBoundAndNamesIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        VrrpListener blocking = new VrrpListener() {
            @Override
            public void becomeMaster(StateChange c) {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public String toString() {
                return "the-blocking-listener";
            }
        };
        ListenerDispatcher dispatcher = new ListenerDispatcher(List.of(blocking), null, "test-listener");
        dispatcher.onTransition(new StateChange("VI_51", VrrpState.BACKUP, VrrpState.MASTER, new Reason.MasterDown(), 1, Instant.EPOCH, 100));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        Optional<String> stuck = dispatcher.close(Duration.ofMillis(200));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        release.countDown();
        assertTrue(tookMillis >= 200 && tookMillis < 2_000, "close waited " + tookMillis + " ms");
        assertTrue(stuck.isPresent());
        assertTrue(stuck.get().startsWith("listener the-blocking-listener has been in becomeMaster of (VI_51) BACKUP"
                + " -> MASTER: master down timer expired for "), stuck.get());
        assertTrue(dispatcher.awaitTermination(Duration.ofSeconds(5)), "the thread ends once the listener returns");
    }

    @Test
    void waitersGivenUpOnDoNotPileUp() {
        ListenerDispatcher dispatcher = new ListenerDispatcher(List.of(), null, "test-listener");
        for (int i = 0; i < 1_000; i++) {
            dispatcher.onState("VI_51", VrrpState.MASTER).toCompletableFuture().cancel(false); // as awaitState's timeout
        }
        assertEquals(1, dispatcher.waiterCount(), "only the last one, not yet purged");
        dispatcher.close(Duration.ZERO);
    }

    @Test
    void closeReturnsEmptyWhenEverythingWasDelivered() throws Exception {
        ListenerDispatcher dispatcher = new ListenerDispatcher(List.of(new VrrpListener() { }), null, "test-listener");
        dispatcher.onTransition(new StateChange("VI_51", VrrpState.BACKUP, VrrpState.MASTER, new Reason.MasterDown(), 1, Instant.EPOCH, 100));
        assertEquals(Optional.empty(), dispatcher.close(Duration.ofSeconds(5)));
        assertTrue(dispatcher.awaitTermination(Duration.ofSeconds(5)));
    }
}

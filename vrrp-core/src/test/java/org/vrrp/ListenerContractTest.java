package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The listener contract of {@link VrrpRouter} (issue 13, item 4), on its real threads over a mocked
 * network. No sleeps: latches and awaits, each with a timeout.
 */
class ListenerContractTest {
    private static final long WAIT_SECONDS = 5;

    private final MockNetwork network = new MockNetwork();

    @Test
    void closeFromAListenerIsPromptAndTheLastCallbacksFollowOnceTheCallbackReturns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch initialized = new CountDownLatch(1);
        AtomicReference<VrrpRouter> router = new AtomicReference<>();
        AtomicLong closeNanos = new AtomicLong(-1);
        List<String> calls = new CopyOnWriteArrayList<>();
        router.set(network.owner().listener(new VrrpListener() {
            @Override
            public void becomeMaster(StateChange c) {
                await(started);
                long t0 = System.nanoTime();
                router.get().close();
                closeNanos.set(System.nanoTime() - t0);
                calls.add("close returned");
            }

            @Override
            public void stateChanged(StateChange c) {
                if (c.to() == VrrpState.INITIALIZE) {
                    calls.add(c.from() + " -> INITIALIZE");
                    initialized.countDown();
                }
            }
        }).start());
        started.countDown();
        assertTrue(initialized.await(WAIT_SECONDS, TimeUnit.SECONDS), "the last callback is delivered");
        assertTrue(closeNanos.get() >= 0 && closeNanos.get() < Duration.ofSeconds(2).toNanos(),
                "close() from a listener does not wait for itself; took " + closeNanos.get() / 1_000_000 + " ms");
        assertEquals(List.of("close returned", "MASTER -> INITIALIZE"), calls,
                "on the listener thread, the last callback runs after the callback that closed returns");
        assertTrue(threadEnds("vrrp-VI_51-listener"), "and then the listener thread ends");
    }

    @Test
    void closeFromAnotherThreadReturnsOnlyAfterTheLastCallbacksEvenOnTheApplicationsExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> calls = new CopyOnWriteArrayList<>();
            VrrpRouter router = network.owner().listenerExecutor(executor).listener(new VrrpListener() {
                @Override
                public void stateChanged(StateChange c) {
                    if (c.to() == VrrpState.INITIALIZE) {
                        entered.countDown();
                        await(release);
                        calls.add("last callback");
                    }
                }
            }).start();
            assertTrue(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)));
            CountDownLatch closed = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                router.close();
                calls.add("close returned");
                closed.countDown();
            }, "test-closer");
            closer.start();
            assertTrue(entered.await(WAIT_SECONDS, TimeUnit.SECONDS));
            // While the last callback runs, close() has not returned (before: it returned at once here).
            assertFalse(closed.await(300, TimeUnit.MILLISECONDS), "close() returned before the last callback");
            release.countDown();
            assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of("last callback", "close returned"), calls);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aCallbackThatThrowsSkipsNoOtherCallbackOfTheTransitionItsOwnListenersIncluded() throws Exception {
        CountDownLatch master = new CountDownLatch(1);
        try (VrrpRouter router = network.owner().listener(new VrrpListener() {
            @Override
            public void stateChanged(StateChange c) {
                throw new IllegalStateException("listener bug in stateChanged");
            }

            @Override
            public void becomeMaster(StateChange c) {
                master.countDown();
            }
        }).start()) {
            assertTrue(master.await(WAIT_SECONDS, TimeUnit.SECONDS), "becomeMaster ran though stateChanged threw");
            assertEquals(VrrpState.MASTER, router.state());
        }
    }

    @Test
    void awaitStateReturnsOnceTheListenersHaveBeenToldAndFalseOnTimeout() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (VrrpRouter router = network.fastBackup().listener(new VrrpListener() {
            @Override
            public void becomeMaster(StateChange c) {
                calls.add("becomeMaster " + c.sequence());
            }
        }).start()) {
            assertTrue(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)));
            assertEquals(List.of("becomeMaster 2"), calls, "the listeners ran before awaitState returned");
            assertTrue(router.awaitState(VrrpState.MASTER, Duration.ZERO), "already MASTER: true at once");
            assertFalse(router.awaitState(VrrpState.FAULT, Duration.ofMillis(50)), "false when the time is up");
        }
    }

    @Test
    void onStateCompletesWithTheTransitionAndFailsWhenTheRouterClosesFirst() throws Exception {
        VrrpRouter router = network.owner().start();
        StateChange master = router.onState(VrrpState.MASTER).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(VrrpState.MASTER, master.to());
        CompletableFuture<StateChange> closing = router.onState(VrrpState.INITIALIZE).toCompletableFuture();
        CompletableFuture<StateChange> fault = router.onState(VrrpState.FAULT).toCompletableFuture();
        router.close();
        assertTrue(closing.isDone(), "the last transition is delivered before close() returns");
        assertEquals("shutdown", closing.get().reason().toString());
        ExecutionException e = assertThrows(ExecutionException.class, fault::get);
        assertEquals("the router closed before (VI_51) reached FAULT", e.getCause().getMessage());
        assertFalse(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)), "closed: false at once");
    }

    @Test
    void awaitStateAndOnStateAddressOneInstanceOfSeveralByName() throws Exception {
        try (VrrpRouter router = network.owner()
                .instance("OWNER", i -> i.virtualRouterId(1).vip("192.0.2.10/24"))
                .instance("FAST", i -> i.virtualRouterId(2).priority(100).version(3)
                        .advertisementInterval(Duration.ofMillis(10)).vip("192.0.2.20/24"))
                .start()) {
            assertTrue(router.awaitState("FAST", VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)));
            assertEquals("FAST", router.onState("FAST", VrrpState.MASTER).toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).instance());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> router.awaitState("NONE", VrrpState.MASTER, Duration.ZERO));
            assertTrue(e.getMessage().contains("no instance named \"NONE\""), e.getMessage());
        }
    }

    @Test
    void awaitStateFromAListenerIsRefusedRatherThanWaitingForItself() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        AtomicReference<VrrpRouter> router = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        router.set(network.owner().listener(new VrrpListener() {
            @Override
            public void becomeMaster(StateChange c) {
                await(started);
                try {
                    router.get().awaitState(VrrpState.BACKUP, Duration.ofSeconds(WAIT_SECONDS));
                    refused.complete(null);
                } catch (InterruptedException | RuntimeException e) {
                    refused.complete(e);
                }
            }
        }).start());
        try (VrrpRouter r = router.get()) {
            started.countDown();
            Throwable e = refused.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(e instanceof IllegalStateException, String.valueOf(e));
        }
    }

    @Test
    void aListenerAddedLaterSeesOnlyLaterTransitionsInOrderAndNoneOnceRemoved() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> added = new CopyOnWriteArrayList<>();
        VrrpListener late = new Recorder(added);
        try (VrrpRouter router = network.fastBackup().listener(new Recorder(first) {
            @Override
            public void becomeMaster(StateChange c) {
                super.becomeMaster(c);
                if (c.sequence() == 2) {
                    entered.countDown();
                    await(release); // the first MASTER is being delivered while the late listener is added
                }
            }
        }).start()) {
            assertTrue(entered.await(WAIT_SECONDS, TimeUnit.SECONDS));
            router.addListener(late);
            release.countDown();
            assertTrue(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)));
            CompletableFuture<StateChange> backup = router.onState(VrrpState.BACKUP).toCompletableFuture();
            router.resign(null); // MASTER -> BACKUP, then MASTER again: nobody else is on the LAN
            assertEquals(3, backup.get(WAIT_SECONDS, TimeUnit.SECONDS).sequence());
            assertTrue(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)));
            List<String> seenByLate = List.of("3 BACKUP", "becomeBackup 3", "4 MASTER", "becomeMaster 4");
            assertEquals(seenByLate, added);

            assertTrue(router.removeListener(late));
            assertFalse(router.removeListener(late), "only once");
            CompletableFuture<StateChange> again = router.onState(VrrpState.BACKUP).toCompletableFuture();
            router.resign(null);
            assertEquals(5, again.get(WAIT_SECONDS, TimeUnit.SECONDS).sequence());
            assertEquals(seenByLate, added, "nothing after removeListener");
            assertEquals(List.of("1 BACKUP", "becomeBackup 1", "2 MASTER", "becomeMaster 2", "3 BACKUP",
                    "becomeBackup 3", "4 MASTER", "becomeMaster 4", "5 BACKUP", "becomeBackup 5"), first.subList(0, 10));
        }
    }

    @Test
    void threadsAreNamedAfterTheRouterAndNoneIsLeftAfterClose() throws Exception {
        Set<String> before = threadNames();
        VrrpRouter router = network.owner().healthCheck(HealthCheckSpec.polled("db", () -> true)).start();
        verify(network.stack).nameThreads("VI_51"); // the adapter's I/O thread: vrrp-VI_51-io
        assertTrue(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(WAIT_SECONDS)));
        Set<String> running = threadNames();
        running.removeAll(before);
        assertTrue(running.containsAll(Set.of("vrrp-VI_51-protocol", "vrrp-VI_51-listener",
                "vrrp-VI_51-health-timer")), running.toString());
        router.close();
        Set<String> left = threadNames();
        left.removeAll(before);
        assertEquals(Set.of(), left, "threads still alive after close() returned");
    }

    /** Records each call as "sequence to" (stateChanged) and "callback sequence". */
    private static class Recorder implements VrrpListener {
        private final List<String> calls;

        Recorder(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public void stateChanged(StateChange c) {
            if (c.to() != VrrpState.INITIALIZE) {
                calls.add(c.sequence() + " " + c.to());
            }
        }

        @Override
        public void becomeMaster(StateChange c) {
            calls.add("becomeMaster " + c.sequence());
        }

        @Override
        public void becomeBackup(StateChange c) {
            calls.add("becomeBackup " + c.sequence());
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static boolean threadEnds(String name) throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                return !t.isAlive();
            }
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

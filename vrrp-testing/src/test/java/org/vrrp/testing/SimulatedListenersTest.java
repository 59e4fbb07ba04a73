package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/** The listener contract on the simulated LAN, on virtual time: the same dispatcher as VrrpRouter's. */
@VrrpTest(seed = 13)
class SimulatedListenersTest {
    private static VrrpRouter.Builder router(int priority) {
        return TestRouters.router(priority, "192.0.2.254/24");
    }

    @Test
    void aListenerAddedLaterSeesOnlyWhatFollowsAndOnStateCompletesAtTheTakeover(SimulatedLan lan) {
        SimulatedRouter a = lan.start("a", "192.0.2.1", router(150));
        SimulatedRouter b = lan.start("b", "192.0.2.2", router(100));
        lan.advance(Duration.ofSeconds(5));
        List<String> calls = new ArrayList<>();
        b.addListener(new VrrpListener() {
            @Override
            public void stateChanged(StateChange c) {
                calls.add(c.from() + " -> " + c.to());
            }
        });
        CompletableFuture<StateChange> takeover = b.onState(VrrpState.MASTER).toCompletableFuture();
        Duration closedAt = lan.elapsed();
        a.close();
        assertTrue(lan.runUntil(takeover::isDone, Duration.ofSeconds(5)), "seed " + lan.seed());
        // b hears priority 0 and takes over after its skew time, (256 - 100) / 256 s = 609.375 ms (v2).
        Duration took = lan.elapsed().minus(closedAt);
        assertTrue(took.compareTo(Duration.ofMillis(609)) >= 0 && took.compareTo(Duration.ofMillis(612)) < 0,
                took.toString());
        assertEquals("master 192.0.2.1 resigned (priority 0)", takeover.join().reason().toString());
        assertEquals(List.of("BACKUP -> MASTER"), calls, "not the INITIALIZE -> BACKUP from before it was added");
    }

    @Test
    void aCallbackThatThrowsSkipsNoOtherCallbackOfItsListener(SimulatedLan lan) {
        List<String> calls = new ArrayList<>();
        SimulatedRouter a = lan.start("a", "192.0.2.1", router(150).listener(new VrrpListener() {
            @Override
            public void stateChanged(StateChange c) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void becomeMaster(StateChange c) {
                calls.add("becomeMaster");
            }
        }));
        assertTrue(lan.runUntil(() -> !calls.isEmpty(), Duration.ofSeconds(5)));
        assertEquals(VrrpState.MASTER, a.state());
    }
}

package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.spi.LinkListener;

/**
 * The start-up warm-up of the takeover path ({@link ClaimWarmUp}): it runs the claim (both ways a backup takes over,
 * in a sync group) on private copies, and nothing of it reaches the network stack, the listeners or the router's
 * own machines and counters. A real {@link RouterEngine} on a clock the test moves.
 */
class ClaimWarmUpTest {
    private static final long START_NANOS = 1_000_000_000L;

    private final List<String> events = new ArrayList<>();
    private final Map<String, LinkListener> links = new HashMap<>();
    private final ArrayDeque<Runnable> protocolTasks = new ArrayDeque<>();
    private long nowNanos = START_NANOS;

    /** Two backups in a sync group on eth0 and eth1, VRRPv3 at 10 ms. */
    private static VrrpRouterConfig syncGroupOfBackups() {
        return VrrpRouter.builder().priority(10).version(3).advertisementInterval(Duration.ofMillis(10))
                .shutdownHook(false)
                .instance("A", i -> i.interfaceName("eth0").virtualRouterId(51).vip("192.0.2.254/24"))
                .instance("B", i -> i.interfaceName("eth1").virtualRouterId(52).vip("198.51.100.254/24"))
                .syncGroup("G", "A", "B").build();
    }

    private RouterEngine engine(VrrpRouterConfig config) {
        return new RouterEngine(config, new RecordingStack(events, links), () -> nowNanos, protocolTasks::add,
                (StateChange change) -> events.add("transition " + change.instance() + " " + change.from() + " -> "
                        + change.to()), () -> Instant.EPOCH);
    }

    @Test
    void startingRunsTheClaimOnCopiesAndNothingReachesTheStackTheListenersOrTheCounters() throws Exception {
        RouterEngine engine = engine(syncGroupOfBackups());
        engine.start();
        assertEquals(List.of("transition A INITIALIZE -> BACKUP", "transition B INITIALIZE -> BACKUP"), events,
                "the warm-up sends nothing, adds and announces nothing, tells no listener");
        assertEquals(VrrpState.BACKUP, engine.state("A"));
        assertEquals(0, engine.stats().instance("A").advertsSent(), "the router's own counters are not touched");
        assertEquals(0, engine.stats().instance("A").becameMaster());
        // The router's own down timer still runs from its start: 3 intervals + Skew_Time (9.609 ms) later.
        assertEquals(START_NANOS + 39_609_000L, engine.nextDeadlineNanos());
    }

    @Test
    void theRealTakeoverAfterTheWarmUpGoesAsWithoutIt() throws Exception {
        RouterEngine engine = engine(syncGroupOfBackups());
        engine.start();
        events.clear();
        nowNanos = engine.nextDeadlineNanos();
        engine.onTimeout(nowNanos);
        assertEquals(VrrpState.MASTER, engine.state("A"));
        assertEquals(VrrpState.MASTER, engine.state("B"));
        assertEquals("add 192.0.2.254/24 dev eth0", events.get(0), events.toString());
        assertEquals("send eth0 vrid 51 priority 10", events.get(1), events.toString());
        assertTrue(events.contains("send eth1 vrid 52 priority 10"), events.toString());
        assertEquals(1, engine.stats().instance("A").becameMaster());
    }

    /**
     * Both scenarios reach MASTER on the copies: the first group takes over on its down timer and sends again on its
     * advert timer (2 + 2 adverts), the second takes over after hearing the first's resignation (2 more), Skew_Time
     * after it rather than on its down timer.
     */
    @Test
    void theWarmUpEncodesEveryAdvertOfBothTakeoversAndSendsNone() throws Exception {
        RouterEngine engine = engine(syncGroupOfBackups());
        engine.start();
        List<RouterInstance> instances = new ArrayList<>();
        for (String name : engine.instanceNames()) {
            instances.add(engine.instance(name));
        }
        events.clear();
        ClaimWarmUp.Outcome outcome = new ClaimWarmUp(instances, Map.of("G", List.of("A", "B"))).run(nowNanos);
        assertEquals(6, outcome.advertsEncoded(), "adverts of both takeovers encoded");
        assertEquals(4, outcome.vipsHashed(), "each takeover's VIPs, twice");
        assertEquals(2, outcome.takeoversAfterResignation(), "the second group took over on hearing priority 0");
        assertEquals(List.of(), events, "none sent");
        assertEquals(VrrpState.BACKUP, engine.state("A"));
    }
}

package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.spi.LinkListener;

/**
 * The timer queue hands out the instances due in one wake-up in the order of the instance list, as the scan over
 * every instance did, not in the order of their deadlines: in a sync group the first one handled takes the group
 * over and is the one whose reason ("master down") listeners hear, the others follow it.
 */
class DueOrderTest {
    private static final long START_NANOS = 1_000_000_000L;

    private final List<String> events = new ArrayList<>();
    private final Map<String, LinkListener> links = new HashMap<>();
    private final ArrayDeque<Runnable> protocolTasks = new ArrayDeque<>();
    private long nowNanos = START_NANOS;

    @Test
    void aWakeUpAfterTwoMembersDownTimersHandlesTheFirstListedFirstThoughTheOtherWasDueEarlier() throws Exception {
        // B's higher priority makes its Skew_Time, so its down timer, shorter: B is due first, A is listed first.
        RouterEngine engine = new RouterEngine(VrrpRouter.builder().version(3).shutdownHook(false)
                .instance("A", i -> i.interfaceName("eth0").virtualRouterId(51).priority(50).vip("192.0.2.254/24"))
                .instance("B", i -> i.interfaceName("eth1").virtualRouterId(52).priority(250).vip("198.51.100.254/24"))
                .syncGroup("G", "A", "B").build(),
                new RecordingStack(events, links), () -> nowNanos, protocolTasks::add,
                (StateChange change) -> events.add("transition " + change.instance() + " " + change.to() + ": "
                        + change.reason()), () -> Instant.EPOCH);
        engine.start();
        long bDue = engine.instance("B").machine.pollTimeoutNanos();
        long aDue = engine.instance("A").machine.pollTimeoutNanos();
        assertTrue(bDue < aDue, "B is due first: " + bDue + " < " + aDue);
        assertEquals(bDue, engine.nextDeadlineNanos());
        events.clear();

        nowNanos = aDue; // a late wake-up: both are due
        engine.onTimeout(nowNanos);

        List<String> transitions = events.stream().filter(e -> e.startsWith("transition")).toList();
        assertEquals(2, transitions.size(), events.toString());
        assertTrue(transitions.get(0).startsWith("transition A MASTER: ") && !transitions.get(0).contains("sync group"),
                "A, first in the list, takes over on its own down timer: " + transitions);
        assertTrue(transitions.get(1).startsWith("transition B MASTER: ") && transitions.get(1).contains("sync group"),
                "B follows its group: " + transitions);
    }
}

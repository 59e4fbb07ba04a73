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
import org.vrrp.LowerPriorityAdvert;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.spi.LinkListener;

/**
 * The order in which the runtime does the steps of a takeover and a resignation, as the network stack sees them
 * (sends, address changes, announcements) beside the transitions published to listeners: what moves traffic
 * comes first, what only reports it comes after. A real {@link RouterEngine}, driven on the test thread.
 */
class TakeoverOrderTest {
    private final List<String> events = new ArrayList<>();
    private final Map<String, LinkListener> links = new HashMap<>();
    private final ArrayDeque<Runnable> protocolTasks = new ArrayDeque<>();

    /** Two sync-group members, both MASTER from the start, on eth0 and eth1. */
    private RouterEngine startSyncGroup() throws Exception {
        RouterEngine engine = new RouterEngine(VrrpRouter.builder().priority(200).version(3)
                .initialState(VrrpState.MASTER).shutdownHook(false)
                .instance("A", i -> i.interfaceName("eth0").virtualRouterId(51).vip("192.0.2.254/24"))
                .instance("B", i -> i.interfaceName("eth1").virtualRouterId(52).vip("198.51.100.254/24"))
                .syncGroup("G", "A", "B").build(),
                new RecordingStack(events, links), () -> 1_000_000_000L, protocolTasks::add, new RouterEngine.TransitionSink() {
                    @Override
                    public void onTransition(StateChange change) {
                        events.add("transition " + change.instance() + " " + change.to());
                    }

                    @Override
                    public void onLowerPriority(LowerPriorityAdvert advert) {
                    }
                }, () -> Instant.EPOCH);
        engine.start();
        return engine;
    }

    @Test
    void becomingMasterAnnouncesBeforeTellingListeners() throws Exception {
        startSyncGroup();
        int announce = events.indexOf("announce 192.0.2.254/24 dev eth0");
        assertTrue(events.indexOf("add 192.0.2.254/24 dev eth0") < announce, events.toString());
        assertTrue(announce >= 0 && announce < events.indexOf("transition A MASTER"),
                "the first gratuitous ARP waits for no listener: " + events);
    }

    @Test
    void aSyncGroupMembersResignationIsSentBeforeTheOtherMembersAddressRemovals() throws Exception {
        RouterEngine engine = startSyncGroup();
        events.clear();
        links.get("eth0").onLinkChange("eth0", false);
        runProtocolTasks();
        assertEquals(VrrpState.FAULT, engine.state("B"));
        assertEquals(List.of("send eth0 vrid 51 priority 0", "send eth1 vrid 52 priority 0"), events.subList(0, 2),
                "both resignations go out first, B's not behind A's netlink work: " + events);
        assertTrue(events.indexOf("remove 192.0.2.254/24 dev eth0") < events.indexOf("transition A FAULT"),
                events.toString());
        assertTrue(events.indexOf("transition A FAULT") < events.indexOf("transition B FAULT"),
                "listeners still hear the cause before its effect: " + events);
    }

    private void runProtocolTasks() {
        Runnable task;
        while ((task = protocolTasks.poll()) != null) {
            task.run();
        }
    }
}

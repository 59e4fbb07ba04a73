package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * What {@code stats()} says after failovers on a simulated LAN (virtual time, no loss), and the
 * transition reasons an operator greps for.
 */
class StatsAfterFailoverTest {
    private static final String VIP = "192.0.2.254";

    private final SimulatedLan lan = new SimulatedLan(11);

    private SimulatedRouter start(String host, String address, VrrpRouter.Builder b) {
        return lan.host(host).attach("eth0", "lan", address).start(b);
    }

    private static VrrpRouter.Builder router(int priority) {
        return TestRouters.router(priority, VIP + "/24");
    }

    private InstanceStats stats(SimulatedRouter r) {
        return r.stats().instance("VI_51");
    }

    @Test
    void countersOfMasterAndBackupAgreeAndFollowAResignation() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(20));

        InstanceStats master = stats(a);
        InstanceStats backup = stats(b);
        assertEquals(VrrpState.MASTER, master.state());
        assertEquals(1, master.becameMaster());
        assertEquals(2, master.transitions(), "INITIALIZE -> BACKUP -> MASTER");
        assertEquals("master down timer expired", master.lastTransition().reason().toString());
        assertEquals(1, backup.transitions(), "INITIALIZE -> BACKUP");
        assertEquals(0, backup.becameMaster());
        assertTrue(master.advertsSent() >= 16, "one a second for ~16 s: " + master.advertsSent());
        assertEquals(master.advertsSent(), backup.advertsReceived(), "no loss: every advert of a reached b");
        assertEquals("192.0.2.1", backup.masterAddress().getHostAddress());
        assertEquals(150, backup.masterPriority());
        assertEquals(100, backup.masterAdvertIntervalCentis());
        assertEquals(Map.of("192.0.2.1", "message"), backup.peerChecksumForms(), "v2 has one checksum form");
        assertEquals("192.0.2.1", master.masterAddress().getHostAddress(), "a master names itself");

        long sentBefore = master.advertsSent();
        a.resign("VI_51");
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(1)),
                "b takes over within its skew time; seed " + lan.seed());
        // Half an interval past b's last advert, so none is still on the wire when we count.
        lan.runFor(Duration.ofMillis(5_500));

        InstanceStats resigned = stats(a);
        InstanceStats taker = stats(b);
        assertEquals(VrrpState.BACKUP, resigned.state());
        assertEquals("resigned by operator", resigned.lastTransition().reason().toString());
        assertEquals(1, resigned.configuredPriority(), "resign drops the priority so preempt does not take it back");
        assertEquals(1, resigned.priorityZeroSent());
        assertEquals(sentBefore + 1, resigned.advertsSent(), "only the priority-0 advert: the lower priority follows it");
        assertEquals(1, taker.priorityZeroReceived());
        assertEquals("master 192.0.2.1 resigned (priority 0)", taker.lastTransition().reason().toString());
        assertEquals(1, taker.becameMaster());
        assertEquals(3, resigned.transitions());
        assertEquals(0, backup.advertsSent());
        assertEquals(taker.advertsSent(), resigned.advertsReceived() - master.advertsReceived(),
                "since the handover a heard every advert b sent");
        assertTrue(taker.timeInState().compareTo(Duration.ofSeconds(5)) >= 0, taker.timeInState().toString());
        assertEquals(0, b.stats().checksumErrors() + b.stats().lengthErrors() + b.stats().vridErrors());
    }

    @Test
    void transitionReasonsReadAsTheOperatorGuideSays() {
        AtomicBoolean apiUp = new AtomicBoolean(true);
        AtomicBoolean diskUp = new AtomicBoolean(true);
        SimulatedRouter a = start("a", "192.0.2.1", router(150)
                .healthCheck(HealthCheckSpec.polled("api", apiUp::get).withFall(3).withWeight(-60))
                .healthCheck(HealthCheckSpec.polled("disk", diskUp::get).withFall(3).withWeight(0)));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, a.state());

        apiUp.set(false);
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(10)), "seed " + lan.seed());
        lan.runFor(Duration.ofMillis(100));
        InstanceStats weighted = stats(a);
        assertEquals(Map.of("api", -60, "disk", 0), weighted.healthContributions());
        assertEquals(150, weighted.configuredPriority());
        assertEquals(90, weighted.effectivePriority());
        assertEquals("(VI_51) MASTER -> BACKUP: higher priority 100 from 192.0.2.2", weighted.lastTransition().toString());
        assertEquals("preempting lower priority 90 from 192.0.2.1", stats(b).lastTransition().reason().toString());

        b.setPriority(250);
        apiUp.set(true);
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, b.state(), "250 beats a's recovered 150");

        lan.setLink("b", "eth0", false);
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, Duration.ofSeconds(5)), "seed " + lan.seed());
        assertEquals("(VI_51) MASTER -> FAULT: link eth0 lost carrier", stats(b).lastTransition().toString());
        lan.setLink("b", "eth0", true);
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(5)), "seed " + lan.seed());
        lan.runFor(Duration.ofMillis(100));
        assertEquals("(VI_51) MASTER -> BACKUP: higher priority 250 from 192.0.2.2", stats(a).lastTransition().toString());

        diskUp.set(false);
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.FAULT, Duration.ofSeconds(5)), "seed " + lan.seed());
        assertEquals("(VI_51) BACKUP -> FAULT: health check disk failed 3 times", stats(a).lastTransition().toString());

        b.close();
        assertTrue(lan.transitions().stream().anyMatch(c -> c.toString().equals("(VI_51) MASTER -> INITIALIZE: shutdown")),
                lan.transitions().toString());
    }

    /** Unicast peers are filtered by the router, once, and each stranger's advert is counted. */
    @Test
    void aUnicastInstanceCountsAdvertsFromAStrangerAndIgnoresThem() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150).instance("VI_51", i -> i.unicastPeer("192.0.2.2")));
        SimulatedRouter b = start("b", "192.0.2.2", router(100).instance("VI_51", i -> i.unicastPeer("192.0.2.1")));
        start("c", "192.0.2.3", router(200).instance("VI_51", i -> i.unicastPeer("192.0.2.2")));
        lan.runFor(Duration.ofSeconds(10));

        InstanceStats backup = stats(b);
        assertEquals(VrrpState.BACKUP, backup.state(), "c's priority 200 is not heard: c is no peer of b");
        assertEquals("192.0.2.1", backup.masterAddress().getHostAddress());
        assertTrue(backup.unknownPeerErrors() >= 5, "c advertises once a second: " + backup.unknownPeerErrors());
        assertEquals(VrrpState.MASTER, a.state());
        // Operators see the count where they look: `vrrp status`, its --json, and the meters.
        String json = org.vrrp.control.StatusJson.format(b.stats());
        assertTrue(json.contains("\"unknown_peer_errors\":" + backup.unknownPeerErrors()), json);
        String text = org.vrrp.control.StatusText.format(b.stats());
        assertTrue(text.contains(", unknown peer " + backup.unknownPeerErrors() + ";"), text);
    }
}

package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.protocol.TimerMath;

/**
 * Two routers between two segments ("inside" 192.0.2.0/24, "outside" 198.51.100.0/24), each with
 * one instance per segment in a sync group: the setup keepalived users run as a redundant gateway.
 */
class SyncGroupScenariosTest {
    private static final String VIP_IN = "192.0.2.254";
    private static final String VIP_OUT = "198.51.100.254";

    private final SimulatedLan lan = new SimulatedLan(11);

    private SimulatedRouter router(String name, int hostByte, int priority) {
        VrrpRouter.Builder b = VrrpRouter.builder()
                .priority(priority).preempt(false).authentication("s3cret")
                .advertisementInterval(Duration.ofSeconds(1))
                .instance("VI_IN", i -> i.interfaceName("eth0").virtualRouterId(10).vip(VIP_IN + "/24"))
                .instance("VI_OUT", i -> i.interfaceName("eth1").virtualRouterId(20).vip(VIP_OUT + "/24"))
                .syncGroup("G", "VI_IN", "VI_OUT");
        return lan.host(name)
                .attach("eth0", "inside", "192.0.2." + hostByte)
                .attach("eth1", "outside", "198.51.100." + hostByte)
                .start(b);
    }

    private static Duration skew(int priority) {
        return Duration.ofNanos(TimerMath.microsToNanos(TimerMath.skewMicros(2, priority, 100)));
    }

    @Test
    void masterLinkFailureMovesBothInstancesWithinSkewTimeAndNopreemptPreventsFailback() {
        SimulatedRouter r1 = router("r1", 1, 150);
        SimulatedRouter r2 = router("r2", 2, 100);
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(List.of("r1"), lan.mastersOf("VI_IN"));
        assertEquals(List.of("r1"), lan.mastersOf("VI_OUT"));
        assertEquals(List.of("r1"), lan.hostsHolding(VIP_IN));

        lan.setLink("r1", "eth1", false); // r1's outside link fails
        // r1's group goes FAULT; VI_IN, still connected, resigns with priority 0; r2's VI_IN takes over
        // after its skew time and brings VI_OUT along, without waiting a Master_Down_Interval outside.
        assertTrue(lan.runUntil(() -> r2.state("VI_IN") == VrrpState.MASTER && r2.state("VI_OUT") == VrrpState.MASTER,
                skew(100).plusMillis(2)), "r2 not master of both within skew; seed " + lan.seed());
        assertEquals(VrrpState.FAULT, r1.state("VI_IN"));
        assertEquals(VrrpState.FAULT, r1.state("VI_OUT"));
        assertEquals(List.of("r2"), lan.hostsHolding(VIP_IN));
        assertEquals(List.of("r2"), lan.hostsHolding(VIP_OUT));

        lan.setLink("r1", "eth1", true);
        lan.runFor(Duration.ofSeconds(60));
        assertEquals(VrrpState.BACKUP, r1.state("VI_IN"), "nopreempt: no failback");
        assertEquals(VrrpState.BACKUP, r1.state("VI_OUT"));
        assertEquals(List.of("r2"), lan.hostsHolding(VIP_IN));
        assertEquals(List.of("r2"), lan.hostsHolding(VIP_OUT));
    }

    @Test
    void aCrashedMasterIsReplacedForBothInstancesWithinMasterDownInterval() {
        SimulatedRouter r1 = router("r1", 1, 150);
        SimulatedRouter r2 = router("r2", 2, 100);
        lan.delay(Duration.ofMillis(1), Duration.ofMillis(30)); // the two members' timers run out apart
        lan.runFor(Duration.ofSeconds(10));
        r1.crash();
        Duration mdi = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> r2.state("VI_IN") == VrrpState.MASTER && r2.state("VI_OUT") == VrrpState.MASTER,
                mdi.plusMillis(50)), "r2 did not take over both instances; seed " + lan.seed() + " " + lan.transitions());
    }

    @Test
    void oneMemberInFaultPutsTheWholeGroupInFault() {
        SimulatedRouter r1 = router("r1", 1, 150);
        lan.runFor(Duration.ofSeconds(5));
        lan.setLink("r1", "eth0", false);
        lan.runFor(Duration.ofMillis(1));
        assertEquals(VrrpState.FAULT, r1.state("VI_IN"));
        assertEquals(VrrpState.FAULT, r1.state("VI_OUT"));
        lan.setLink("r1", "eth0", true);
        lan.runFor(Duration.ofMillis(1));
        assertEquals(VrrpState.BACKUP, r1.state("VI_IN"), "the group leaves FAULT when no member has one");
        assertEquals(VrrpState.BACKUP, r1.state("VI_OUT"));
    }

    @Test
    void aMemberThatHearsNoMasterDoesNotPullTheGroupWhileAnotherMemberHearsOne() {
        lan.blockSegment("outside"); // a firewall on both routers drops protocol 112 outside
        SimulatedRouter r1 = router("r1", 1, 150);
        SimulatedRouter r2 = router("r2", 2, 100);
        lan.runFor(Duration.ofSeconds(10));
        int transitionsAfterSettling = lan.transitions().size();
        lan.runFor(Duration.ofSeconds(120));
        assertEquals(transitionsAfterSettling, lan.transitions().size(), "no flapping: " + lan.transitions());
        assertEquals(List.of("r1"), lan.mastersOf("VI_IN"));
        assertEquals(List.of("r1"), lan.mastersOf("VI_OUT"), "one master for every instance of the group");
        assertTrue(r2.stats().instances().get(1).name().equals("VI_OUT"));
        assertEquals(VrrpState.BACKUP, r2.state("VI_OUT"));
        assertTrue(r2.stats().instance("VI_OUT").syncGroupHeldTakeovers() > 0, "the hold is counted");
    }

    @Test
    void transitionsCarryIncreasingSequenceNumbersAndReasons() {
        router("r1", 1, 150);
        router("r2", 2, 100);
        lan.runFor(Duration.ofSeconds(10));
        lan.setLink("r1", "eth1", false);
        lan.runFor(Duration.ofSeconds(2));
        List<StateChange> r1Changes = lan.transitions().stream().filter(c -> c.time() != null).toList();
        assertTrue(r1Changes.stream().anyMatch(c -> c.reason().toString().equals("link eth1 lost carrier")), r1Changes.toString());
        assertTrue(r1Changes.stream().anyMatch(c -> c.reason().toString().startsWith("master 192.0.2.1 resigned (priority 0)")),
                r1Changes.toString());
    }
}

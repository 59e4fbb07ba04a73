package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.protocol.TimerMath;

/** Two or three routers on one simulated segment; each test is named after the rule it proves. */
class ElectionScenariosTest {
    private static final String VIP = "192.0.2.254";

    private final SimulatedLan lan = new SimulatedLan(7);

    private SimulatedRouter start(String host, String address, VrrpRouter.Builder b) {
        return lan.host(host).attach("eth0", "lan", address).start(b);
    }

    private static VrrpRouter.Builder router(int priority) {
        return TestRouters.router(priority, VIP + "/24");
    }

    private Duration masterDown(int priority, int intervalCentis) {
        return Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(2, priority, intervalCentis)));
    }

    @Test
    void highestPriorityBecomesMasterWithinItsMasterDownInterval() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        boolean elected = lan.runUntil(() -> a.state() == VrrpState.MASTER, masterDown(150, 100).plusMillis(1));
        assertTrue(elected, "a not master within its Master_Down_Interval; seed " + lan.seed());
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
        assertEquals(List.of("a"), lan.hostsHolding(VIP), "the VIP is on the master only");
    }

    @Test
    void addressOwnerTakesOverAtOnceFromALowerPriorityMaster() {
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(5));
        assertEquals(VrrpState.MASTER, b.state());
        Duration before = lan.elapsed();
        SimulatedRouter owner = start("a", "192.0.2.1", router(255));
        assertEquals(VrrpState.MASTER, owner.state(), "an owner goes MASTER at startup");
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofMillis(10)),
                "the old master steps down on the owner's first advert");
        lan.runFor(Duration.ofSeconds(5));
        assertEquals(List.of("a"), lan.hostsHolding(VIP));
        assertTrue(lan.elapsed().minus(before).toMillis() >= 5000);
    }

    @Test
    void equalPrioritiesAreBrokenByTheHigherPrimaryAddress() {
        SimulatedRouter low = start("low", "192.0.2.1", router(100).initialState(VrrpState.MASTER));
        SimulatedRouter high = start("high", "192.0.2.200", router(100).initialState(VrrpState.MASTER));
        lan.runFor(Duration.ofSeconds(5));
        assertEquals(VrrpState.MASTER, high.state());
        assertEquals(VrrpState.BACKUP, low.state());
        assertEquals(List.of("high"), lan.hostsHolding(VIP));
    }

    @Test
    void priorityZeroFromAStoppingMasterLetsTheBackupTakeOverWithinSkewTime() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, a.state());
        Duration closedAt = lan.elapsed();
        a.close();
        assertEquals(List.of(), lan.hostsHolding(VIP), "close removes the VIP at once");
        Duration skewB = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.skewMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, skewB.plusMillis(1)),
                "b not master within skew " + skewB + "; seed " + lan.seed());
        assertTrue(lan.elapsed().minus(closedAt).compareTo(skewB) >= 0, "b waited at least the skew time");
        assertEquals(List.of("b"), lan.hostsHolding(VIP));
        assertEquals(1, b.stats().instances().get(0).priorityZeroReceived());
    }

    @Test
    void crashedMasterIsReplacedWithinMasterDownInterval() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        a.crash();
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, masterDown(100, 100).plusMillis(1)),
                "seed " + lan.seed());
    }

    @Test
    void dualMastersAfterAPartitionHealResolveWithinOneAdvertInterval() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        cutOffUntilBothAreMaster(a, b);
        lan.heal();
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofSeconds(1)),
                "dual master not resolved within one advert interval; seed " + lan.seed());
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(List.of("a"), lan.hostsHolding(VIP));
    }

    /** Lets a and b settle, then cuts them off from each other both ways until each is master. */
    private void cutOffUntilBothAreMaster(SimulatedRouter a, SimulatedRouter b) {
        lan.runFor(Duration.ofSeconds(10));
        lan.partition("a", "b");
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state(), "both are master while cut off");
    }

    /** With a (150) started: starts b (100), lets it settle, then drops a's adverts on their way to b until b is master too. */
    private SimulatedRouter bothMastersWithBDeafToA() {
        return bothMastersWithBDeafToA(router(100));
    }

    private SimulatedRouter bothMastersWithBDeafToA(VrrpRouter.Builder bBuilder) {
        SimulatedRouter b = start("b", "192.0.2.2", bBuilder);
        lan.runFor(Duration.ofSeconds(10));
        lan.partitionOneWay("a", "b");
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, b.state(), "b no longer hears a");
        return b;
    }

    @Test
    void lowerPriorityMasterReassertsAtOnceWhenItHearsALowerAdvertSoDualMasterEndsFast() {
        // Without RFC 9568's reassert the lower master would only notice at the higher one's next advert.
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = bothMastersWithBDeafToA();
        long sentBefore = a.stats().instances().get(0).advertsSent();
        lan.heal();
        // b's next advert reaches a (lower priority): a answers at once, and b steps down on that answer.
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofMillis(1100)), "seed " + lan.seed());
        assertTrue(a.stats().instances().get(0).advertsSent() > sentBefore);
    }

    @Test
    void aMasterThatReassertsAnnouncesAtOnceAndAgainAQuarterIntervalLater() {
        // The lower master's own announcement burst may still reach the hosts after the first answer (campaign
        // seed 240 of 2026-12-02); the second, a quarter interval later, comes after it has stepped down.
        // b steps down silently here, so that its advert before stepping down (counted in the next test) does
        // not add a reassert of its own to the ones counted.
        start("a", "192.0.2.1", router(150));
        SimulatedRouter b = bothMastersWithBDeafToA(router(100)
                .instance("VI_1", i -> i.advertiseBeforeSteppingDown(false)));
        int before = lan.host("a").announcements().size();
        lan.heal();
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofMillis(1100)), "seed " + lan.seed());
        assertEquals(before + 1, lan.host("a").announcements().size(), "the reassert's announcement");
        lan.runFor(Duration.ofMillis(249));
        assertEquals(before + 1, lan.host("a").announcements().size(), "nothing more within the quarter");
        lan.runFor(Duration.ofMillis(2));
        assertEquals(before + 2, lan.host("a").announcements().size(), "once more when the quarter ends");
        lan.runFor(Duration.ofSeconds(2));
        assertEquals(before + 2, lan.host("a").announcements().size(), "and no more");
    }

    @Test
    void aSplitThatHealsJustAfterTheLowerMastersAdvertEndsWithTheHigherOneAnnouncing() {
        // failure-modes.md finding 3 (campaign seed 5): the lower master hears the higher one's advert before
        // sending one of its own, so the higher one never hears a lower advert. Stepping down silently left
        // the hosts on the lower one's MAC; its one advert before stepping down makes the higher one reassert.
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        cutOffUntilBothAreMaster(a, b);
        long bSent = b.stats().instances().get(0).advertsSent();
        assertTrue(lan.runUntil(() -> b.stats().instances().get(0).advertsSent() > bSent, Duration.ofMillis(1100)));
        lan.heal(); // b's next advert is a whole interval away: a's comes first
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofMillis(1100)), "seed " + lan.seed());
        int aAnnounced = lan.host("a").announcements().size();
        int bAnnounced = lan.host("b").announcements().size();
        lan.runFor(Duration.ofSeconds(2));
        assertEquals(VrrpState.MASTER, a.state());
        assertTrue(lan.host("a").announcements().size() > aAnnounced,
                "a announces after b stepped down, so hosts leave b's MAC; seed " + lan.seed());
        assertEquals(bAnnounced, lan.host("b").announcements().size(), "b, now backup, announces nothing more");
    }

    @Test
    void aMasterWhosePeerCannotHearItSaysSoOnceWithThePeerAddress() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.partitionOneWay("a", "b"); // b's firewall drops everything from a
        lan.runFor(Duration.ofSeconds(30));
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state(), "b hears nobody");
        assertEquals(1, a.stats().instances().get(0).peersNotHearingUs(), "one streak, one report");
        assertEquals(0, b.stats().instances().get(0).peersNotHearingUs());
    }

    @Test
    void v3BackupLearnsTheMasterIntervalAndTimesOutOnIt() {
        SimulatedRouter a = start("a", "192.0.2.1", router(200).version(3).advertisementInterval(Duration.ofMillis(500)));
        SimulatedRouter b = start("b", "192.0.2.2", router(100).version(3).advertisementInterval(Duration.ofSeconds(1)));
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.BACKUP, b.state());
        assertEquals(50, b.stats().instances().get(0).masterAdvertIntervalCentis(), "learned the master's 50 cs");
        a.crash();
        // 3 x 50 cs + skew(100, 50 cs) = 1.80 s, well under b's own 3.6 s.
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, masterDown(100, 50).plusMillis(1)),
                "seed " + lan.seed());
    }

    @Test
    void v2DropsAdvertsWithAnotherIntervalAndCountsThem() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150).advertisementInterval(Duration.ofSeconds(2)));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(20));
        assertEquals(VrrpState.MASTER, b.state(), "b ignores a's 2 s adverts, so both are master");
        assertTrue(b.stats().instances().get(0).intervalErrors() > 0);
        assertEquals(VrrpState.MASTER, a.state());
    }

    @Test
    void preemptDelayHoldsTheTakeoverOfAHigherPriorityBackup() {
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(5));
        SimulatedRouter a = start("a", "192.0.2.1", router(150).preemptDelay(Duration.ofSeconds(8)));
        lan.runFor(Duration.ofSeconds(7));
        assertEquals(VrrpState.BACKUP, a.state(), "still inside the preempt delay");
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, Duration.ofSeconds(2)), "seed " + lan.seed());
        lan.runFor(Duration.ofSeconds(2));
        assertEquals(VrrpState.BACKUP, b.state());
    }

    @Test
    void withoutPreemptAHigherPriorityBackupLeavesTheMasterAlone() {
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(5));
        SimulatedRouter a = start("a", "192.0.2.1", router(150).preempt(false));
        lan.runFor(Duration.ofSeconds(60));
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.MASTER, b.state());
    }

    @Test
    void withPreemptAHigherPriorityBackupTakesOverAfterItsMasterDownInterval() {
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(5));
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, masterDown(150, 100).plusMillis(1)));
        lan.runFor(Duration.ofMillis(10));
        assertEquals(VrrpState.BACKUP, b.state());
    }

    @Test
    void negativeHealthWeightMovesMastershipAndBackWithPreempt() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150)
                .healthCheck(HealthCheckSpec.pushed("api").withWeight(-60)));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, a.state());
        a.reportHealth("api", false);
        assertEquals(90, a.stats().instances().get(0).effectivePriority(), "150 - 60");
        assertEquals(-60, a.stats().instances().get(0).healthContributions().get("api"));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, masterDown(100, 100).plusMillis(1)),
                "b preempts the weakened master; seed " + lan.seed());
        lan.runFor(Duration.ofMillis(10));
        assertEquals(VrrpState.BACKUP, a.state());
        a.reportHealth("api", true);
        // The down timer was armed at the last accepted advert, with priority 90's Master_Down_Interval.
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, masterDown(90, 100).plusMillis(1)),
                "seed " + lan.seed());
        lan.runFor(Duration.ofMillis(10));
        assertEquals(List.of("a"), lan.hostsHolding(VIP));
    }

    @Test
    void weightZeroHealthFailurePutsTheMasterInFaultAndTheBackupTakesOverWithinSkew() {
        List<StateChange> seen = new ArrayList<>();
        SimulatedRouter a = start("a", "192.0.2.1", router(150)
                .healthCheck(HealthCheckSpec.pushed("api"))
                .listener(new VrrpListener() {
                    @Override
                    public void becomeFault(StateChange c) {
                        seen.add(c);
                    }
                }));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        a.reportHealth("api", false);
        assertEquals(VrrpState.FAULT, a.state());
        assertEquals(List.of(), lan.hostsHolding(VIP));
        Duration skew = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.skewMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, skew.plusMillis(1)), "seed " + lan.seed());
        assertEquals(1, seen.size());
        assertEquals("health check api failed", seen.get(0).reason().toString());
    }

    @Test
    void polledHealthCheckFailsAfterFallAndRecoversAfterRise() {
        boolean[] healthy = {true};
        SimulatedRouter a = start("a", "192.0.2.1", router(150).healthCheck(
                HealthCheckSpec.polled("chk", () -> healthy[0]).withInterval(Duration.ofSeconds(1))
                        .withFall(3).withRise(2).withWeight(-100)));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        healthy[0] = false;
        lan.runFor(Duration.ofMillis(2500));
        assertEquals(150, a.stats().instances().get(0).effectivePriority(), "two failures are not three");
        lan.runFor(Duration.ofSeconds(1));
        assertEquals(50, a.stats().instances().get(0).effectivePriority());
        healthy[0] = true;
        lan.runFor(Duration.ofSeconds(2));
        assertEquals(150, a.stats().instances().get(0).effectivePriority());
    }

    @Test
    void loweringThePriorityHandsOverToTheBackupForPlannedMaintenance() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        a.setPriority(50);
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, masterDown(100, 100).plusMillis(1)));
        lan.runFor(Duration.ofMillis(10));
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(List.of("b"), lan.hostsHolding(VIP));
    }

    @Test
    void resigningHandsOverWithinTheBackupsSkewTimeAndDoesNotPreemptBack() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        a.resign(null);
        assertEquals(VrrpState.BACKUP, a.state());
        Duration skewB = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.skewMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, skewB.plusMillis(1)), "seed " + lan.seed());
        lan.runFor(Duration.ofSeconds(30));
        assertEquals(VrrpState.BACKUP, a.state(), "priority 1 now: no preempt back");
        a.setPriority(150);
        // Its down timer was last armed at priority 1, so that Master_Down_Interval bounds the takeover.
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, masterDown(1, 100).plusMillis(1)));
    }

    @Test
    void aVipLeftByACrashedRunIsRemovedAtStart() {
        lan.host("a").attach("eth0", "lan", "192.0.2.1").leaveAddress(VIP, 24, "eth0");
        assertEquals(List.of("a"), lan.hostsHolding(VIP));
        SimulatedRouter b = start("b", "192.0.2.2", router(200));
        SimulatedRouter a = lan.host("a").start(router(100));
        assertEquals(List.of(), lan.hostsHolding(VIP), "removed before joining");
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(List.of("b"), lan.hostsHolding(VIP));
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.MASTER, b.state());
    }

    @Test
    void simpleTextAuthMismatchIsDroppedAndCountedNotSilent() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150).authentication("secret"));
        SimulatedRouter b = start("b", "192.0.2.2", router(100));
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(VrrpState.MASTER, b.state(), "a no-auth router does not accept PASS adverts");
        assertTrue(b.stats().instances().get(0).authErrors() > 0);
        assertTrue(a.stats().instances().get(0).authErrors() > 0);
    }

    @Test
    void masterAnnouncesItsAddressesOnKeepalivedsSchedule() {
        SimulatedRouter a = start("a", "192.0.2.1", router(150));
        lan.runFor(Duration.ofSeconds(4));
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(5, lan.host("a").announcements().size(), "garp_master_repeat 5 at once");
        lan.runFor(Duration.ofSeconds(6));
        assertEquals(10, lan.host("a").announcements().size(), "and 5 more after garp_master_delay 5 s");
    }
}

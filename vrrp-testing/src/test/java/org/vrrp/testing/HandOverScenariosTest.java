package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.testing.TestRouters.router;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.Reason;
import org.vrrp.StateChange;
import org.vrrp.VrrpState;
import org.vrrp.protocol.Timing;

/**
 * {@code handOverOnClose}: a master that closes keeps its VIP until the backup has taken over, so the LAN is never
 * without a holder; by default (as keepalived) it is without one for the backup's Skew_Time. Judged by which hosts
 * hold the address, every virtual millisecond.
 */
class HandOverScenariosTest {
    private static final String VIP = "192.0.2.254";
    private static final Duration STEP = Duration.ofMillis(1);

    static Stream<Arguments> timingsAndBackupPriorities() {
        return Timing.all().flatMap(t -> Stream.of(Arguments.of(t, 10), Arguments.of(t, 200)));
    }

    private record Outcome(Duration withoutHolder, Duration heldByBoth, Duration closeTook) {
    }

    /** Starts a (priority 250) and b, closes a once b follows it, and watches the VIP until a has closed. */
    private static Outcome closeTheMaster(Timing t, int backupPriority, boolean handOver) {
        SimulatedLan lan = new SimulatedLan(7);
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1")
                .start(t.apply(router(250, VIP + "/24")).handOverOnClose(handOver));
        SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2")
                .start(t.apply(router(backupPriority, VIP + "/24")));
        lan.runFor(t.masterDown(backupPriority).multipliedBy(2));
        assertEquals(List.of("a"), lan.hostsHolding(VIP));
        assertEquals(VrrpState.BACKUP, b.state());

        Duration closedAt = lan.elapsed();
        a.close();
        Duration without = Duration.ZERO;
        Duration both = Duration.ZERO;
        Duration limit = t.masterDown(1).plusSeconds(1);
        while (!(a.isClosed() && b.state() == VrrpState.MASTER)) {
            assertTrue(lan.elapsed().minus(closedAt).compareTo(limit) < 0, "a closed and b master within " + limit);
            lan.advance(STEP);
            List<String> holders = lan.hostsHolding(VIP);
            if (holders.isEmpty()) {
                without = without.plus(STEP);
            } else if (holders.size() > 1) {
                both = both.plus(STEP);
            }
        }
        Duration took = lan.elapsed().minus(closedAt);
        lan.runFor(t.interval());
        assertEquals(List.of("b"), lan.hostsHolding(VIP));
        return new Outcome(without, both, took);
    }

    @ParameterizedTest(name = "{0}, backup priority {1}")
    @MethodSource("timingsAndBackupPriorities")
    void withHandOverTheVipIsNeverWithoutAHolderAndTheOldMasterLetsGoOnTheNewOnesAdvert(Timing t, int backupPriority) {
        Outcome o = closeTheMaster(t, backupPriority, true);
        assertEquals(Duration.ZERO, o.withoutHolder(), "no instant without a holder");
        assertEquals(Duration.ZERO, o.heldByBoth(), "a lets go as it hears b's first advert, before b's next step");
        Duration skew = t.skew(backupPriority);
        assertTrue(o.closeTook().compareTo(skew) >= 0 && o.closeTook().compareTo(skew.plus(STEP.multipliedBy(2))) <= 0,
                "close() takes b's Skew_Time " + skew + ", took " + o.closeTook());
    }

    @ParameterizedTest(name = "{0}, backup priority {1}")
    @MethodSource("timingsAndBackupPriorities")
    void withoutHandOverTheVipHasNoHolderForTheBackupsSkewTime(Timing t, int backupPriority) {
        Outcome o = closeTheMaster(t, backupPriority, false);
        Duration skew = t.skew(backupPriority);
        assertTrue(o.withoutHolder().compareTo(skew.minus(STEP)) >= 0 && o.withoutHolder().compareTo(skew.plus(STEP)) <= 0,
                "without a holder for Skew_Time " + skew + ": " + o.withoutHolder());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void aMasterAloneHandsOverToNobodyAndLetsGoAfterMasterDownIntervalAtPriorityOne(Timing t) {
        SimulatedLan lan = new SimulatedLan(7);
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1")
                .start(t.apply(router(250, VIP + "/24")).handOverOnClose(true));
        lan.runFor(t.masterDown(250).plus(t.interval()));
        assertEquals(VrrpState.MASTER, a.state());
        a.close();
        lan.advance(t.masterDown(1).minus(STEP));
        assertEquals(List.of("a"), lan.hostsHolding(VIP), "still held just before the bound");
        lan.advance(STEP.multipliedBy(2));
        assertTrue(a.isClosed());
        assertEquals(List.of(), lan.hostsHolding(VIP));
        StateChange last = lan.transitions().get(lan.transitions().size() - 1);
        assertEquals(new Reason.Shutdown(), last.reason());
    }
}

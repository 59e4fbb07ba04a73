package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.testing.TestRouters.router;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.VrrpState;
import org.vrrp.protocol.TimerMath;

/** Reloading a running router (keepalived's SIGHUP) without dropping mastership needlessly. */
class ReloadScenariosTest {
    private final SimulatedLan lan = new SimulatedLan(3);

    @Test
    void aMasterKeepsMastershipWhenItsVipsChangeAndTheKernelFollows() {
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(router(150, "192.0.2.254/24"));
        SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2").start(router(100, "192.0.2.254/24"));
        lan.runFor(Duration.ofSeconds(10));
        int transitions = lan.transitions().size();
        a.reload(router(150, "192.0.2.253/24"));
        b.reload(router(100, "192.0.2.253/24"));
        lan.runFor(Duration.ofSeconds(10));
        assertEquals(transitions, lan.transitions().size(), "no state change: " + lan.transitions());
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(List.of("a"), lan.hostsHolding("192.0.2.253"));
        assertEquals(List.of(), lan.hostsHolding("192.0.2.254"));
        assertTrue(lan.host("a").announcements().stream().anyMatch(v -> v.address().getHostAddress().equals("192.0.2.253")),
                "the new VIP was announced");
    }

    /**
     * Found by the fault campaign (schedule regression-104): while a reload gives the master another address list,
     * its peers drop its adverts as keepalived does, so one of them takes over and announces itself for the
     * addresses both still have. When the reload is undone, that peer steps down on hearing the master, silently;
     * unless the master announces every address again, hosts keep sending to the peer that no longer has them.
     */
    @Test
    void aMasterWhoseAddressListChangesAnnouncesEveryAddressNotOnlyTheAddedOnes() {
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1")
                .start(router(150, "192.0.2.252/24", "192.0.2.253/24"));
        SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2")
                .start(router(100, "192.0.2.252/24", "192.0.2.253/24"));
        lan.runFor(Duration.ofSeconds(10));
        a.reload(router(150, "192.0.2.252/24"));
        Duration mdi = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, mdi.plusSeconds(1)),
                "b drops the adverts of a master whose address list is not its own, and takes over");
        lan.runFor(Duration.ofMillis(300)); // b's first adverts as master reach a, which drops them: no reassert
        int announcedBefore = lan.host("a").announcements().size();
        a.reload(router(150, "192.0.2.252/24", "192.0.2.253/24"));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofSeconds(2)), "b hears a again");
        List<String> announced = lan.host("a").announcements().subList(announcedBefore,
                lan.host("a").announcements().size()).stream().map(v -> v.address().getHostAddress()).toList();
        assertTrue(announced.contains("192.0.2.252"), "a announces the address b took over too, not only the one it"
                + " added back: " + announced);
        assertEquals(List.of("a"), lan.hostsHolding("192.0.2.252"));
    }

    /**
     * The same split ended by the other reload: the master's list grew (its peers drop its adverts, one takes over and
     * announces itself), and the reload that shrinks it back ends the split. The peer steps down on the master's
     * advert without a word; unless the master announces, hosts stay on the peer. Found by the 2-hour fault campaign
     * (seeds 114, 119, 120), after keepalived's rule (announce when an address is added) left it silent.
     */
    @Test
    void aMasterWhoseReloadOnlyRemovesAnAddressAnnouncesTheOthersAgain() {
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1")
                .start(router(150, "192.0.2.252/24", "192.0.2.253/24"));
        SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2")
                .start(router(100, "192.0.2.252/24", "192.0.2.253/24"));
        lan.runFor(Duration.ofSeconds(10));
        a.reload(router(150, "192.0.2.252/24", "192.0.2.253/24", "192.0.2.251/24"));
        Duration mdi = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, mdi.plusSeconds(1)),
                "b drops the adverts of a master whose address list is not its own, and takes over");
        lan.runFor(Duration.ofMillis(300));
        int announcedBefore = lan.host("a").announcements().size();
        a.reload(router(150, "192.0.2.252/24", "192.0.2.253/24"));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.BACKUP, Duration.ofSeconds(2)), "b hears a again");
        List<String> announced = lan.host("a").announcements().subList(announcedBefore,
                lan.host("a").announcements().size()).stream().map(v -> v.address().getHostAddress()).toList();
        assertTrue(announced.containsAll(List.of("192.0.2.252", "192.0.2.253")), "a announces the addresses b had"
                + " taken over: " + announced);
        assertEquals(List.of("a"), lan.hostsHolding("192.0.2.252"));
        assertEquals(List.of(), lan.hostsHolding("192.0.2.251"));
    }

    @Test
    void aLowerPriorityInTheReloadedFileHandsOverWithPreempt() {
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(router(150, "192.0.2.254/24"));
        SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2").start(router(100, "192.0.2.254/24"));
        lan.runFor(Duration.ofSeconds(10));
        a.reload(router(50, "192.0.2.254/24"));
        Duration mdi = Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(2, 100, 100)));
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, mdi.plusMillis(1)));
    }

    @Test
    void aReloadedWeightAppliesToACheckThatIsAlreadyFailing() {
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(router(150, "192.0.2.254/24")
                .healthCheck(HealthCheckSpec.pushed("db").withWeight(-10)));
        lan.runFor(Duration.ofSeconds(5));
        a.reportHealth("db", false);
        assertEquals(140, a.stats().instances().get(0).effectivePriority());
        a.reload(router(150, "192.0.2.254/24").healthCheck(HealthCheckSpec.pushed("db").withWeight(-30)));
        assertEquals(120, a.stats().instances().get(0).effectivePriority(), "kept the failing state, new weight");
    }

    @Test
    void aChangeOfVridNeedsARestartAndChangesNothing() {
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(router(150, "192.0.2.254/24"));
        lan.runFor(Duration.ofSeconds(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.reload(router(150, "192.0.2.254/24").virtualRouterId(52)));
        assertTrue(e.getMessage().startsWith("cannot apply without a restart: instance VI_51 was removed or renamed"),
                e.getMessage());
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(51, a.config().instances().get(0).protocol().vrid());
    }
}

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

package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Rules an RFC audit and runs beside keepalived found broken (issue 11), on the simulated LAN: each
 * test is named after its rule and, where the rule has a timing, runs at every {@link Timing}.
 */
class FidelityScenariosTest {
    private static final String VIP = "192.0.2.254";

    private final SimulatedLan lan = new SimulatedLan(1111);

    static Stream<Arguments> timingsAndPriorities() {
        return Timing.all().flatMap(t -> Stream.of(Arguments.of(t, 50), Arguments.of(t, 200)));
    }

    private SimulatedRouter start(String host, String address, VrrpRouter.Builder b) {
        return lan.host(host).attach("eth0", "lan", address).start(b);
    }

    private static VrrpRouter.Builder router(Timing t, int priority) {
        return t.apply(VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(priority)
                .vip(VIP + "/24"));
    }

    // RFC 3768 6.1 / RFC 9568 6.1: after a priority-0 advert a backup waits Skew_Time, no more.
    @ParameterizedTest(name = "{0}, backup priority {1}")
    @MethodSource("timingsAndPriorities")
    void backupTakesOverSkewTimeAfterTheMasterResigns(Timing t, int backupPriority) {
        SimulatedRouter master = start("a", "192.0.2.1", router(t, 254));
        SimulatedRouter backup = start("b", "192.0.2.2", router(t, backupPriority));
        lan.runFor(t.masterDown(1).multipliedBy(2));
        assertEquals(VrrpState.MASTER, master.state());
        Duration closedAt = lan.elapsed();
        master.close();
        Duration skew = t.skew(backupPriority);
        assertTrue(lan.runUntil(() -> backup.state() == VrrpState.MASTER, skew.plusMillis(1)),
                t + ": backup not master within its Skew_Time " + skew + "; seed " + lan.seed());
        assertTrue(lan.elapsed().minus(closedAt).compareTo(skew) >= 0, "it waited the whole Skew_Time");
        assertEquals(List.of("b"), lan.hostsHolding(VIP));
    }

    // RFC 9568 6.1: 255 is the owner's; setPriority(255) on another router is refused, naming the rule.
    @Test
    void setPriority255IsRefusedOnARouterThatDoesNotOwnTheAddress() {
        SimulatedRouter a = start("a", "192.0.2.1", router(new Timing(2, 100), 254));
        lan.runFor(Duration.ofSeconds(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.setPriority(255));
        assertTrue(e.getMessage().contains("255 is reserved for the address owner (RFC 9568 6.1)")
                && e.getMessage().contains("1..254"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.setPriority("VI_51", 255));
        assertEquals(254, a.stats().instances().get(0).configuredPriority(), "nothing changed");
        assertEquals(254, a.stats().instances().get(0).effectivePriority());
    }
}

package org.vrrp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.testing.SimulatedLan;
import org.vrrp.testing.SimulatedRouter;
import org.vrrp.testing.TestRouters;

/** Meters against {@code stats()} for two routers on a simulated LAN, after a handover. */
class VrrpMeterBinderTest {
    private final SimulatedLan lan = new SimulatedLan(5);
    private final SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(router(150)
            .healthCheck(HealthCheckSpec.pushed("api").withWeight(-20)));
    private final SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2").start(router(100));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static VrrpRouter.Builder router(int priority) {
        return TestRouters.router(priority, "192.0.2.254/24");
    }

    VrrpMeterBinderTest() {
        // Two routers in one registry: the "router" tag keeps their VI_51 apart.
        new VrrpMeterBinder(a.instanceNames(), a::stats, Tags.of("router", "a"), Duration.ZERO).bindTo(registry);
        new VrrpMeterBinder(b.instanceNames(), b::stats, Tags.of("router", "b"), Duration.ZERO).bindTo(registry);
    }

    private double counter(String name, String router, String... tags) {
        FunctionCounter c = registry.get(name).tags("router", router).tags(tags).functionCounter();
        return c.count();
    }

    private double gauge(String name, String router) {
        Gauge g = registry.get(name).tags("router", router, "instance", "VI_51").gauge();
        return g.value();
    }

    private void assertMetersMatch(String router, RouterStats stats) {
        InstanceStats i = stats.instance("VI_51");
        String[] vi = {"instance", "VI_51"};
        Map<String, Long> counters = Map.of(
                "vrrp.transitions", i.transitions(),
                "vrrp.became.master", i.becameMaster(),
                "vrrp.adverts.sent", i.advertsSent(),
                "vrrp.adverts.received", i.advertsReceived(),
                "vrrp.adverts.priority.zero.sent", i.priorityZeroSent(),
                "vrrp.adverts.priority.zero.received", i.priorityZeroReceived());
        counters.forEach((meter, expected) -> assertEquals(expected, counter(meter, router, vi), 0.0, router + " " + meter));
        Map<String, Long> errors = Map.of("ttl", i.ttlErrors(), "version", i.versionErrors(), "auth", i.authErrors(),
                "interval", i.intervalErrors(), "address-list", i.addressListErrors(),
                "own-address", i.ownAddressAdverts(), "vip-add", i.vipAddErrors(), "unknown-peer", i.unknownPeerErrors());
        errors.forEach((reason, expected) -> assertEquals(expected,
                counter("vrrp.errors", router, "instance", "VI_51", "reason", reason), 0.0, reason));
        assertEquals(stats.receiveErrors().get("bad-checksum"),
                counter("vrrp.receive.errors", router, "reason", "bad-checksum"), 0.0);
        assertEquals(stats.unknownVridPackets(), counter("vrrp.receive.errors", router, "reason", "unknown-vrid"), 0.0);
        assertEquals(i.effectivePriority(), gauge("vrrp.priority.effective", router), 0.0);
        assertEquals(i.configuredPriority(), gauge("vrrp.priority.configured", router), 0.0);
        assertEquals(VrrpMeterBinder.stateValue(i.state()), gauge("vrrp.state", router), 0.0);
        TimeGauge lateness = registry.get("vrrp.timer.lateness").tags("router", router).timeGauge();
        assertEquals(stats.maxTimerLatenessNanos(), lateness.value(TimeUnit.NANOSECONDS), 0.0);
    }

    @Test
    void everyMeterReadsTheSameFigureAsStatsAfterAHandover() {
        lan.runFor(Duration.ofSeconds(20));
        a.reportHealth("api", false);
        assertEquals(130, gauge("vrrp.priority.effective", "a"), 0.0);
        assertEquals(2, gauge("vrrp.state", "a"), 0.0, "MASTER");

        a.resign("VI_51");
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(1)), "seed " + lan.seed());
        lan.runFor(Duration.ofMillis(5_500));

        assertMetersMatch("a", a.stats());
        assertMetersMatch("b", b.stats());
        assertEquals(1, gauge("vrrp.state", "a"), 0.0, "BACKUP");
        assertEquals(2, gauge("vrrp.state", "b"), 0.0, "MASTER");
        assertEquals(1, counter("vrrp.adverts.priority.zero.sent", "a", "instance", "VI_51"), 0.0);
        assertEquals(1, counter("vrrp.adverts.priority.zero.received", "b", "instance", "VI_51"), 0.0);
        assertEquals(3, counter("vrrp.transitions", "a", "instance", "VI_51"), 0.0);
    }

    @Test
    void stateValuesAreFixedWhateverTheEnumOrder() {
        assertEquals(0, VrrpMeterBinder.stateValue(VrrpState.INITIALIZE));
        assertEquals(1, VrrpMeterBinder.stateValue(VrrpState.BACKUP));
        assertEquals(2, VrrpMeterBinder.stateValue(VrrpState.MASTER));
        assertEquals(3, VrrpMeterBinder.stateValue(VrrpState.FAULT));
    }
}

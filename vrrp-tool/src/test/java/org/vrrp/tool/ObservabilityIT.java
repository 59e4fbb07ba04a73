package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.Routers;
import org.vrrp.linux.it.TestNetwork;
import org.vrrp.metrics.VrrpMeterBinder;

/**
 * Issue 8's done-when, for real: two routers in network namespaces, a scripted failover (the master
 * closes, the backup takes over on its priority-0 advert), then the new master's figures read three
 * ways — {@code stats()}, Micrometer, and {@code vrrp status --json} over the control socket — agree,
 * and agree with what the script implies.
 */
@RequiresRoot
class ObservabilityIT {
    private static final List<String> VIP = List.of("192.0.2.254/24");

    @Test
    void apiMicrometerAndStatusJsonAgreeAfterARealFailover() throws Exception {
        Path dir = Files.createTempDirectory("vrrp-obs-it-");
        Path socket = dir.resolve("b.sock");
        try (TestNetwork net = TestNetwork.create(); AutoCloseable removeDir = () -> Files.deleteIfExists(dir)) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (VrrpRouter ra = Routers.on(a, 51, 150, VIP).start();
                 VrrpRouter rb = Routers.on(b, 51, 100, VIP).controlSocket(socket).start()) {
                Poll.until(Duration.ofSeconds(10), "a elected", () -> Routers.holdsAll(a, VIP));
                Poll.until(Duration.ofSeconds(5), "b hears a", () -> rb.stats().instances().get(0).masterAddress() != null);
                long heardBefore = rb.stats().instances().get(0).advertsReceived();
                long sentByA = ra.stats().instances().get(0).advertsSent();

                ra.close(); // the scripted failover
                Poll.until(Duration.ofSeconds(5), "b holds the VIP", () -> Routers.holdsAll(b, VIP));

                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                new VrrpMeterBinder(rb, Tags.empty(), Duration.ZERO).bindTo(registry);
                // b keeps advertising once a second: take the three readings between two equal API readings.
                RouterStats api;
                Map<String, Object> json;
                RouterStats after;
                int attempts = 0;
                do {
                    api = rb.stats();
                    CommandRun status = CommandRun.of("status", "--json", "--socket", socket.toString());
                    assertEquals(0, status.exitCode(), status.err());
                    json = MiniJson.parseObject(status.outLines().get(1));
                    assertMetersEqual(registry, api.instance("VI_51"));
                    after = rb.stats();
                } while (after.instance("VI_51").advertsSent() != api.instance("VI_51").advertsSent() && ++attempts < 3);
                InstanceStats i = api.instance("VI_51");

                // What the script implies, so that three readers agreeing on a wrong figure still fails.
                assertEquals(VrrpState.MASTER, i.state());
                assertEquals("master 192.0.2.1 resigned (priority 0)", i.lastTransition().reason().toString());
                assertEquals(2, i.transitions(), "INITIALIZE -> BACKUP -> MASTER");
                assertEquals(1, i.becameMaster());
                assertEquals(1, i.priorityZeroReceived());
                assertEquals(0, i.priorityZeroSent());
                assertTrue(i.advertsReceived() > heardBefore, "a's priority-0 advert came after the first reading");
                assertEquals(sentByA + 1, i.advertsReceived(), "b heard every advert a sent, its priority 0 included");
                assertTrue(i.advertsSent() >= 1);
                assertEquals(0, i.ttlErrors() + i.authErrors() + i.versionErrors() + i.intervalErrors());
                assertEquals(0, api.checksumErrors() + api.lengthErrors() + api.vridErrors());

                Map<String, Long> figures = Map.of("transitions", i.transitions(), "became_master", i.becameMaster(),
                        "adverts_sent", i.advertsSent(), "adverts_received", i.advertsReceived(),
                        "priority_zero_sent", i.priorityZeroSent(), "priority_zero_received", i.priorityZeroReceived(),
                        "ttl_errors", i.ttlErrors(), "effective_priority", (long) i.effectivePriority());
                for (Map.Entry<String, Long> e : figures.entrySet()) {
                    assertEquals(e.getValue(), json.get(e.getKey()), "status --json " + e.getKey());
                }
                assertEquals("MASTER", json.get("state"));
                assertEquals("master 192.0.2.1 resigned (priority 0)", json.get("last_transition_reason"));
            }
        }
    }

    private static void assertMetersEqual(SimpleMeterRegistry registry, InstanceStats i) {
        Map<String, Long> meters = Map.of("vrrp.transitions", i.transitions(), "vrrp.became.master", i.becameMaster(),
                "vrrp.adverts.sent", i.advertsSent(), "vrrp.adverts.received", i.advertsReceived(),
                "vrrp.adverts.priority.zero.received", i.priorityZeroReceived(),
                "vrrp.adverts.priority.zero.sent", i.priorityZeroSent());
        meters.forEach((meter, expected) -> assertEquals(expected,
                registry.get(meter).tag("instance", "VI_51").functionCounter().count(), 0.0, meter));
        assertEquals(VrrpMeterBinder.stateValue(i.state()), registry.get("vrrp.state").gauge().value(), 0.0);
        assertEquals(i.effectivePriority(), registry.get("vrrp.priority.effective").gauge().value(), 0.0);
    }
}

package org.vrrp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.spi.ControlPeer;
import org.vrrp.testing.SimulatedLan;
import org.vrrp.testing.SimulatedRouter;

/** The control protocol over routers on a simulated LAN: requests in, the text an operator reads out. */
class ControlServiceTest {
    private static final ControlPeer ROOT = new ControlPeer(0, 4242);
    private static final ControlPeer OTHER_USER = new ControlPeer(1001, 4243);

    private final SimulatedLan lan = new SimulatedLan(3);
    private final SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(VrrpRouter.builder()
            .interfaceName("eth0").virtualRouterId(51).priority(150).vip("192.0.2.254/24")
            .healthCheck(HealthCheckSpec.pushed("api").withWeight(-20)));
    private final SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2").start(VrrpRouter.builder()
            .interfaceName("eth0").virtualRouterId(51).priority(100).vip("192.0.2.254/24"));
    private final ControlService service = new ControlService(new ControlService.Target() {
        @Override
        public RouterStats stats() {
            return a.stats();
        }

        @Override
        public void setPriority(String instance, int priority) {
            a.setPriority(instance, priority);
        }

        @Override
        public void resign(String instance) {
            a.resign(instance);
        }
    }, new ControlAuthorization(1000));

    ControlServiceTest() {
        lan.runFor(Duration.ofSeconds(10));
    }

    @Test
    void statusSaysWhoIsMasterAndWhyThenTheCounters() {
        a.reportHealth("api", false);
        List<String> lines = service.handle("status", OTHER_USER).lines().toList();
        assertTrue(lines.get(0).matches("VI_51: MASTER for \\d+\\.\\d s \\(BACKUP -> MASTER: master down timer expired\\)"),
                lines.get(0));
        assertEquals("  priority 130 effective, 150 configured (api -20)", lines.get(1));
        assertEquals("  master 192.0.2.1 priority 130 interval 1.00 s", lines.get(2));
        assertTrue(lines.get(3).startsWith("  transitions 2, became master 1; adverts sent "), lines.get(3));
        assertEquals("  dropped: ttl 0, version 0, auth 0, interval 0, unknown peer 0; address-list mismatches 0", lines.get(4));
        assertEquals("router: late wake-ups 0 (worst 0.0 ms); dropped before an instance: checksum 0, version 0, vrid 0,"
                + " length 0, other 0", lines.get(5));
        assertTrue(lines.get(6).matches("router: timer wake-ups by lateness: <0\\.1 ms \\d+, <0\\.5 ms \\d+, <1 ms \\d+,"
                + " <2 ms \\d+, <5 ms \\d+, <10 ms \\d+, <25 ms \\d+, >=25 ms \\d+"), lines.get(6));
    }

    @Test
    void statusJsonIsOneFlatObjectForTheRouterThenOnePerInstance() {
        RouterStats stats = a.stats();
        List<String> lines = service.handle("status json", OTHER_USER).lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"kind\":\"router\",\"checksum_errors\":0,\"version_errors\":0,"
                + "\"vrid_errors\":0,\"length_errors\":0,\"unknown_vrid_packets\":0,\"late_wakeups\":0,"), lines.get(0));
        assertTrue(lines.get(0).contains("\"receive_errors.bad-checksum\":0"), lines.get(0));
        assertTrue(lines.get(0).matches(".*\"max_timer_lateness_micros\":\\d+,\"timer_lateness_micros\\.lt_100\":\\d+,"
                + "\"timer_lateness_micros\\.lt_500\":\\d+,.*\"timer_lateness_micros\\.lt_25000\":\\d+,"
                + "\"timer_lateness_micros\\.ge_25000\":\\d+,.*"), lines.get(0));
        String instance = lines.get(1);
        assertTrue(instance.startsWith("{\"kind\":\"instance\",\"instance\":\"VI_51\",\"state\":\"MASTER\","), instance);
        assertTrue(instance.contains("\"last_transition_from\":\"BACKUP\",\"last_transition_to\":\"MASTER\","
                + "\"last_transition_reason\":\"master down timer expired\""), instance);
        assertTrue(instance.contains("\"configured_priority\":150,\"effective_priority\":150,\"health.api\":0,"
                + "\"master_address\":\"192.0.2.1\",\"master_priority\":150,\"master_advert_interval_centis\":100,"
                + "\"transitions\":2,\"became_master\":1,\"adverts_sent\":" + stats.instance("VI_51").advertsSent()
                + ","), instance);
        assertTrue(instance.endsWith("\"address_list_errors\":0,\"peers_not_hearing_us\":0,"
                + "\"sync_group_held_takeovers\":0,\"vip_add_errors\":0,\"own_address_adverts\":0,\"unknown_peer_errors\":0}"), instance);
    }

    @Test
    void theRoutersUserCanHandOverAndAnotherUserCannot() {
        assertEquals("error: permission denied: changing the router needs root or uid 1000 (the router's user);"
                + " request came from uid 1001\n", service.handle("resign VI_51", OTHER_USER));
        assertEquals(VrrpState.MASTER, a.state());

        assertEquals("ok: VI_51 resigned (priority 1 until set-priority)\n", service.handle("resign VI_51", ROOT));
        assertEquals(VrrpState.BACKUP, a.state());
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(1)), "seed " + lan.seed());

        assertEquals("ok: VI_51 priority set to 200\n", service.handle("set-priority VI_51 200",
                new ControlPeer(1000, 1)));
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, Duration.ofSeconds(5)), "preempts back");
    }

    @Test
    void unknownInstancesAndCommandsGetOneLineErrors() {
        assertEquals("error: no instance named \"VI_9\"; instances: [VI_51]\n", service.handle("resign VI_9", ROOT));
        assertEquals("error: unknown command 'stats' (try: status, status json, set-priority INSTANCE N, resign"
                + " INSTANCE)\n", service.handle("stats", ROOT));
    }
}

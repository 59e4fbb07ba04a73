package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.script.NotifyScripts;

/** Configurations shaped like the ones operators run, read end to end from files. */
class RealisticConfigsTest {

    @Test
    void twoRoutersBetweenTwoSegmentsWithSyncGroup() throws Exception {
        KeepalivedConfig config = ConfFiles.read("two-segments-sync-group.conf");
        assertEquals(List.of("OUTSIDE", "INSIDE"), config.instances().stream().map(VrrpInstanceDef::name).toList());
        VrrpSyncGroupDef group = config.syncGroups().get(0);
        assertEquals("FW", group.name());
        assertEquals(List.of("OUTSIDE", "INSIDE"), group.instanceNames());
        assertEquals(Optional.of(group), config.syncGroupOf("INSIDE"));
        for (VrrpInstanceDef vi : config.instances()) {
            assertEquals(VrrpState.BACKUP, vi.initialState());
            assertFalse(vi.preempt(), vi.name());
            assertEquals(100, vi.advertIntervalCentis());
            assertEquals(Optional.of("s3cret"), vi.authPass());
            assertEquals(2, vi.version());
        }
        assertEquals("eth1", config.instance("INSIDE").orElseThrow().interfaceName());
        assertEquals(20, config.instance("INSIDE").orElseThrow().virtualRouterId());
        assertEquals(Optional.of("fw-a"), config.globalDefs().routerId());
        assertEquals(List.of(), config.warnings(), "router_id changes nothing here: no warning");
        assertTrue(config.notes().get(0).message().endsWith(": router_id"), "router_id is noted once");
    }

    @Test
    void gatewayWithTrackedScript() throws Exception {
        KeepalivedConfig config = ConfFiles.read("gateway-with-script.conf");
        VrrpScriptDef script = config.script("chk_gateway").orElseThrow();
        assertEquals("/usr/local/bin/check-gateway --upstream 'isp one'", script.script());
        assertEquals(2_000, script.intervalMillis());
        assertEquals(1_500, script.timeoutMillis());
        assertEquals(3, script.fall());
        assertEquals(2, script.rise());
        assertEquals(-60, script.weight());
        assertEquals(List.of("/usr/local/bin/check-gateway", "--upstream", "isp one"),
                script.healthCheck().command().argv());

        VrrpInstanceDef gw = config.instance("GW").orElseThrow();
        assertEquals(VrrpState.MASTER, gw.initialState());
        assertEquals(245, gw.priority());
        assertTrue(gw.preempt());
        assertEquals(0, gw.preemptDelayMillis(), "keepalived clears preempt_delay under state MASTER");
        assertEquals(List.of(new TrackedScript("chk_gateway", -60, false, gw.trackScripts().get(0).location())),
                gw.trackScripts());
        assertEquals(List.of("eth1", "eth2"), gw.trackInterfaces().stream().map(TrackedInterface::name).toList());
        assertEquals(List.of(-20, 0), gw.trackInterfaces().stream().map(TrackedInterface::weight).toList());
        assertEquals(List.of("192.0.2.1/24 dev eth0", "192.0.2.2/32"),
                gw.virtualAddresses().stream().map(VirtualIpAddress::toString).toList());
        assertEquals(AddressFamily.IPV6, gw.excludedAddresses().get(0).family(),
                "excluded addresses may be of the other family");
        // instance garp_master_repeat overrides the global one; delay comes from global_defs
        assertEquals(new GarpSettings(10, 1, 0, 1, 10, 1), gw.garp());
        assertEquals(new GarpSettings(10, 3, 0, 1, 10, 3), config.globalDefs().garp());
        assertTrue(config.globalDefs().enableScriptSecurity());
        assertEquals(List.of("preempt_delay"), config.warnings().stream().map(Diagnostic::keyword).toList(),
                config.warnings().toString());
    }

    @Test
    void notifyScripts() throws Exception {
        KeepalivedConfig config = ConfFiles.read("notify-scripts.conf");
        assertEquals(new NotifyScripts(Optional.of("/etc/keepalived/notify.sh --log /var/log/vrrp.log"),
                        Optional.of("/etc/keepalived/master.sh"), Optional.of("/etc/keepalived/state.sh backup"),
                        Optional.of("/etc/keepalived/state.sh fault"), Optional.of("/etc/keepalived/stop.sh")),
                config.instance("VI_NOTIFY").orElseThrow().notifyScripts());
        assertEquals(new NotifyScripts(Optional.of("/etc/keepalived/group-notify.sh"),
                        Optional.of("/etc/keepalived/group.sh master"), Optional.empty(), Optional.empty(),
                        Optional.empty()),
                config.syncGroups().get(0).notifyScripts());
    }

    @Test
    void unicastPeers() throws Exception {
        VrrpInstanceDef vi = ConfFiles.read("unicast-peers.conf").instances().get(0);
        assertEquals(Optional.of(InetAddress.getByName("10.1.0.11")), vi.sourceAddress());
        assertEquals(List.of(InetAddress.getByName("10.1.0.12"), InetAddress.getByName("10.1.0.13")),
                vi.unicastPeers());
    }

    @Test
    void includeOfOtherFilesByGlob() throws Exception {
        KeepalivedConfig config = ConfFiles.read("include-main.conf");
        VrrpInstanceDef app = config.instance("APP").orElseThrow();
        assertEquals(3, app.version(), "global vrrp_version applies to included instances");
        assertEquals(25, app.advertIntervalCentis());
        assertEquals(10, app.trackScripts().get(0).weight(), "weight on track_script overrides the script's 0");
        assertEquals(VrrpState.BACKUP, app.initialState(), "keepalived's default state");
        assertEquals(100, app.priority(), "keepalived's default priority");
        assertTrue(app.location().file().endsWith("conf.d/20-instance.conf"), app.location().file());
        assertEquals(1, app.location().line());
        assertTrue(config.script("chk_app").orElseThrow().location().file().endsWith("conf.d/10-script.conf"));
    }

    @Test
    void commentsAtLineEndAndBracesOnTheNextLine() throws Exception {
        KeepalivedConfig config = ConfFiles.read("comments-and-braces.conf");
        VrrpInstanceDef vi = config.instance("VI_STYLE").orElseThrow();
        assertEquals(VrrpState.MASTER, vi.initialState());
        assertEquals("eth0", vi.interfaceName());
        assertEquals(200, vi.priority());
        assertEquals("192.0.2.81/24 dev eth0", vi.virtualAddresses().get(0).toString());
        assertEquals("chk_one", vi.trackScripts().get(0).name());
        assertEquals("/bin/true", config.script("chk_one").orElseThrow().script());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }
}
